"""The production settings' protections, read from real answers in a process of their own."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Requests through Django's test client under the production settings; none needs a database,
# and static addresses are plain (no collected manifest here).
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client()
def answer(path, **extra):
    response = client.get(path, secure=True, **extra)
    return {"status": response.status_code, "headers": dict(response.headers),
            "cookies": {name: dict(morsel) for name, morsel in response.cookies.items()}}
print(json.dumps({
    "health": answer("/healthz"),
    "sign_in": answer("/admin/login/"),
    "plain_http": {"status": client.get("/about/").status_code,
                   "location": client.get("/about/").get("Location")},
    "plain_http_probe": client.get("/healthz").status_code,
    "debug": settings.DEBUG,
    "session_age": settings.SESSION_COOKIE_AGE,
    "session_cookie": {"secure": settings.SESSION_COOKIE_SECURE,
                       "httponly": settings.SESSION_COOKIE_HTTPONLY},
}))
"""


@pytest.fixture(scope="module")
def production():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "sdgportal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "testserver",
            "LOG_REQUESTS": "false",
            "DATABASE_URL": "sqlite:////nonexistent/no-database.sqlite3",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_every_answer_carries_the_security_headers(production):
    headers = production["health"]["headers"]

    assert {name: headers.get(name) for name in EXPECTED_HEADERS} == EXPECTED_HEADERS


EXPECTED_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def test_the_content_security_policy_allows_no_inline_script(production):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in production["health"]["headers"]["Content-Security-Policy"].split(";")
    )

    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "style-src-attr": "'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_cookies_are_sent_over_https_only_and_the_session_is_hidden_from_scripts(production):
    csrf = production["sign_in"]["cookies"]["csrftoken"]

    assert (production["sign_in"]["status"], csrf["secure"], csrf["samesite"]) == (
        200,
        True,
        "Lax",
    )
    assert production["session_cookie"] == {"secure": True, "httponly": True}


def test_plain_http_is_redirected_to_https_except_for_the_probes(production):
    assert production["plain_http"] == {"status": 301, "location": "https://testserver/about/"}
    assert production["plain_http_probe"] == 200


def test_production_runs_without_debug_and_sessions_expire(production):
    assert (production["debug"], production["session_age"]) == (False, 7200)
