"""The mixed load's options and warm-up, and nginx from deploy/nginx.conf (in front of a
recording server)."""

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from bench.mix import API, Kind
from bench.mix_report import read_access_log
from bench.mixed import Answer, keep_answered, parse_options, requests_to_warm, static_kind
from bench.serve import nginx, nginx_upstream

HOME = Kind("home", ("/",), 10)
EVENTS = Kind("events", ("/events/a/", "/events/b/"), 5, fresh=True)
API_EVENTS = Kind("API events", ("/api/v1/events/",), 5, accept=API, conditional=True)


def test_parse_options_defaults():
    assert vars(parse_options([])) == {
        "postgres": "postgres://postgres@127.0.0.1:5432",
        "database": "sdgportal_bench",
        "rebuild": False,
        "scale": 1.0,
        "seed": 1,
        "replicas": 3,
        "workers": 2,
        "duration": 60,
        "connections": 64,
        "threads": 2,
        "sample_every": 5,
        "kill_replica_at": None,
        "redis": "redis://127.0.0.1:6379/15",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--replicas", "0"], "--replicas must be 1 or more"),
        (["--sample-every", "0"], "--sample-every must be 1 or more"),
        (["--connections", "1", "--threads", "2"], "--threads must not exceed --connections"),
        (["--database", "Bench"], "--database must be lower-case"),
        (["--duration", "30", "--kill-replica-at", "30"], "--kill-replica-at must fall within"),
    ],
)
def test_parse_options_refuses_what_cannot_run(argv, message, capsys):
    with pytest.raises(SystemExit):
        parse_options(argv)

    assert message in capsys.readouterr().err


def test_static_kind_takes_each_static_file_the_page_names_once():
    page = (
        '<link rel="stylesheet" href="/static/sdgportal/portal.1a2b.css">'
        '<script src="/static/sdgportal/auto-submit.3c4d.js"></script>'
        '<link href="/static/sdgportal/portal.1a2b.css"><a href="/events/">'
    )

    assert static_kind(page, weight=40) == Kind(
        "static files",
        ("/static/sdgportal/portal.1a2b.css", "/static/sdgportal/auto-submit.3c4d.js"),
        40,
        accept="*/*",
    )
    assert static_kind("<p>no files</p>", weight=40) is None


def test_requests_to_warm_asks_every_stored_path_and_a_fresh_kinds_first():
    assert requests_to_warm([HOME, EVENTS, API_EVENTS, HOME]) == [
        ("/", "text/html"),
        ("/events/a/", "text/html"),
        ("/api/v1/events/", API),
    ]


def test_keep_answered_leaves_out_paths_that_did_not_answer_200():
    answers = {
        ("/", "text/html"): Answer(200, None, ""),
        ("/events/a/", "text/html"): Answer(301, None, ""),
        ("/api/v1/events/", API): Answer(200, None, ""),
    }

    kinds, notes = keep_answered([HOME, EVENTS, API_EVENTS], answers)

    assert kinds == [HOME, Kind("events", ("/events/b/",), 5, fresh=True)]
    assert notes == [
        "events: /events/a/ answered 301",
        "API events: /api/v1/events/ has no ETag",
        "API events: left out, no path answered",
    ]


def test_nginx_upstream_balances_by_requests_in_flight():
    assert nginx_upstream(["127.0.0.1:41001", "127.0.0.1:41002"]) == (
        "upstream portal {\n"
        "    least_conn;\n"
        "    server 127.0.0.1:41001;\n"
        "    server 127.0.0.1:41002;\n"
        "    keepalive 16;\n"
        "}\n"
    )


needs_nginx = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")


@needs_nginx
def test_nginx_passes_the_proxy_headers_and_logs_the_request_id(recorder, tmp_path: Path):
    address, requests = recorder
    tmp_path.chmod(0o755)
    down = "127.0.0.1:1"  # nothing listens: nginx must take the request elsewhere
    folder = tmp_path / "nginx"

    with nginx([down, address.removeprefix("http://")], folder=folder) as (base, _process):
        request = urllib.request.Request(
            f"{base}/events/?goal=3",
            headers={"X-Request-ID": "mix-4-0-9", "X-Forwarded-For": "203.0.113.9"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            answered = (answer.status, answer.headers["X-Request-ID"])

    seen = [request for request in requests if request.path == "/events/?goal=3"]
    assert answered == (200, "mix-4-0-9")
    assert [
        {name: request.headers.get(name) for name in ("X-Forwarded-For", "X-Forwarded-Proto")}
        for request in seen
    ] == [{"X-Forwarded-For": "203.0.113.9, 127.0.0.1", "X-Forwarded-Proto": "http"}]
    assert seen[0].headers["X-Request-ID"] == "mix-4-0-9"
    assert seen[0].headers["Host"] == "127.0.0.1"
    logged = [
        entry
        for entry in read_access_log((folder / "access.log").read_text())
        if entry["uri"] == "/events/?goal=3"
    ]
    assert [(entry["request_id"], entry["status"]) for entry in logged] == [("mix-4-0-9", 200)]
    assert logged[0]["upstream"].endswith(address.removeprefix("http://"))


@needs_nginx
def test_nginx_gives_an_invented_request_id_a_new_one(recorder, tmp_path: Path):
    address, requests = recorder
    tmp_path.chmod(0o755)

    with nginx([address.removeprefix("http://")], folder=tmp_path / "nginx") as (base, _):
        request = urllib.request.Request(f"{base}/", headers={"X-Request-ID": "a b;c"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            given = answer.headers["X-Request-ID"]

    sent = [request.headers["X-Request-ID"] for request in requests if request.path == "/"]
    assert sent == [given]
    assert re.fullmatch(r"[0-9a-f]{32}", given)
