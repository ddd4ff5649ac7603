"""The mixed load's schedule, and bench/mix.lua following it (wrk against a recording server)."""

import shutil
from pathlib import Path

import pytest

from bench.mix import API, PAGE, Kind, query, schedule, schedule_text, spread
from bench.mixed import MIX_SCRIPT
from bench.wrk import run_wrk, wrk_command

HOME = Kind("home", ("/",), 3)
EVENTS = Kind("events", ("/events/a/", "/events/b/"), 1, fresh=True)
API_EVENTS = Kind("API events", ("/api/v1/events/",), 1, accept=API, conditional=True)


def test_schedule_spreads_kinds_by_weight_and_turns_through_their_paths():
    assert schedule([HOME, EVENTS], 8) == [
        (0, "/"),
        (0, "/"),
        (1, "/events/a/"),
        (0, "/"),
        (0, "/"),
        (0, "/"),
        (1, "/events/b/"),
        (0, "/"),
    ]


def test_schedule_asks_each_kind_its_weight_in_every_round():
    kinds = [Kind(str(weight), ("/",), weight) for weight in (5, 3, 2)]

    lines = schedule(kinds, 100)

    assert [sum(index == number for index, _ in lines) for number in range(3)] == [50, 30, 20]


def test_schedule_leaves_out_a_kind_of_weight_zero():
    assert schedule([HOME, Kind("none", ("/x",), 0)], 3) == [(0, "/"), (0, "/"), (0, "/")]


@pytest.mark.parametrize(
    "kinds",
    [[], [Kind("none", ("/",), 0)], [Kind("no path", (), 1)], [HOME, Kind("neg", ("/",), -1)]],
)
def test_schedule_refuses_kinds_it_cannot_follow(kinds):
    with pytest.raises(ValueError, match="Every kind needs a path"):
        schedule(kinds, 3)


def test_schedule_text_writes_kind_fresh_accept_etag_and_path():
    kinds = [HOME, EVENTS, API_EVENTS]
    lines = [(0, "/"), (1, "/events/a/"), (2, "/api/v1/events/")]

    text = schedule_text(kinds, lines, {("/api/v1/events/", API): '"v1-abc"'})

    assert text == (
        "0\t0\ttext/html\t\t/\n"
        "1\t1\ttext/html\t\t/events/a/\n"
        '2\t0\tapplication/json\t"v1-abc"\t/api/v1/events/\n'
    )


def test_schedule_text_refuses_a_path_with_a_tab():
    with pytest.raises(ValueError, match="holds a tab or a new line"):
        schedule_text([HOME], [(0, "/\t")], {})


def test_spread_takes_items_at_even_steps():
    assert spread([str(number) for number in range(10)], 4) == ("0", "2", "5", "7")
    assert spread(["a", "b"], 5) == ("a", "b")


def test_query_encodes_parameters():
    assert query("/search/", q="Алматы су", page=2) == (
        "/search/?q=%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B+%D1%81%D1%83&page=2"
    )


def test_kind_is_warmed_unless_fresh():
    assert (HOME.warmed, EVENTS.warmed, API_EVENTS.warmed) == (True, False, True)


needs_wrk = pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")


@needs_wrk
def test_mix_script_follows_the_schedule_with_its_headers(recorder, tmp_path: Path):
    address, requests = recorder
    kinds = [HOME, EVENTS, API_EVENTS]
    lines = schedule(kinds, 5)
    plan = tmp_path / "schedule.tsv"
    plan.write_text(schedule_text(kinds, lines, {("/api/v1/events/", API): '"v1-abc"'}))

    run_wrk(
        wrk_command(
            f"{address}/",
            connections=1,
            threads=1,
            seconds=1,
            headers={},
            script=MIX_SCRIPT,
            script_arguments=[str(plan), "1"],
        )
    )

    # wrk may make a request it never sends (a connection closed): each is read by its counter.
    counters = [int(request.headers["X-Request-ID"].rsplit("-", 1)[1]) for request in requests]
    expected = []
    for counter in counters:
        kind, path = lines[(counter - 1) % len(lines)]
        accept = {0: PAGE, 1: f"{PAGE}, x-fresh/t0-{counter}", 2: API}[kind]
        etag = '"v1-abc"' if kind == 2 else None
        expected.append((path, f"mix-{kind}-0-{counter}", accept, etag, "gzip"))
    assert len(requests) > 10
    assert [
        (
            request.path,
            request.headers["X-Request-ID"],
            request.headers["Accept"],
            request.headers.get("If-None-Match"),
            request.headers["Accept-Encoding"],
        )
        for request in requests
    ] == expected
