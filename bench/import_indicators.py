"""Import the national SDG data into a fresh database, then again, and report the times.

    python -m bench.import_indicators [PATH] [--postgres SERVER_URL]

PATH defaults to SDG_NATIONAL_DATA_DIR. The database is a new SQLite file in a temporary folder,
or, with ``--postgres postgres://postgres@127.0.0.1:5432``, a scratch database created on that
server and dropped afterwards. Targets: the first import under 60 s, a re-run that changes
nothing under 15 s; the exit status is 1 if either is missed.
"""

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FIRST_IMPORT_TARGET = 60.0
RERUN_TARGET = 15.0


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--postgres", metavar="SERVER_URL")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="sdgportal-bench-"))
    cleanup = None
    if options.postgres:
        os.environ["DATABASE_URL"], cleanup = scratch_postgres(options.postgres)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sdgportal.settings.base"
    os.environ["DJANGO_DEBUG"] = "false"  # no query log growing with the run
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    try:
        call_command("migrate", verbosity=0)
        call_command("load_sdg_framework", stdout=io.StringIO())
        from indicators.national_data import import_national_data
        from indicators.open_sdg import Repository

        path = options.path or Path(settings.SDG_NATIONAL_DATA_DIR)
        print(f"{path}, database {os.environ['DATABASE_URL'].split('://')[0]}")
        timings = []
        for label in ("first import", "re-run"):
            started = time.perf_counter()
            summary = import_national_data(Repository(path))
            elapsed = time.perf_counter() - started
            timings.append(elapsed)
            print(
                f"  {label:<13} {elapsed:6.1f} s  indicators {summary.imported}/{summary.found} "
                f"(skipped {len(summary.skipped_indicators)}), observations created "
                f"{summary.created['observations']}, updated {summary.updated['observations']}, "
                f"unchanged {summary.unchanged['observations']}; "
                f"peak memory {peak_memory_mb():.0f} MB"
            )
    finally:
        if cleanup:
            cleanup()
        shutil.rmtree(workdir)
    first, rerun = timings
    within = first < FIRST_IMPORT_TARGET and rerun < RERUN_TARGET and not summary.changed
    print(
        f"Targets: first import < {FIRST_IMPORT_TARGET:.0f} s, unchanged re-run < "
        f"{RERUN_TARGET:.0f} s: {'met' if within else 'MISSED'}"
    )
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
