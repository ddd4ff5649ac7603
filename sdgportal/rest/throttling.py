"""Anonymous request throttling, its rate read from settings on every request."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Limits anonymous clients to ``API_ANON_THROTTLE_RATE`` (e.g. "600/minute"; None: off)."""

    def get_rate(self) -> str | None:
        return settings.API_ANON_THROTTLE_RATE
