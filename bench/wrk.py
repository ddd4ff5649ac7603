"""Load one URL with wrk and read its report: requests per second, p50, p99 and errors."""

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "wrk is not installed: on Debian or Ubuntu, apt-get install -y wrk"
_MILLISECONDS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


class WrkError(Exception):
    pass


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    socket_errors: int = 0  # connect, read, write and timeout
    bad_answers: int = 0  # answers other than 2xx or 3xx

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_answers


def milliseconds(duration: str) -> float:
    """wrk's way of writing a time ("812.00us", "4.90ms", "1.02s") in milliseconds."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", duration)
    if not match:
        raise WrkError(f"wrk wrote {duration!r} where a duration was expected.")
    return float(match[1]) * _MILLISECONDS[match[2]]


def parse_wrk_output(text: str) -> WrkResult:
    """The numbers of a report of ``wrk --latency``."""

    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, text, flags=re.MULTILINE)
        if not match:
            raise WrkError(f"wrk's report has no line matching {pattern!r}:\n{text}")
        return match

    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    answers = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return WrkResult(
        requests=int(find(r"^\s*(\d+) requests in ")[1]),
        requests_per_second=float(find(r"^Requests/sec:\s+([0-9.]+)")[1]),
        p50_ms=milliseconds(find(r"^\s*50(?:\.0+)?%\s+(\S+)")[1]),
        p99_ms=milliseconds(find(r"^\s*99(?:\.0+)?%\s+(\S+)")[1]),
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
        bad_answers=int(answers[1]) if answers else 0,
    )


def wrk_command(
    url: str,
    *,
    connections: int,
    threads: int,
    seconds: int,
    headers: dict[str, str],
    script: Path | None = None,
    script_arguments: Sequence[str] = (),
) -> list[str]:
    """The command line; a timeout of 30 s so a slow answer counts in p99, not as lost."""
    command = ["wrk", f"--connections={connections}", f"--threads={threads}"]
    command += [f"--duration={seconds}s", "--timeout=30s", "--latency"]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    if script:
        command += [f"--script={script}"]
    return [*command, url, *(["--", *script_arguments] if script_arguments else [])]


def wrk_report(command: Sequence[str]) -> str:
    """Run a ``wrk_command``; its report as wrk wrote it."""
    if not shutil.which("wrk"):
        raise WrkError(INSTALL_HINT)
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise WrkError(f"{' '.join(command)} failed:\n{finished.stderr}{finished.stdout}")
    return finished.stdout


def run_wrk(command: Sequence[str]) -> WrkResult:
    """Run a ``wrk_command`` and read its report."""
    return parse_wrk_output(wrk_report(command))
