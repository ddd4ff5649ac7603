"""Whether the portal can answer: the services it cannot work without, each asked once."""

import logging
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection

logger = logging.getLogger(__name__)


def readiness() -> dict[str, str]:
    """ "ok" or "unavailable" for the database and the shared cache; the reason goes to the log,
    not to the anonymous caller."""
    return {"database": _check("database", _ask_database), "cache": _check("cache", _ask_cache)}


def _check(name: str, ask: Callable[[], None]) -> str:
    try:
        ask()
    except Exception:  # any failure of the service means not ready; the log keeps which
        logger.exception("Readiness: the %s is unavailable", name)
        return "unavailable"
    return "ok"


def _ask_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _ask_cache() -> None:
    caches["default"].get("readiness-probe")
