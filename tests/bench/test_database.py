"""The benchmark's named PostgreSQL database: kept for --reuse, planned as in production."""

import os

import psycopg2
import pytest

from bench.database import RANDOM_PAGE_COST, drop_postgres, named_postgres

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = f"sdgportal_bench_test_{os.getpid()}"


def reachable() -> bool:
    try:
        psycopg2.connect(f"{SERVER}/postgres", connect_timeout=2).close()
    except psycopg2.OperationalError:
        return False
    return True


pytestmark = pytest.mark.skipif(not reachable(), reason="no PostgreSQL server on 127.0.0.1")


def setting(url: str, name: str) -> str:
    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SHOW {name}")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def test_named_postgres_builds_a_new_database_then_reuses_it_with_productions_planning():
    try:
        url, build = named_postgres(SERVER, NAME, reuse=True)
        assert build
        assert float(setting(url, "random_page_cost")) == RANDOM_PAGE_COST

        assert named_postgres(SERVER, NAME, reuse=True) == (url, False)
        assert named_postgres(SERVER, NAME, reuse=False) == (url, True)
    finally:
        drop_postgres(SERVER, NAME)
