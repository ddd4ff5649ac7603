"""One structured line per request, with the request's id on every line logged meanwhile."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from sdgportal.request_log import RequestIdFilter
from sdgportal.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines(settings):
    """The portal's log as production writes it: JSON objects, one per line."""
    settings.LOG_REQUESTS = True
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep()
    handler.setFormatter(JsonFormatter(**_json_options()))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level, root.level = root.level, logging.INFO
    yield lines
    root.removeHandler(handler)
    root.level = level


def _json_options() -> dict:
    """The JSON formatter as the portal's settings configure it (the tests log nothing)."""
    options = dict(base.LOGGING["formatters"]["json"])
    options.pop("()")
    return options


def test_each_request_is_logged_as_one_json_object(client, json_lines, editor):
    client.force_login(editor)

    response = client.get("/api/v1/goals/", HTTP_X_REQUEST_ID="probe-42")

    [line] = [json.loads(line) for line in json_lines if '"sdgportal.requests"' in line]
    duration = line.pop("duration_ms")
    assert isinstance(duration, float)
    assert duration > 0
    assert line.pop("time").endswith("+00:00")
    assert line == {
        "level": "INFO",
        "logger": "sdgportal.requests",
        "message": "GET /api/v1/goals/ 200",
        "request_id": "probe-42",
        "method": "GET",
        "path": "/api/v1/goals/",
        "status": 200,
        "client_ip": "127.0.0.1",
        "user_id": editor.pk,
    }
    assert response["X-Request-ID"] == "probe-42"


def test_a_request_without_a_sane_id_is_given_a_new_one(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>" + "x" * 80)

    [line] = [json.loads(line) for line in json_lines if '"sdgportal.requests"' in line]
    assert len(response["X-Request-ID"]) == 32
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] is None


def test_lines_logged_while_answering_carry_the_request_id(client, json_lines):
    client.get("/admin/login/", HTTP_X_REQUEST_ID="trace-7", HTTP_HOST="evil.example")

    ids = {json.loads(line)["logger"]: json.loads(line)["request_id"] for line in json_lines}
    assert ids == {"django.security.DisallowedHost": "trace-7", "sdgportal.requests": "trace-7"}


def test_djangos_line_about_a_missing_page_carries_the_request_id(client, json_lines):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-8")

    ids = {json.loads(line)["logger"]: json.loads(line)["request_id"] for line in json_lines}
    assert ids == {"django.request": "trace-8", "sdgportal.requests": "trace-8"}


def test_no_request_line_unless_asked(client, json_lines, settings):
    settings.LOG_REQUESTS = False

    client.get("/healthz")

    assert [line for line in json_lines if '"sdgportal.requests"' in line] == []
