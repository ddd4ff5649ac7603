"""One structured log line per request, and the request's id on every line logged meanwhile.

The id comes from the proxy's X-Request-ID when it sent a sane one, else a new one; the answer
carries it back, so a reader's report can be matched to the log.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from sdgportal.proxies import client_ip

logger = logging.getLogger("sdgportal.requests")
_request_id: ContextVar[str] = ContextVar("request_id", default="")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLogMiddleware:
    """First in the chain: its time covers every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the next request sets its own: Django logs a 4xx or 5xx answer after the
        # last middleware has returned, and that line names the request too.
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        if settings.LOG_REQUESTS:
            _log_request(request, response, time.perf_counter() - started)
        return response


def _log_request(request: HttpRequest, response: HttpResponseBase, seconds: float) -> None:
    user = getattr(request, "user", None)
    logger.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "client_ip": client_ip(request),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        },
    )


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record: the latest request's on this thread (or task),
    empty before the first."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
