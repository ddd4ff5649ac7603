"""The portal served as in production: gunicorn, the production settings, on loopback, and
nginx from deploy/nginx.conf in front of several gunicorns."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX_HINT = "nginx is not installed: on Debian or Ubuntu, apt-get install -y nginx-light"


def server_environment(
    *, database_url: str, static_root: Path, redis_url: str | None
) -> dict[str, str]:
    """Production settings for plain HTTP on loopback, without the anonymous API throttle;
    the cache in Redis as docker-compose.yml has it, or without ``redis_url`` in each worker."""
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return {
        **environment,
        **({"REDIS_URL": redis_url} if redis_url else {}),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": str(static_root),
        "DJANGO_SECRET_KEY": f"bench-{secrets.token_urlsafe(64)}",
        "DJANGO_DEBUG": "false",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",  # as docker-compose.yml
        # No TLS proxy in front: HTTPS redirects would answer every request with a 301.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # The throttle would turn the load into 429s: measure the portal, not the limit.
        "API_ANON_THROTTLE_RATE": "off",
    }


def collect_static(environment: dict[str, str]) -> None:
    """The hashed static files and their manifest, which production templates need."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(
    environment: dict[str, str], *, workers: int, log: Path
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start gunicorn, yield its base URL and process once it answers; always stop it."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "sdgportal.wsgi"]
    command += [f"--bind={HOST}:{port}", f"--workers={workers}", "--worker-class=sync"]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://{HOST}:{port}"
    try:
        wait_until_answering(f"{base}/healthz", process, log)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def replicas(
    environment: dict[str, str], *, count: int, workers: int, logs: Path
) -> Iterator[list[tuple[str, subprocess.Popen]]]:
    """``count`` gunicorns on ports of their own, as docker compose's replicas; stop them all."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(
                gunicorn(environment, workers=workers, log=logs / f"gunicorn-{number}.log")
            )
            for number in range(1, count + 1)
        ]


def nginx_upstream(servers: Sequence[str]) -> str:
    """deploy/nginx.conf's upstream.conf for replicas at these addresses (host:port)."""
    lines = "".join(f"    server {server};\n" for server in servers)
    # As many requests in flight on each: a replica held by a slow page takes fewer.
    return f"upstream portal {{\n    least_conn;\n{lines}    keepalive 16;\n}}\n"


@contextmanager
def nginx(servers: Sequence[str], *, folder: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """nginx from deploy/nginx.conf in front of the servers on a free port, its prefix the new
    ``folder`` (access.log and error.log in it): yield its base URL and process once it
    answers; always stop it. Started by root, nginx's workers run as another user, who must be
    able to reach the folder."""
    if not shutil.which("nginx"):
        raise RuntimeError(NGINX_HINT)
    folder.mkdir()
    folder.chmod(0o755)
    shutil.copy(NGINX_CONF, folder / "nginx.conf")
    (folder / "upstream.conf").write_text(nginx_upstream(servers))
    port = free_port()
    (folder / "listen.conf").write_text(f"listen {HOST}:{port};\n")
    command = ["nginx", "-p", f"{folder}/", "-c", str(folder / "nginx.conf")]
    command += ["-g", "daemon off; pid nginx.pid;"]
    error_log = folder / "error.log"
    with (folder / "access.log").open("w") as access, error_log.open("w") as errors:
        process = subprocess.Popen(command, stdout=access, stderr=errors)
    base = f"http://{HOST}:{port}"
    try:
        wait_until_answering(f"{base}/healthz", process, error_log, name="nginx")
        yield base, process
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: finish what it holds
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(
    url: str, process: subprocess.Popen, log: Path, *, name: str = "gunicorn"
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer {url} within 60 s:\n{log.read_text()}")


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):  # the process has just exited
            continue
        if parent == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def resident_mib(pid: int) -> float:
    """A process's resident memory (VmRSS) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmRSS line")


def workers_memory(master: int) -> dict[int, float]:
    return {pid: resident_mib(pid) for pid in worker_pids(master)}


def empty_redis(url: str) -> bool:
    """Empty the Redis database at ``url`` for a run of its own; False if none answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        return False
    return True


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (a connection closed, a worker killed by its timeout)
    etag: str | None
    body: str


class _RedirectsRefused(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_FOLLOWING = urllib.request.build_opener()
_NOT_FOLLOWING = urllib.request.build_opener(_RedirectsRefused)


def ask(url: str, accept: str, *, follow_redirects: bool = True, timeout: float = 60) -> Answer:
    """One answer to a GET; without following redirects, a 301 is the answer itself."""
    opener = _FOLLOWING if follow_redirects else _NOT_FOLLOWING
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = answer.read().decode(errors="replace")
            return Answer(answer.status, answer.headers["ETag"], body)
    except urllib.error.HTTPError as error:
        return Answer(error.code, None, "")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return Answer(0, None, "")
