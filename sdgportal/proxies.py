"""The client's address behind the portal's own reverse proxies (``TRUSTED_PROXIES``)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the nearest untrusted hop connected from.

    Each trusted proxy appends the address it was reached from to X-Forwarded-For, so with N of
    them the client is the N-th address from the right; anything left of it may be forged. With
    none trusted, the address of the connection itself.
    """
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(trusted, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
