"""A database for a benchmark run: fresh (SQLite or PostgreSQL), or named and kept for the next."""

import argparse
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def bench_database(postgres_server: str | None) -> Iterator[Path]:
    """Point Django at a new database, yield a scratch folder, then remove both.

    With a PostgreSQL server address a database is created there and dropped afterwards;
    otherwise it is an SQLite file in the folder. Call ``django.setup()`` inside the block.
    """
    workdir = Path(tempfile.mkdtemp(prefix="sdgportal-bench-"))
    drop = None
    if postgres_server:
        os.environ["DATABASE_URL"], drop = scratch_postgres(postgres_server)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sdgportal.settings.base"
    try:
        yield workdir
    finally:
        if drop:
            drop()
        shutil.rmtree(workdir)


def database_kind() -> str:
    return os.environ["DATABASE_URL"].split("://")[0]


def scratch_postgres(server: str) -> tuple[str, Callable[[], None]]:
    """A new database on the server and a function that drops it."""
    import psycopg2

    name = f"sdgportal_bench_{os.getpid()}"
    connection = psycopg2.connect(f"{server.rstrip('/')}/postgres")
    connection.autocommit = True
    connection.cursor().execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        connection.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
        connection.close()

    return f"{server.rstrip('/')}/{name}", drop


RANDOM_PAGE_COST = 1.1


def named_postgres(server: str, name: str, *, reuse: bool) -> tuple[str, bool]:
    """The address of the database ``name`` on the server, and whether it must be built.

    With ``reuse`` an existing database is kept as it is; otherwise it is dropped and created
    empty. It stays after the run, for the next ``reuse``. Either way it plans queries with
    production's ``random_page_cost``.
    """
    import psycopg2

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"{name!r}: a database name here is lower-case letters, digits and _.")
    connection = psycopg2.connect(f"{server.rstrip('/')}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if not (exists and reuse):
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {name}")
            # As docker-compose.yml sets for the server: reading at random costs little on SSDs.
            cursor.execute(f"ALTER DATABASE {name} SET random_page_cost = {RANDOM_PAGE_COST}")
    finally:
        connection.close()
    return f"{server.rstrip('/')}/{name}", not (exists and reuse)


def drop_postgres(server: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{server.rstrip('/')}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        connection.close()


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """The options naming the bench database and the demo data it is built from."""
    parser.add_argument(
        "--postgres", metavar="SERVER_URL", default="postgres://postgres@127.0.0.1:5432"
    )
    parser.add_argument("--database", metavar="NAME", default="sdgportal_bench")
    parser.add_argument("--scale", type=float, default=1.0, help="for generate_demo_data")
    parser.add_argument("--seed", type=int, default=1, help="for generate_demo_data")


def check_database_options(parser: argparse.ArgumentParser, options: argparse.Namespace) -> None:
    if options.scale <= 0:
        parser.error("--scale must be more than 0")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", options.database):
        parser.error("--database must be lower-case letters, digits and _")
