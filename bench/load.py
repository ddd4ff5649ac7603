"""Load the portal served as in production with wrk and print throughput and latency.

    python -m bench.load [--scale N] [--seed S] [--duration SECONDS] [--reuse] [--real-data]
                         [--redis URL | --redis none] [--only TEXT ...]

Builds a PostgreSQL database (``migrate``, ``load_sdg_framework``, ``generate_demo_data
--scale N --seed S``, then ``VACUUM ANALYZE``; with ``--real-data`` the national data and seed
documents instead, as ``make setup``), serves it with gunicorn and the production settings on
127.0.0.1, loads each endpoint in turn with wrk (16 connections, 2 threads) and prints
requests/s, p50, p99, errors and the throughput as a share of ``/healthz`` measured in the same
run, then the resident memory of each gunicorn worker before and after the load.

An endpoint marked "uncached" is computed for every request (``bench/fresh.lua`` makes each
one new to the cache of anonymous answers); "cached" ones are answered from that cache, and
"If-None-Match" ones with a 304.
"""

import argparse
import io
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode

from bench.database import (
    add_database_options,
    check_database_options,
    drop_postgres,
    named_postgres,
)
from bench.serve import (
    Answer,
    ask,
    collect_static,
    empty_redis,
    gunicorn,
    server_environment,
    workers_memory,
)
from bench.wrk import INSTALL_HINT, WrkError, WrkResult, run_wrk, wrk_command

TRIVIAL = "/healthz"
FRESH_SCRIPT = Path(__file__).with_name("fresh.lua")
PAGE = "text/html"
API = "application/json"
CYRILLIC = r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]"


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str | None  # None: the data holds nothing to ask for; ``note`` says why
    accept: str = PAGE
    fresh: bool = False  # every request new to the portal's cache (bench/fresh.lua)
    # Paths asked in turn after ``path`` (fresh only): none asked twice before all are.
    rotation: tuple[str, ...] = ()
    conditional: bool = False  # sent with If-None-Match: the ETag of a first answer
    note: str = ""
    expect: str = ""  # text the answer must hold, or the search found the wrong thing


@dataclass(frozen=True)
class Row:
    endpoint: Endpoint
    result: WrkResult | None = None
    note: str = ""
    memory_mib: float | None = None  # the largest worker's resident memory after the load


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.splitlines()[0]
    )
    add_database_options(parser)
    parser.add_argument("--reuse", action="store_true", help="keep the database if it exists")
    parser.add_argument(
        "--real-data",
        action="store_true",
        help="import the national data and seed documents instead of generating demo data",
    )
    parser.add_argument("--duration", type=int, default=15, metavar="SECONDS", help="per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        action="append",
        default=[],
        help="load only the endpoints whose name holds TEXT (repeatable), besides /healthz",
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        default="redis://127.0.0.1:6379/15",
        help="a Redis database the run empties and caches in, as in production; "
        "'none' for each worker's own memory",
    )
    options = parser.parse_args(argv)
    for name in ("duration", "connections", "threads", "workers"):
        if getattr(options, name) < 1:
            parser.error(f"--{name} must be 1 or more")
    if options.threads > options.connections:
        parser.error("--threads must not exceed --connections (wrk gives each thread one)")
    check_database_options(parser, options)
    return options


def build_database(*, scale: float, seed: int, real_data: bool, fixtures: Path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    os.environ["IMPORT_FIXTURES_DIR"] = str(fixtures)  # not the project's fixtures/seeds
    started = time.monotonic()
    steps: list[tuple[str, ...]] = [("migrate",), ("load_sdg_framework",)]
    if real_data:
        steps += [("import_indicators",), ("import_seeds",)]
    else:
        steps += [("generate_demo_data", f"--scale={scale}", f"--seed={seed}")]
    for command, *arguments in steps:
        print(f"building: manage.py {' '.join([command, *arguments])}", flush=True)
        try:
            # Only the generator's progress is worth reading; the importers name every file.
            output = sys.stdout if command == "generate_demo_data" else io.StringIO()
            call_command(command, *arguments, stdout=output, stderr=io.StringIO(), verbosity=0)
        except SystemExit as exit:  # import_indicators: some indicators were skipped
            if exit.code != 1:
                raise
        except CommandError as error:
            if "Unknown command" in str(error):
                raise SystemExit(
                    f"manage.py {command} does not exist in this checkout; "
                    "try --real-data to benchmark over the national data and seed documents."
                ) from error
            raise
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built in {time.monotonic() - started:.0f} s", flush=True)


def common_words(texts: Sequence[str], count: int) -> list[str]:
    """The ``count`` words of five letters or more found in the most texts, most first; ties go
    alphabetically."""
    counts = Counter(
        word for text in texts for word in set(re.findall(r"[^\W\d_]{5,}", text.lower()))
    )
    return sorted(counts, key=lambda word: (-counts[word], word))[:count]


def common_word(texts: Sequence[str]) -> str:
    """The word of five letters or more found in the most texts; ties go alphabetically."""
    if not (words := common_words(texts, 1)):
        raise ValueError("No word of five letters or more in the texts.")
    return words[0]


def transliteration_variant(name: str) -> str:
    """Another way to write a name: Назарбаев → Nazarbaev, Zhanna Kassymova → Jana Kasimova."""
    from anyascii import anyascii

    if re.search(CYRILLIC, name):
        return re.sub(r"[^A-Za-z0-9 -]", "", anyascii(name)).strip()
    variant = name.lower()
    for spelling, other in (("zh", "j"), ("kh", "h"), ("y", "i"), (r"([a-z])\1", r"\1")):
        variant = re.sub(spelling, other, variant)
    return variant.title()


def person_to_find() -> tuple[str, str, str] | None:
    """A person's slug, name and a variant of it the search must match; Cyrillic names first."""
    from organisations.models import Person
    from sdgportal.search_keys import search_key

    people = Person.objects.order_by("pk").values_list("slug", "name")
    for slug, name in [*people.filter(name__regex=CYRILLIC)[:1000], *people[:1000]]:
        variant = transliteration_variant(name)
        if variant.lower() != name.lower() and search_key(variant) == search_key(name):
            return slug, name, variant
    return None


def choose_endpoints() -> list[Endpoint]:
    """The pages and API calls to load, their records picked from the database."""
    from django.db.models import Count

    from events.models import Event
    from organisations.models import Organisation, Person

    titles = list(Event.objects.order_by("pk").values_list("title", flat=True)[:5000])
    word = common_word(titles) if titles else None
    names = [
        *titles,
        *Organisation.objects.order_by("pk").values_list("name", flat=True)[:5000],
        *Person.objects.order_by("pk").values_list("name", flat=True)[:5000],
    ]
    searches = [f"/search/?{urlencode({'q': common})}" for common in common_words(names, 1000)]
    organisation = (
        Organisation.objects.annotate(activity=Count("participations"))
        .order_by("-activity", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    person = person_to_find()
    no_events = "no events to take a word from"
    events = "/api/v1/events/?page_size=50"
    organisation_page = organisation and f"/organisations/{organisation}/"
    site_search = word and f"/search/?{urlencode({'q': word})}"
    return [
        Endpoint("trivial /healthz", TRIVIAL, accept=API),
        Endpoint("API events, 50, uncached", events, accept=API, fresh=True),
        Endpoint("API events, 50, cached", events, accept=API),
        Endpoint("API events, 50, If-None-Match", events, accept=API, conditional=True),
        Endpoint("event list page, uncached", "/events/", fresh=True),
        Endpoint("event list page, cached", "/events/"),
        Endpoint(
            "organisation page, uncached", organisation_page, fresh=True, note="no organisations"
        ),
        Endpoint("organisation page, cached", organisation_page, note="no organisations"),
        Endpoint("home page, uncached", "/", fresh=True),
        Endpoint("home page, cached", "/"),
        Endpoint(f"site search {word!r}, uncached", site_search, fresh=True, note=no_events),
        Endpoint(f"site search {word!r}, cached", site_search, note=no_events),
        Endpoint(
            f"site search, {len(searches)} words in turn, uncached",
            searches[0] if searches else None,
            fresh=True,
            rotation=tuple(searches),
            note=no_events,
        ),
        Endpoint(
            f"API event search {word!r}, uncached",
            word and f"/api/v1/events/?{urlencode({'search': word})}",
            accept=API,
            fresh=True,
            note=no_events,
        ),
        Endpoint(
            f"API people {person[2]!r}, uncached" if person else "API people, transliterated",
            person and f"/api/v1/people/?{urlencode({'search': person[2]})}",
            accept=API,
            fresh=True,
            note="no person whose name has a transliteration variant",
            expect=f'"slug":"{person[0]}"' if person else "",
        ),
        # the machine may have changed meanwhile
        Endpoint("trivial /healthz, again", TRIVIAL, accept=API),
    ]


def chosen(endpoints: Sequence[Endpoint], only: Sequence[str]) -> list[Endpoint]:
    """The trivial endpoint and those whose name holds one of ``only`` (all if it is empty)."""
    return [
        endpoint
        for endpoint in endpoints
        if not only or endpoint.path == TRIVIAL or any(text in endpoint.name for text in only)
    ]


def first_answers(
    endpoints: Sequence[Endpoint], base: str, times: int
) -> dict[tuple[str, str], Answer]:
    """Each path's first answer, asked ``times`` times so that every worker has served it."""
    answers = {}
    for endpoint in endpoints:
        for _ in range(times if endpoint.path else 0):
            answers[endpoint.path, endpoint.accept] = ask(base + endpoint.path, endpoint.accept)
    return answers


def wait_until_idle(base: str) -> None:
    """Wait for the requests wrk left queued: gunicorn answers them after wrk has gone."""
    with urllib.request.urlopen(base + TRIVIAL, timeout=600) as answer:
        answer.read()


def measure(
    endpoint: Endpoint, base: str, answer: Answer | None, options: argparse.Namespace
) -> Row:
    if endpoint.path is None or answer is None:
        return Row(endpoint, note=endpoint.note)
    if answer.status == 0:
        return Row(endpoint, note="no answer to a first request: the server closed the connection")
    if answer.status != 200:
        return Row(endpoint, note=f"HTTP {answer.status} to a first request")
    if endpoint.expect not in answer.body:
        return Row(endpoint, note=f"the answer lacks {endpoint.expect}")
    headers = {"Accept": endpoint.accept}
    if endpoint.conditional:
        if answer.etag is None:
            return Row(endpoint, note="no ETag")
        headers["If-None-Match"] = answer.etag
    wait_until_idle(base)
    print(f"loading: {endpoint.path} for {options.duration} s", flush=True)
    result = run_wrk(
        wrk_command(
            base + endpoint.path,
            connections=options.connections,
            threads=options.threads,
            seconds=options.duration,
            headers=headers,
            script=FRESH_SCRIPT if endpoint.fresh else None,
            script_arguments=[str(options.threads), *endpoint.rotation]
            if endpoint.rotation
            else (),
        )
    )
    return Row(endpoint, result)


def format_table(rows: Sequence[Row]) -> str:
    """One line per endpoint; the ratio is its requests/s over the trivial endpoint's mean,
    then the largest worker's resident memory once the endpoint was loaded."""
    trivial = [
        row.result.requests_per_second
        for row in rows
        if row.result and row.result.requests and row.endpoint.path == TRIVIAL
    ]
    base = sum(trivial) / len(trivial) if trivial else None
    width = max(len(row.endpoint.name) for row in rows)
    lines = [
        f"{'endpoint':<{width}}  {'req/s':>8}  {'p50 ms':>8}  {'p99 ms':>8}  "
        f"{'errors':>7}  {'vs trivial':>10}  {'worker MiB':>10}"
    ]
    for row in rows:
        result = row.result
        if result is None or result.requests == 0:
            note = row.note if result is None else "no answer within the duration"
            lines.append(f"{row.endpoint.name:<{width}}  {note}")
            continue
        ratio = result.requests_per_second / base if base else None
        lines.append(
            f"{row.endpoint.name:<{width}}  {result.requests_per_second:>8.1f}  "
            f"{result.p50_ms:>8.2f}  {result.p99_ms:>8.2f}  {result.errors:>7}  "
            + (f"{ratio:>10.3f}" if ratio is not None else f"{'–':>10}")
            + (f"  {row.memory_mib:>10.1f}" if row.memory_mib is not None else "")
        )
    return "\n".join(lines)


def format_memory(start: dict[int, float], end: dict[int, float]) -> str:
    """Each worker's resident memory before and after the load, in MiB."""
    lines = [f"{'gunicorn worker':<16}  {'start MiB':>9}  {'end MiB':>9}"]
    for pid in sorted(start.keys() | end.keys()):
        before = f"{start[pid]:>9.1f}" if pid in start else f"{'–':>9}"
        after = f"{end[pid]:>9.1f}" if pid in end else f"{'–':>9}"
        lines.append(f"{f'pid {pid}':<16}  {before}  {after}")
    if start.keys() != end.keys():
        lines.append("(workers changed during the run: one was restarted)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    options = parse_options(argv)
    if not shutil.which("wrk"):
        raise SystemExit(INSTALL_HINT)
    database_url, build = named_postgres(options.postgres, options.database, reuse=options.reuse)
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "sdgportal.settings.base"
    import django

    django.setup()
    from django.db import connections

    with tempfile.TemporaryDirectory(prefix="sdgportal-bench-") as scratch:
        workdir = Path(scratch)
        if build:
            try:
                build_database(
                    scale=options.scale,
                    seed=options.seed,
                    real_data=options.real_data,
                    fixtures=workdir / "fixtures",
                )
            except BaseException:  # half a database must not be taken up by --reuse
                connections.close_all()
                drop_postgres(options.postgres, options.database)
                raise
        else:
            print(f"reusing the database {options.database} as it is")
        endpoints = chosen(choose_endpoints(), options.only)
        connections.close_all()
        redis_url = options.redis if options.redis != "none" else None
        if redis_url and not empty_redis(redis_url):
            print(f"no Redis answers at {redis_url}: each worker caches in its own memory")
            redis_url = None
        environment = server_environment(
            database_url=database_url, static_root=workdir / "static", redis_url=redis_url
        )
        collect_static(environment)
        with gunicorn(environment, workers=options.workers, log=workdir / "gunicorn.log") as (
            base,
            server,
        ):
            answers = first_answers(endpoints, base, times=2 * options.workers)
            memory_start = workers_memory(server.pid)  # warm: every page served once or more
            try:
                rows = [
                    replace(
                        measure(
                            endpoint, base, answers.get((endpoint.path, endpoint.accept)), options
                        ),
                        memory_mib=max(workers_memory(server.pid).values(), default=None),
                    )
                    for endpoint in endpoints
                ]
            except WrkError as error:
                raise SystemExit(str(error)) from error
            memory_end = workers_memory(server.pid)
    print()
    print(
        f"database {options.database}, cache {redis_url or 'in each worker'}, "
        f"{options.workers} gunicorn sync workers, wrk "
        f"{options.connections} connections, {options.threads} threads, {options.duration} s each"
    )
    print(format_table(rows))
    print()
    print(format_memory(memory_start, memory_end))


if __name__ == "__main__":
    main()
