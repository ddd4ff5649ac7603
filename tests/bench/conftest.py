"""A recording HTTP server, for the benchmark's tests that run wrk or nginx."""

import http.server
import threading
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Recorded:
    path: str
    headers: dict[str, str]


@pytest.fixture
def recorder():
    """A local HTTP server answering 200 to every GET: its address and the requests it got."""
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(Recorded(self.path, dict(self.headers.items())))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()
