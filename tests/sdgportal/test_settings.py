import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from sdgportal.settings.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "value"), [("1", True), ("True", True), ("no", False), ("", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("DJANGO_DEBUG", raw)

    assert env_bool("DJANGO_DEBUG", default=True) is value


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "ture")

    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='ture' is not a boolean"):
        env_bool("DJANGO_DEBUG", default=False)


def test_env_int_refuses_a_word(monkeypatch):
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "sixty")

    with pytest.raises(ImproperlyConfigured, match="is not a whole number"):
        env_int("DATABASE_CONN_MAX_AGE", default=0)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "sdg.example.kz, www.sdg.example.kz,")

    assert env_list("ALLOWED_HOSTS", []) == ["sdg.example.kz", "www.sdg.example.kz"]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="sdgportal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="sdg.example.kz",
    )

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    ), result.stderr


def test_production_settings_demand_a_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="sdgportal.settings.production",
        ALLOWED_HOSTS="sdg.example.kz",
    )

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set to a random string of 50 or more" in result.stderr


def test_production_settings_demand_allowed_hosts():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="sdgportal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )

    assert result.returncode == 1
    assert "ALLOWED_HOSTS must list the portal's host names in production." in result.stderr


def test_a_mistyped_throttle_rate_stops_the_portal_at_start():
    result = manage("check", API_ANON_THROTTLE_RATE="600 per minute")

    assert result.returncode == 1
    assert "API_ANON_THROTTLE_RATE is '600 per minute'" in result.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db
def test_postgresql_connections_compile_no_query_ahead_of_time():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
