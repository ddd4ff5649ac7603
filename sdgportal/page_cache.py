"""Anonymous reads of pages and the API, answered from the data version.

The ETag names the data version, the language, the URL and the Accept header, so a client
that holds it gets a 304 before any view runs (no query). Otherwise a response stored for the
same fingerprint is served; failing that the view's, stored if anyone may be given it.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import http_date, quote_etag
from rest_framework.settings import api_settings

from sdgportal.caching import KEEP_SECONDS, PAGES_CACHE, DataVersion, one_data_version
from sdgportal.rest.viewsets import api_language

API_PREFIX = "/api/"
# Never answered from the cache: the admin, the language switch and the probes, which must
# answer for the process (and readiness for its services) without a cache in between.
PRIVATE_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/readyz")
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
# Headers the fingerprint covers (Cookie: only the language cookie matters to anonymous reads).
KEYED_VARY = {"accept", "accept-language", "cookie"}
PRIVATE_CACHE_CONTROL = {"private", "no-store", "no-cache"}


class PublicCacheMiddleware:
    """Conditional GET and a shared cache for anonymous reads; after AuthenticationMiddleware
    (the API's throttle asks for ``request.user``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_anonymous_read(request):
            return self.get_response(request)
        with one_data_version() as version:
            return self._answer(request, version)

    def _answer(self, request: HttpRequest, version: DataVersion) -> HttpResponseBase:
        fingerprint = fingerprint_of(request, version)
        validators = HttpResponse(
            headers={
                "ETag": quote_etag(fingerprint),
                "Last-Modified": http_date(version.changed_at),
                "Cache-Control": "no-cache",  # keep it, but ask each time: data change any time
            }
        )
        conditional = get_conditional_response(
            request,
            etag=validators["ETag"],
            last_modified=int(version.changed_at),
            response=validators,
        )
        answer = (
            conditional if conditional is not validators else pages().get(f"page:{fingerprint}")
        )
        if answer is not None and _throttle_allows(request):
            return answer
        response = self.get_response(request)
        if is_shareable(request, response):
            for header, value in validators.items():
                response.headers.setdefault(header, value)
            pages().set(f"page:{fingerprint}", response, timeout=KEEP_SECONDS)
        return response


def pages() -> BaseCache:
    """The cache of stored pages, apart from the figures (settings.CACHES)."""
    return caches[PAGES_CACHE]


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET or HEAD of a public path by someone with no session (so not signed in), no token
    and no messages waiting; telling costs no query."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIVATE_PREFIXES)
        and "HTTP_AUTHORIZATION" not in request.META  # an API token
        and not PERSONAL_COOKIES & request.COOKIES.keys()  # signed in, or a message waiting
    )


def fingerprint_of(request: HttpRequest, version: DataVersion) -> str:
    api = request.path.startswith(API_PREFIX)
    language = api_language(request) if api else translation.get_language()
    parts = (version.token, language, request.build_absolute_uri(), request.headers.get("Accept"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def is_shareable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A complete 200 that sets no cookie, holds no CSRF token and varies only by what the
    fingerprint covers."""
    vary = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and vary <= KEYED_VARY
        and not cache_control & PRIVATE_CACHE_CONTROL
    )


def _throttle_allows(request: HttpRequest) -> bool:
    """An API read served from the cache still counts against the anonymous rate."""
    if not request.path.startswith(API_PREFIX):
        return True
    return all(
        throttle().allow_request(request, None)
        for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
    )
