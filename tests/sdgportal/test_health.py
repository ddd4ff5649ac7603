"""``/healthz`` (the process is up) and ``/readyz`` (its database and cache answer)."""

import pytest
from django.db import OperationalError, connection

from sdgportal import health


def test_health_answers_ok_without_the_database(client):
    # No django_db mark: pytest-django fails any test that touches the database.
    response = client.get("/healthz")

    assert (response.status_code, response["Content-Type"], response.json()) == (
        200,
        "application/json",
        {"status": "ok"},
    )


@pytest.mark.django_db
def test_ready_answers_ok_when_the_database_and_cache_answer(client):
    response = client.get("/readyz")

    assert (response.status_code, response.json(), response["Cache-Control"]) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
        "max-age=0, no-cache, no-store, must-revalidate, private",
    )


@pytest.mark.django_db
def test_ready_answers_503_naming_the_database_when_it_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    logged = []
    monkeypatch.setattr(connection, "cursor", refuse)
    monkeypatch.setattr(health.logger, "exception", lambda *args: logged.append(args))

    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "unavailable", "cache": "ok"},
    )
    assert logged == [("Readiness: the %s is unavailable", "database")]


@pytest.mark.django_db
def test_ready_answers_503_naming_the_cache_when_it_is_down(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }

    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "ok", "cache": "unavailable"},
    )


def test_health_is_never_answered_from_a_cache(client):
    response = client.get("/healthz")

    assert (response.status_code, response.get("ETag"), response["Cache-Control"]) == (
        200,
        None,
        "max-age=0, no-cache, no-store, must-revalidate, private",
    )
