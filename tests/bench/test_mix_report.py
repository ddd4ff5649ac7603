"""Reading the mixed load's figures from nginx's access log and memory samples."""

import json

import pytest

from bench.mix import Kind
from bench.mix_report import (
    KindFigures,
    Sample,
    busy_share,
    cpu_shares,
    figures_by_kind,
    format_kinds,
    format_memory,
    kind_of,
    percentile,
    read_access_log,
    upstream_counts,
)

KINDS = [Kind("home", ("/",), 1), Kind("API events", ("/api/v1/events/",), 1)]


def entry(request_id, status=200, seconds=0.010, upstream="127.0.0.1:1", upstream_time="0.009"):
    return {
        "request_id": request_id,
        "status": status,
        "seconds": seconds,
        "upstream": upstream,
        "upstream_seconds": upstream_time,
    }


def test_read_access_log_reads_each_json_line():
    line = (
        '{"time":"2026-11-30T10:00:00+00:00","request_id":"mix-0-1-7","client":"127.0.0.1",'
        '"method":"GET","uri":"/?q=\\"a\\"","status":200,"bytes":512,"seconds":0.004,'
        '"upstream":"127.0.0.1:41001","upstream_status":"200","upstream_seconds":"0.003"}'
    )

    assert read_access_log(f"{line}\n\n") == [json.loads(line)]
    assert read_access_log(line)[0]["uri"] == '/?q="a"'


@pytest.mark.parametrize(
    ("request_id", "expected"),
    [("mix-3-1-42", 3), ("mix-12-0-1", 12), ("5f1c0e9a", None), ("mix-a-1-2", None), ("", None)],
)
def test_kind_of_reads_the_mix_scripts_request_id(request_id, expected):
    assert kind_of(request_id) == expected


def test_percentile_takes_the_nearest_rank():
    values = [float(number) for number in range(1, 101)]

    assert (percentile(values, 0.5), percentile(values, 0.99), percentile([], 0.5)) == (
        50.0,
        99.0,
        0.0,
    )


def test_figures_by_kind_counts_statuses_and_times_of_the_loads_requests_only():
    entries = [
        entry("mix-0-0-1", seconds=0.010, upstream_time="0.010"),
        entry("mix-0-1-1", seconds=0.030, upstream_time="0.020"),
        entry("mix-0-0-2", status=499, seconds=0.020, upstream_time="0.015"),
        entry("mix-1-0-3", status=304, seconds=0.002, upstream_time="0.001"),
        entry("warm-up", status=500),
    ]

    figures = figures_by_kind(entries, KINDS)

    assert figures == [
        KindFigures("home", 3, 20.0, 30.0, {200: 2, 499: 1}),
        KindFigures("API events", 1, 2.0, 2.0, {304: 1}),
    ]


def test_upstream_counts_names_the_replica_that_answered_and_counts_retries():
    entries = [
        entry("mix-0-0-1", upstream="127.0.0.1:1"),
        entry("mix-0-0-2", upstream="127.0.0.1:2, 127.0.0.1:1"),
        entry("mix-0-0-3", upstream="127.0.0.1:2"),
        entry("mix-0-0-4", status=413, upstream=""),
        entry("not-the-load", upstream="127.0.0.1:3"),
    ]

    answered, retried = upstream_counts(entries)

    assert (dict(answered), retried) == ({"127.0.0.1:1": 2, "127.0.0.1:2": 1}, 1)


def test_format_kinds_gives_each_kinds_share_latency_and_statuses():
    figures = [
        KindFigures("home", 3, 20.0, 30.0, {200: 2, 499: 1}),
        KindFigures("API events", 1, 2.0, 2.0, {304: 1}),
        KindFigures("static files", 0, 0.0, 0.0, {}),
    ]

    assert format_kinds(figures).splitlines() == [
        "kind          requests   share    p50 ms    p99 ms  statuses",
        "home                 3   75.0%      20.0      30.0  200: 2, 499: 1",
        "API events           1   25.0%       2.0       2.0  304: 1",
        "static files         0    0.0%       0.0       0.0  –",
    ]


def test_format_memory_shows_each_sample_and_the_change():
    samples = [
        Sample(0.0, {"replica 1 worker 10": 118.25, "nginx master 5": 7.0}),
        Sample(5.1, {"replica 1 worker 10": 119.0, "nginx master 5": 7.0}),
        Sample(10.0, {"replica 1 worker 11": 90.0, "nginx master 5": 7.0}),
    ]

    assert format_memory(samples).splitlines() == [
        "process                  0s      5s     10s  change",
        "replica 1 worker 10   118.2   119.0       –    +0.8",
        "nginx master 5          7.0     7.0     7.0    +0.0",
        "replica 1 worker 11       –       –    90.0       –",
    ]


def test_busy_share_is_busy_time_over_all_time_between_two_readings():
    assert busy_share((100, 400), (250, 600)) == 0.75
    assert busy_share((1, 1), (1, 1)) == 0.0


def test_cpu_shares_adds_each_groups_processes_present_at_both_readings():
    start = {"replica 1 worker 10": 100, "replica 2 worker 11": 50, "nginx worker 7": 5}
    end = {"replica 1 worker 10": 400, "replica 2 worker 11": 250, "nginx worker 7": 25, "x 1": 9}

    assert cpu_shares(start, end, machine_ticks=1000) == {"nginx": 0.02, "replica": 0.5}
