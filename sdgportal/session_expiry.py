"""Sessions that end after a time without use, not at a fixed time after signing in."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

REFRESHED = "_refreshed_at"
REFRESH_EVERY = 60  # seconds


class IdleSessionMiddleware:
    """Moves a session's end SESSION_COOKIE_AGE past its latest use (readers have none: only
    staff sign in); it is written at most once a minute, not on every request. After
    SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = request.session
        if not session.is_empty() and time.time() - session.get(REFRESHED, 0) >= REFRESH_EVERY:
            mark_session_used(request)  # saving the session sets a new expiry date
        return response


def mark_session_used(request: HttpRequest, **kwargs: object) -> None:
    """Note the session as used now (also on signing in, which saves the session anyway)."""
    request.session[REFRESHED] = int(time.time())
