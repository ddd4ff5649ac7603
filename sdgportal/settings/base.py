"""Settings for development, read from the environment with defaults that just work.

SQLite in the project folder unless ``DATABASE_URL`` is set (``postgres://…`` in production).
"""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sdgportal.settings.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "sdgportal.apps.PortalAdminConfig",  # django.contrib.admin with the curators' pages
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # search lookups (trigram similarity) on PostgreSQL
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "sdgportal",
    "indicators",
    "organisations",
    "events",
]

MIDDLEWARE = [
    "sdgportal.request_log.RequestLogMiddleware",  # first: its time covers the rest
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sdgportal.session_expiry.IdleSessionMiddleware",
    "sdgportal.page_cache.PublicCacheMiddleware",  # after auth: the API throttle reads the user
    "simple_history.middleware.HistoryRequestMiddleware",  # versions name the signed-in user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out sign-in
]

ROOT_URLCONF = "sdgportal.urls"
WSGI_APPLICATION = "sdgportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: readers don't wait for the writer, and a commit costs no full sync.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: a page's queries are short, and on the large aggregates (partnerships)
    # it cost more than it saved, misled by estimates of millions of pairs.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages, API answers and figures cached per data version (sdgportal/caching.py). Redis is shared
# by every worker and command; local memory is each process's own, for one-process development.
REDIS_URL = env_str("REDIS_URL", "")
# Stored pages are a cache of their own: a flood of them must not push out the data version or
# the figures every page reads.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "sdgportal.redis_cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "sdgportal.redis_cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "figures",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 300},  # pages are large: this bounds a process's memory
        },
    }

# Every account is a staff account (readers need none): long passwords, not common or numeric.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before checking it
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in lockout: after AXES_FAILURE_LIMIT failures for one account from one address, that
# pair waits AXES_COOLOFF_MINUTES (an attacker cannot lock a curator out from elsewhere).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "sdgportal.proxies.client_ip"
# Reverse proxies in front of the portal that append to X-Forwarded-For (nginx: 1).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# A signed-in session ends after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = 60 * env_int("SESSION_IDLE_MINUTES", 120)

# Scripts and styles only from the portal's own files: no inline script anywhere. Style
# attributes stay allowed (goal colours, map legends set one property each); style elements not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "style-src-attr": [csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

# A change reason may name a whole source document ("Imported from …"): no length limit.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "sdgportal" / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["sdgportal.rest.permissions.StaffWriteOthersRead"],
    "DEFAULT_THROTTLE_CLASSES": ["sdgportal.rest.throttling.AnonymousThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "sdgportal.rest.pagination.PortalPagination",
    "DEFAULT_PARSER_CLASSES": [
        "sdgportal.rest.parsers.PortalJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "sdgportal.rest.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "sdgportal.rest.csv.CSVRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "sdgportal.rest.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "sdgportal.rest.exceptions.portal_exception_handler",
    "NUM_PROXIES": TRUSTED_PROXIES,  # the throttle counts clients, not the proxy
}
# Requests an anonymous client may make, e.g. "600/minute"; "off" for no limit.
API_ANON_THROTTLE_RATE = env_str("API_ANON_THROTTLE_RATE", "600/minute")
if API_ANON_THROTTLE_RATE == "off":
    API_ANON_THROTTLE_RATE = None
elif not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_ANON_THROTTLE_RATE):
    raise ImproperlyConfigured(
        f"API_ANON_THROTTLE_RATE is {API_ANON_THROTTLE_RATE!r}: give requests per second, "
        "minute, hour or day (e.g. 600/minute), or off."
    )

SPECTACULAR_SETTINGS = {
    "TITLE": "SDG Partnership Portal API",
    "DESCRIPTION": (
        "Events, organisations, people, grants, the SDG framework and Kazakhstan's national "
        "SDG indicators, as JSON or CSV. Anyone may read; staff write with a token."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "events.models.DatePrecision"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sdgportal.rest.schema.add_error_answers",
    ],
}

# Any site may read the API from a browser; nobody writes cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Public reference data is read from outside the project, never copied into it.
SDG_DATA_DIR = Path(env_str("SDG_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
SDG_TRANSLATIONS_DIR = Path(env_str("SDG_TRANSLATIONS_DIR", str(SDG_DATA_DIR / "sdg-translations")))
SDG_NATIONAL_DATA_DIR = Path(
    env_str("SDG_NATIONAL_DATA_DIR", str(SDG_DATA_DIR / "sdg-data-kazstat"))
)

# Logs: "json" writes one object per line (time, level, logger, message, request_id and a
# request's method, path, status, duration_ms, client_ip, user_id), "text" a readable line.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("json", "text"))
# One line per request from the portal itself (runserver prints its own in development).
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sdgportal.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes.apps": {"level": "WARNING"}},  # not its version at every start
}

# The news pages the portal's first data comes from.
SEEDS_DIR = Path(env_str("SEEDS_DIR", str(BASE_DIR / "seeds")))
# Where import_seeds writes each document's records as a Django fixture.
IMPORT_FIXTURES_DIR = Path(env_str("IMPORT_FIXTURES_DIR", str(BASE_DIR / "fixtures" / "seeds")))
