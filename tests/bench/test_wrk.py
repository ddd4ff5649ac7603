"""Reading wrk's report: the benchmark's numbers come from these lines."""

import shutil

import pytest

from bench.load import FRESH_SCRIPT as FRESH
from bench.wrk import WrkError, WrkResult, milliseconds, parse_wrk_output, run_wrk, wrk_command

REPORT = """\
Running 15s test @ http://127.0.0.1:41237/api/v1/events/?page_size=50
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    25.98ms  107.19ms   1.83s    94.85%
    Req/Sec     1.36k   619.97     2.46k    60.00%
  Latency Distribution
     50%  812.00us
     75%    4.15ms
     90%    9.96ms
     99%    1.02s
  4153 requests in 15.00s, 2.06MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:    276.87
Transfer/sec:    140.60KB
"""


def test_parse_wrk_output_reads_rate_percentiles_and_errors():
    assert parse_wrk_output(REPORT) == WrkResult(
        requests=4153,
        requests_per_second=276.87,
        p50_ms=0.812,
        p99_ms=1020.0,
        socket_errors=5,
        bad_answers=7,
    )


def test_wrk_result_errors_are_socket_errors_and_bad_answers():
    assert WrkResult(10, 5.0, 1.0, 2.0, socket_errors=5, bad_answers=7).errors == 12


def test_parse_wrk_output_without_error_lines_counts_none():
    clean = "\n".join(
        line for line in REPORT.splitlines() if not line.startswith(("  Socket", "  Non-2xx"))
    )

    assert parse_wrk_output(clean).errors == 0


def test_parse_wrk_output_refuses_a_report_without_latency_distribution():
    with pytest.raises(WrkError, match="has no line matching"):
        parse_wrk_output(REPORT.replace("50%", "fifty"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("812.00us", 0.812), ("4.90ms", 4.9), ("1.02s", 1020.0), ("2.00m", 120_000.0)],
)
def test_milliseconds_reads_wrk_units(text, expected):
    assert milliseconds(text) == pytest.approx(expected)


def test_milliseconds_refuses_a_number_without_unit():
    with pytest.raises(WrkError, match="'12' where a duration was expected"):
        milliseconds("12")


def test_wrk_command_sends_headers_and_asks_for_latency():
    command = wrk_command(
        "http://127.0.0.1:8000/",
        connections=16,
        threads=2,
        seconds=15,
        headers={"If-None-Match": '"abc"'},
    )

    assert command == [
        "wrk",
        "--connections=16",
        "--threads=2",
        "--duration=15s",
        "--timeout=30s",
        "--latency",
        "--header",
        'If-None-Match: "abc"',
        "http://127.0.0.1:8000/",
    ]


def test_wrk_command_runs_a_script():
    command = wrk_command(
        "http://127.0.0.1:8000/", connections=1, threads=1, seconds=1, headers={}, script=FRESH
    )

    assert command[-2:] == [f"--script={FRESH}", "http://127.0.0.1:8000/"]


needs_wrk = pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")


@needs_wrk
def test_fresh_script_makes_every_request_new_to_the_cache_and_keeps_the_accept_header(recorder):
    address, requests = recorder

    run_wrk(
        wrk_command(
            f"{address}/",
            connections=2,
            threads=2,
            seconds=1,
            headers={"Accept": "application/json"},
            script=FRESH,
        )
    )

    accepted = [request.headers["Accept"] for request in requests]
    assert len(accepted) > 10
    assert len(set(accepted)) == len(accepted)
    assert all(accept.startswith("application/json, x-fresh/t") for accept in accepted)


def test_wrk_command_passes_the_scripts_arguments_after_the_url():
    command = wrk_command(
        "http://127.0.0.1:8000/a",
        connections=2,
        threads=2,
        seconds=1,
        headers={},
        script=FRESH,
        script_arguments=["2", "/a", "/b"],
    )

    assert command[-5:] == ["http://127.0.0.1:8000/a", "--", "2", "/a", "/b"]


@needs_wrk
def test_fresh_script_given_paths_asks_each_before_asking_any_again(recorder):
    address, requests = recorder
    paths = [f"/search/?q=word{number}" for number in range(5000)]

    run_wrk(
        wrk_command(
            f"{address}{paths[0]}",
            connections=2,
            threads=2,
            seconds=1,
            headers={},
            script=FRESH,
            script_arguments=["2", *paths],
        )
    )

    asked = [request.path for request in requests]
    assert 10 < len(asked) < len(paths)
    assert len(set(asked)) == len(asked)
    assert set(asked) <= set(paths)
