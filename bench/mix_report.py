"""The mixed load's figures: nginx's access log read by kind of request, and each process's
memory over time."""

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.mix import Kind


@dataclass(frozen=True)
class Sample:
    seconds: float  # since the load began
    mib: dict[str, float]  # resident memory by process


@dataclass(frozen=True)
class KindFigures:
    name: str
    requests: int
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]


def cpu_times() -> tuple[int, int]:
    """The machine's busy and total CPU time since boot, in ticks (/proc/stat)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


def process_ticks(pid: int) -> int:
    """A process's CPU time so far, user and system, in ticks (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_shares(start: dict[str, int], end: dict[str, int], machine_ticks: int) -> dict[str, float]:
    """The share of the machine's CPU time each group of processes used between two readings
    of ``process_ticks`` by label; a label's group is its first word (replica, nginx,
    postgres)."""
    used: dict[str, float] = {}
    for label in start.keys() & end.keys():
        group = label.split()[0]
        used[group] = used.get(group, 0) + end[label] - start[label]
    return {
        group: ticks / machine_ticks if machine_ticks else 0.0
        for group, ticks in sorted(used.items())
    }


def busy_share(start: tuple[int, int], end: tuple[int, int]) -> float:
    """The share of the machine's CPU time that was busy between two ``cpu_times``."""
    total = end[1] - start[1]
    return (end[0] - start[0]) / total if total else 0.0


def read_access_log(text: str) -> list[dict]:
    """deploy/nginx.conf's JSON lines (log_format portal)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` of 1) of the values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def kind_of(request_id: str) -> int | None:
    """The kind's index in bench/mix.lua's X-Request-ID "mix-<kind>-<thread>-<counter>"."""
    match = re.fullmatch(r"mix-(\d+)-\d+-\d+", request_id)
    return int(match[1]) if match else None


def figures_by_kind(entries: Iterable[dict], kinds: Sequence[Kind]) -> list[KindFigures]:
    """Requests, p50, p99 (nginx's request time) and statuses of each kind the load asked."""
    seconds, statuses = defaultdict(list), defaultdict(Counter)
    for entry in entries:
        index = kind_of(entry["request_id"])
        if index is not None:
            seconds[index].append(entry["seconds"])
            statuses[index][entry["status"]] += 1
    return [
        KindFigures(
            kind.name,
            len(seconds[index]),
            1000 * percentile(seconds[index], 0.5),
            1000 * percentile(seconds[index], 0.99),
            dict(sorted(statuses[index].items())),
        )
        for index, kind in enumerate(kinds)
    ]


def upstream_counts(entries: Iterable[dict]) -> tuple[Counter, int]:
    """Answers by the replica that gave them, and how many requests another replica took
    after the first could not answer (nginx writes "a, b" for those)."""
    answered, retried = Counter(), 0
    for entry in entries:
        if kind_of(entry["request_id"]) is None or not entry["upstream"]:
            continue
        tried = [address.strip() for address in entry["upstream"].split(",")]
        answered[tried[-1]] += 1
        retried += len(tried) > 1
    return answered, retried


def format_kinds(figures: Sequence[KindFigures]) -> str:
    """A line per kind: its requests and their share, p50, p99 and the statuses nginx logged."""
    requests = sum(figure.requests for figure in figures)
    width = max(len(figure.name) for figure in figures)
    lines = [
        f"{'kind':<{width}}  {'requests':>8}  {'share':>6}  {'p50 ms':>8}  {'p99 ms':>8}  statuses"
    ]
    for figure in figures:
        share = 100 * figure.requests / requests if requests else 0.0
        statuses = ", ".join(f"{status}: {count}" for status, count in figure.statuses.items())
        lines.append(
            f"{figure.name:<{width}}  {figure.requests:>8}  {share:>5.1f}%  "
            f"{figure.p50_ms:>8.1f}  {figure.p99_ms:>8.1f}  {statuses or '–'}"
        )
    return "\n".join(lines)


def format_memory(samples: Sequence[Sample]) -> str:
    """Each process's resident memory (MiB) at each sample, and its change first to last."""
    labels = list(dict.fromkeys(label for sample in samples for label in sample.mib))
    width = max((len(label) for label in labels), default=7)
    header = "".join(f"  {f'{sample.seconds:.0f}s':>6}" for sample in samples)
    lines = [f"{'process':<{width}}{header}  {'change':>6}"]
    for label in labels:
        values = [sample.mib.get(label) for sample in samples]
        cells = "".join(
            f"  {value:>6.1f}" if value is not None else f"  {'–':>6}" for value in values
        )
        present = [value for value in values if value is not None]
        change = f"{present[-1] - present[0]:>+6.1f}" if len(present) > 1 else f"{'–':>6}"
        lines.append(f"{label:<{width}}{cells}  {change}")
    return "\n".join(lines)
