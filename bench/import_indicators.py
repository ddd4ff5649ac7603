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
import sys
import time
from pathlib import Path

from bench.database import bench_database, database_kind

FIRST_IMPORT_TARGET = 60.0
RERUN_TARGET = 15.0


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--postgres", metavar="SERVER_URL")
    options = parser.parse_args()

    os.environ["DJANGO_DEBUG"] = "false"  # no query log growing with the run
    with bench_database(options.postgres):
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_sdg_framework", stdout=io.StringIO())
        from indicators.national_data import import_national_data
        from indicators.open_sdg import Repository

        path = options.path or Path(settings.SDG_NATIONAL_DATA_DIR)
        print(f"{path}, database {database_kind()}")
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
    first, rerun = timings
    within = first < FIRST_IMPORT_TARGET and rerun < RERUN_TARGET and not summary.changed
    print(
        f"Targets: first import < {FIRST_IMPORT_TARGET:.0f} s, unchanged re-run < "
        f"{RERUN_TARGET:.0f} s: {'met' if within else 'MISSED'}"
    )
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()
