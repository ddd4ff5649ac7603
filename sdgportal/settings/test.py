"""Settings for the test suite: fast hashing, no reference data unless a test points at it."""

from sdgportal.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Serve static files from the apps' folders, as in development: tests need no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# client.login() gives the lockout no request to count by; the lockout tests turn it on.
AXES_ENABLED = False

# Tests make many anonymous requests; the throttling test sets its own rate.
API_ANON_THROTTLE_RATE = None

# Local memory even where REDIS_URL is set: each test starts from an empty cache (conftest.py).
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "pages")
}
