"""Time the API's endpoints over the real seed and national data, in process.

    python -m bench.api [--postgres SERVER_URL] [--repeat N]

Builds a database as ``make setup`` does (SQLite in a temporary folder, or a scratch database
on the PostgreSQL server, dropped afterwards), then requests each endpoint N times through
Django's test client and prints the median and 95th-percentile time and the SQL queries of
one request. No network and no server: this measures the portal's own work per request.
"""

import argparse
import io
import os
import statistics
import time

from bench.database import bench_database, database_kind

ENDPOINTS = [
    "/api/v1/events/?page_size=50",
    "/api/v1/events/?goal=16&search=forum",
    "/api/v1/organisations/?page_size=100",
    "/api/v1/people/?page_size=50",
    "/api/v1/grants/?currency=USD&amount_min=1000000",
    "/api/v1/goals/",
    "/api/v1/indicators/?page_size=100&lang=ru",
    "/api/v1/indicators/16.1.1/",
    "/api/v1/observations/?page_size=500",
    "/api/v1/observations/?indicator=1.1.1&disaggregation=SEX:F&year_from=2015",
    "/api/v1/observations/?format=csv&all=true",
    "/api/v1/grants/360giving/",
    "/api/v1/sources/",
]


def build_database() -> None:
    from django.core.management import call_command

    for command in ("migrate", "load_sdg_framework", "import_indicators", "import_seeds"):
        try:
            call_command(command, stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
        except SystemExit as exit:  # import_indicators: some indicators were skipped
            if exit.code != 1:
                raise


def measure(path: str, repeat: int) -> tuple[float, float, int, int]:
    """Median and 95th-percentile milliseconds, queries of one request, bytes of the answer."""
    from django.db import connection, reset_queries
    from django.test import Client

    client = Client()
    times, size = [], 0
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code, body[:300])
        size = len(body)
    quantiles = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
    return statistics.median(times), quantiles[-1], len(connection.queries), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="SERVER_URL")
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()

    os.environ["API_ANON_THROTTLE_RATE"] = "off"
    with bench_database(options.postgres) as workdir:
        os.environ["IMPORT_FIXTURES_DIR"] = str(workdir / "fixtures")
        import django
        from django.conf import settings

        django.setup()
        settings.DEBUG = True  # count the queries
        settings.ALLOWED_HOSTS = ["testserver"]
        build_database()
        print(f"database {database_kind()}, {options.repeat} requests each")
        print(f"{'endpoint':<76} {'median':>8} {'p95':>8} {'queries':>7} {'bytes':>9}")
        for path in ENDPOINTS:
            median, p95, queries, size = measure(path, options.repeat)
            print(f"{path:<76} {median:6.1f}ms {p95:6.1f}ms {queries:>7} {size:>9}")


if __name__ == "__main__":
    main()
