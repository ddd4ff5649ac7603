"""Load the portal as docker compose serves it, several replicas behind nginx, with a mix of
pages and API calls; report throughput, latency, every answer's status and memory over time.

    python -m bench.mixed [--replicas K] [--workers W] [--connections C] [--duration SECONDS]
                          [--rebuild] [--scale N] [--redis URL] [--sample-every SECONDS]
                          [--kill-replica-at SECONDS]

Takes the PostgreSQL database of ``python -m bench.load`` (``sdgportal_bench``) as it is after
``migrate``, or builds it if there is none (``--rebuild``: anew). Starts K gunicorns with the
production settings, each with W sync workers, sharing Redis and PostgreSQL, and nginx from
deploy/nginx.conf in front of them; asks every page the load will find in the cache once; then
runs wrk over bench/mix.lua, which follows a schedule of kinds of request (bench/mix.py).
"""

import argparse
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from bench import serve
from bench.database import (
    add_database_options,
    check_database_options,
    drop_postgres,
    named_postgres,
)
from bench.mix import Kind, choose_mix, schedule, schedule_text
from bench.mix_report import (
    Sample,
    busy_share,
    cpu_shares,
    cpu_times,
    figures_by_kind,
    format_kinds,
    format_memory,
    kind_of,
    process_ticks,
    read_access_log,
    upstream_counts,
)
from bench.serve import (
    NGINX_HINT,
    Answer,
    collect_static,
    empty_redis,
    nginx,
    replicas,
    resident_mib,
    server_environment,
    worker_pids,
)
from bench.wrk import INSTALL_HINT, WrkError, parse_wrk_output, wrk_command, wrk_report

MIX_SCRIPT = Path(__file__).with_name("mix.lua")
SCHEDULE_LENGTH = 10_000
STATIC = re.compile(r'(?:href|src)="(/static/[^"?#]+)"')


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.mixed", description=__doc__.splitlines()[0]
    )
    add_database_options(parser)
    parser.add_argument("--rebuild", action="store_true", help="build the database anew")
    parser.add_argument("--replicas", type=int, default=3, help="gunicorn servers behind nginx")
    parser.add_argument("--workers", type=int, default=2, help="sync workers of each")
    parser.add_argument("--duration", type=int, default=60, metavar="SECONDS")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--sample-every", type=int, default=5, metavar="SECONDS", help="resident memory"
    )
    parser.add_argument(
        "--kill-replica-at",
        type=int,
        metavar="SECONDS",
        help="kill the first replica (SIGKILL, master and workers) this far into the load, "
        "as a crash would: nginx must take its requests elsewhere",
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        default="redis://127.0.0.1:6379/15",
        help="a Redis database the run empties and every replica caches in",
    )
    options = parser.parse_args(argv)
    for name in ("replicas", "workers", "duration", "connections", "threads", "sample_every"):
        if getattr(options, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more")
    if options.kill_replica_at is not None and not 0 <= options.kill_replica_at < options.duration:
        parser.error("--kill-replica-at must fall within the --duration")
    if options.threads > options.connections:
        parser.error("--threads must not exceed --connections (wrk gives each thread one)")
    check_database_options(parser, options)
    return options


def ask(url: str, accept: str) -> Answer:
    """One answer, redirects not followed: the load would get the 301 itself."""
    return serve.ask(url, accept, follow_redirects=False, timeout=120)


def static_kind(home_page: str, weight: int) -> Kind | None:
    """The static files the home page names, as a browser fetches them after it."""
    paths = tuple(dict.fromkeys(STATIC.findall(home_page)))
    return Kind("static files", paths, weight, accept="*/*") if paths else None


def requests_to_warm(kinds: Iterable[Kind]) -> list[tuple[str, str]]:
    """Each path of a cached or conditional kind, and the first of a fresh one (to check it
    answers without storing the rest), once each."""
    wanted = {}
    for kind in kinds:
        for path in kind.paths if kind.warmed else kind.paths[:1]:
            wanted[path, kind.accept] = None
    return list(wanted)


def keep_answered(
    kinds: Sequence[Kind], answers: dict[tuple[str, str], Answer]
) -> tuple[list[Kind], list[str]]:
    """The kinds with only the paths that answered 200 first (and an ETag where one is sent),
    and a note for each path left out; a fresh kind's unasked paths are kept."""
    kept, notes = [], []
    for kind in kinds:
        paths = []
        for path in kind.paths:
            answer = answers.get((path, kind.accept))
            if answer is None:
                paths.append(path)
            elif answer.status != 200:
                notes.append(f"{kind.name}: {path} answered {answer.status or 'nothing'}")
            elif kind.conditional and not answer.etag:
                notes.append(f"{kind.name}: {path} has no ETag")
            else:
                paths.append(path)
        if paths:
            kept.append(replace(kind, paths=tuple(paths)))
        else:
            notes.append(f"{kind.name}: left out, no path answered")
    return kept, notes


def warm(
    base: str, wanted: Sequence[tuple[str, str]], parallel: int
) -> dict[tuple[str, str], Answer]:
    """Each request's answer through nginx, ``parallel`` at a time."""
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        answers = pool.map(lambda request: ask(base + request[0], request[1]), wanted)
        return dict(zip(wanted, answers, strict=True))


def processes(servers: Sequence[int], nginx_pid: int) -> dict[str, int]:
    """Each gunicorn worker and each nginx process (master too), by a label."""
    found = {}
    for number, master in enumerate(servers, start=1):
        for pid in worker_pids(master):
            found[f"replica {number} worker {pid}"] = pid
    found[f"nginx master {nginx_pid}"] = nginx_pid
    for pid in worker_pids(nginx_pid):
        try:
            title = Path(f"/proc/{pid}/cmdline").read_text().strip("\0").removeprefix("nginx: ")
        except OSError:
            continue
        found[f"nginx {title.removesuffix(' process')} {pid}"] = pid
    return found


def database_backends(database: str) -> dict[str, int]:
    """PostgreSQL's processes serving connections to the database, by a label."""
    found = {}
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            title = cmdline.read_bytes().decode(errors="replace")
        except OSError:  # the process has just exited
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found[f"postgres backend {cmdline.parent.name}"] = int(cmdline.parent.name)
    return found


class MemorySampler(threading.Thread):
    """Samples the processes' resident memory every ``every`` seconds until stopped, and the
    CPU time they and the database's PostgreSQL backends used meanwhile."""

    def __init__(self, servers: Sequence[int], nginx_pid: int, database: str, every: float) -> None:
        super().__init__(daemon=True)
        self.servers, self.nginx_pid, self.every = servers, nginx_pid, every
        self.database = database
        self.samples: list[Sample] = []
        # Each process's CPU time when first and last seen; one born during the load from 0.
        self.ticks_first: dict[str, int] = {}
        self.ticks_last: dict[str, int] = {}
        self.started_at = time.monotonic()
        self._stopping = threading.Event()

    def sample(self) -> None:
        mib, ticks = {}, {}
        for label, pid in processes(self.servers, self.nginx_pid).items():
            try:
                mib[label] = resident_mib(pid)
                ticks[label] = process_ticks(pid)
            except (OSError, RuntimeError):  # exited meanwhile
                continue
        self.samples.append(Sample(round(time.monotonic() - self.started_at, 1), mib))
        for label, pid in database_backends(self.database).items():
            try:
                ticks[label] = process_ticks(pid)
            except (OSError, IndexError):
                continue
        first = len(self.samples) == 1
        for label, value in ticks.items():
            self.ticks_first.setdefault(label, value if first else 0)
        self.ticks_last.update(ticks)

    def run(self) -> None:
        self.machine_start = cpu_times()
        self.sample()
        while not self._stopping.wait(self.every):
            self.sample()

    def stop(self) -> None:
        self._stopping.set()
        self.join()
        self.sample()
        machine_end = cpu_times()
        self.cpu_busy = busy_share(self.machine_start, machine_end)
        self.cpu_shares = cpu_shares(
            self.ticks_first, self.ticks_last, machine_end[1] - self.machine_start[1]
        )


def kill_replica(master: int) -> None:
    """Kill a gunicorn and its workers at once, as a crash or an OOM kill would."""
    for pid in [*worker_pids(master), master]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    print(f"killed the replica of gunicorn {master}", flush=True)


def prepare_database(options: argparse.Namespace, scratch: Path) -> str:
    """The bench database as docker compose's migrate service leaves it; built if missing."""
    from bench.load import build_database

    database_url, build = named_postgres(
        options.postgres, options.database, reuse=not options.rebuild
    )
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "sdgportal.settings.base"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    if build:
        try:
            build_database(
                scale=options.scale,
                seed=options.seed,
                real_data=False,
                fixtures=scratch / "fixtures",
            )
        except BaseException:  # half a database must not be taken up by the next run
            connections.close_all()
            drop_postgres(options.postgres, options.database)
            raise
    else:
        print(f"reusing the database {options.database}, migrated", flush=True)
        call_command("migrate", "--noinput", verbosity=0)
    return database_url


def main(argv: Sequence[str] | None = None) -> None:
    options = parse_options(argv)
    for program, hint in (("wrk", INSTALL_HINT), ("nginx", NGINX_HINT)):
        if not shutil.which(program):
            raise SystemExit(hint)
    with tempfile.TemporaryDirectory(prefix="sdgportal-mixed-") as folder:
        scratch = Path(folder)
        scratch.chmod(0o711)  # nginx's workers reach their folder inside
        database_url = prepare_database(options, scratch)
        from django.db import connections

        kinds = choose_mix()
        connections.close_all()
        if not empty_redis(options.redis):
            raise SystemExit(f"No Redis answers at {options.redis}: replicas share one cache.")
        environment = {
            **server_environment(
                database_url=database_url,
                static_root=scratch / "static",
                redis_url=options.redis,
            ),
            "TRUSTED_PROXIES": "1",  # as docker-compose.yml: nginx in front
        }
        collect_static(environment)
        with replicas(
            environment, count=options.replicas, workers=options.workers, logs=scratch
        ) as servers:
            addresses = [base.removeprefix("http://") for base, _process in servers]
            with nginx(addresses, folder=scratch / "nginx") as (base, proxy):
                report = run(options, base, kinds, [p.pid for _, p in servers], proxy.pid, scratch)
        access_log = (scratch / "nginx" / "access.log").read_text()
        error_log = (scratch / "nginx" / "error.log").read_text()
    print_report(options, database_url, addresses, report, access_log, error_log)


@dataclass(frozen=True)
class Run:
    wrk: str  # wrk's own report
    kinds: list[Kind]
    notes: list[str]
    samples: list[Sample]
    cpu_busy: float  # the machine's, during the load
    cpu_shares: dict[str, float]  # of the machine's CPU time: gunicorn workers, nginx, postgres


def run(
    options: argparse.Namespace,
    base: str,
    kinds: list[Kind],
    servers: list[int],
    nginx_pid: int,
    scratch: Path,
) -> Run:
    home = ask(base + "/", "text/html")
    if home.status != 200:
        raise SystemExit(f"The home page answered {home.status or 'nothing'} through nginx.")
    if static := static_kind(home.body, weight=40):
        kinds = [*kinds, static]
    wanted = requests_to_warm(kinds)
    print(f"asking {len(wanted)} pages once, to be cached", flush=True)
    answers = warm(base, wanted, parallel=options.replicas * options.workers)
    kinds, notes = keep_answered(kinds, answers)
    etags = {request: answer.etag for request, answer in answers.items() if answer.etag}
    plan = scratch / "schedule.tsv"
    plan.write_text(schedule_text(kinds, schedule(kinds, SCHEDULE_LENGTH), etags))
    command = wrk_command(
        f"{base}/",
        connections=options.connections,
        threads=options.threads,
        seconds=options.duration,
        headers={},
        script=MIX_SCRIPT,
        script_arguments=[str(plan), str(options.threads)],
    )
    sampler = MemorySampler(servers, nginx_pid, options.database, options.sample_every)
    print(f"loading for {options.duration} s", flush=True)
    sampler.start()
    crash = None
    if options.kill_replica_at is not None:
        crash = threading.Timer(options.kill_replica_at, kill_replica, [servers[0]])
        crash.start()
    try:
        report = wrk_report(command)
    except WrkError as error:
        raise SystemExit(str(error)) from error
    finally:
        sampler.stop()
        if crash:
            crash.cancel()
    return Run(report, kinds, notes, sampler.samples, sampler.cpu_busy, sampler.cpu_shares)


def print_report(
    options: argparse.Namespace,
    database_url: str,
    addresses: Sequence[str],
    run: Run,
    access_log: str,
    error_log: str,
) -> None:
    result = parse_wrk_output(run.wrk)
    entries = [
        entry for entry in read_access_log(access_log) if kind_of(entry["request_id"]) is not None
    ]
    statuses = Counter(entry["status"] for entry in entries)
    answered, retried = upstream_counts(entries)
    print()
    print(run.wrk.rstrip())
    print()
    print(
        f"{options.replicas} replicas × {options.workers} gunicorn sync workers "
        f"(production settings, TRUSTED_PROXIES=1, API_ANON_THROTTLE_RATE=off) behind nginx "
        f"(deploy/nginx.conf); database {database_url.rsplit('/', 1)[1]}, cache {options.redis}; "
        f"wrk {options.connections} connections, {options.threads} threads, {options.duration} s"
    )
    print(
        f"requests {result.requests}, {result.requests_per_second:.1f}/s, "
        f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms; socket errors "
        f"{result.socket_errors}, answers other than 2xx or 3xx {result.bad_answers}"
    )
    print(
        "nginx's log: "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        + f"; 5xx: {sum(c for s, c in statuses.items() if s >= 500)}"
        + f", 4xx but 499: {sum(c for s, c in statuses.items() if 400 <= s < 500 and s != 499)}"
        + f", 499 (wrk closed the connection at the end): {statuses.get(499, 0)}"
    )
    print(
        "answered by "
        + ", ".join(f"{address}: {answered.get(address, 0)}" for address in addresses)
        + f"; taken by another replica after a failure: {retried}"
    )
    print(f"nginx's error log: {sum('[error]' in line for line in error_log.splitlines())} errors")
    print(
        f"the machine's CPU ({os.cpu_count()} cores) during the load: "
        f"busy {100 * run.cpu_busy:.0f}%"
        f", of which gunicorn workers {100 * run.cpu_shares.get('replica', 0):.0f}%"
        f", nginx {100 * run.cpu_shares.get('nginx', 0):.0f}%"
        f", PostgreSQL for {options.database} {100 * run.cpu_shares.get('postgres', 0):.0f}%"
        " (the rest: Redis, wrk and whatever else runs)"
    )
    for note in run.notes:
        print(f"left out: {note}")
    print()
    print("by kind (nginx's time from request to answer)")
    print(format_kinds(figures_by_kind(entries, run.kinds)))
    print()
    print("resident memory, MiB, from the start of the load")
    print(format_memory(run.samples))


if __name__ == "__main__":
    main()
