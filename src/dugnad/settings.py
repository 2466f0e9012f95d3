"""Settings for Dugnad, read from the environment (12-factor).

Safe production defaults: ``DEBUG`` is off unless ``DJANGO_DEBUG=true``; a
secret key must then be given. ``make run`` sets the development variables.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
TESTING = env_bool("DUGNAD_TESTING", False)

# Used only with DEBUG or in tests; production refuses to start without its own key.
_DEV_SECRET = "dugnad-development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )

# Municipalities are chosen by host name (see municipalities.middleware); any
# host the platform serves must be listed here in production.
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    [".localhost", "localhost", "127.0.0.1", "[::1]", "testserver"] if (DEBUG or TESTING) else [],
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "ninja",
    "dugnad.municipalities",
    "dugnad.people",
    "dugnad.directory",
    "dugnad.premises",
    "dugnad.volunteering",
    "dugnad.grants",
    "dugnad.participation",
    "dugnad.panel",
    "dugnad.events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dugnad.municipalities.middleware.MunicipalityMiddleware",
    "dugnad.municipalities.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "dugnad.urls"
WSGI_APPLICATION = "dugnad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dugnad.municipalities.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
# Embedded SQLite (WAL) by default; DATABASE_URL=postgres://... switches to
# PostgreSQL with no other change.
_default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'dugnad.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run while one writer writes; IMMEDIATE takes the
        # write lock at BEGIN, so concurrent writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, background work -----------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dugnad.cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Oslo"
# Celery beat (production runs `celery -A dugnad beat`): the scheduled jobs.
# Each is idempotent, so a missed or doubled run does no harm, and each is
# also a management command, for cron or by hand.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "volunteering-reminders": {
        "task": "dugnad.volunteering.tasks.send_reminders",
        "schedule": 60 * 60,  # hourly: tomorrow's shifts and renewals, once each
    },
    "volunteering-escalate": {
        "task": "dugnad.volunteering.tasks.escalate",
        "schedule": 60 * 60,
    },
    "premises-expire-waitlist-offers": {
        "task": "dugnad.premises.tasks.expire_waitlist_offers",
        "schedule": 10 * 60,  # an offer expires 24 h after it was sent
    },
}
# The nightly register sync: Brønnøysund's bulk file (or a mirror of it),
# space-separated sources, every municipality (see `manage.py import_brreg`).
DUGNAD_BRREG_SOURCES = os.environ.get("DUGNAD_BRREG_SOURCES", "").split()
if DUGNAD_BRREG_SOURCES:
    CELERY_BEAT_SCHEDULE["directory-import-brreg"] = {
        "task": "dugnad.directory.tasks.import_brreg",
        "schedule": crontab(hour=4, minute=15),
        "kwargs": {"sources": DUGNAD_BRREG_SOURCES, "all_municipalities": True, "full": True},
    }
# Days an interest may wait for an answer before it goes to the volunteer
# centre, unless the need sets its own.
DUGNAD_VOLUNTEERING_ESCALATE_AFTER_DAYS = int(
    os.environ.get("DUGNAD_VOLUNTEERING_ESCALATE_AFTER_DAYS", "5")
)

# --- Identity -------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
# Django's and allauth's backends, loading the session's person with one
# written-out statement (dugnad/people/backends.py).
AUTHENTICATION_BACKENDS = [
    "dugnad.people.backends.ModelBackend",
    "dugnad.people.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "people:my-page"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "dugnad.people.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "dugnad.people.forms.SignupForm"}
# Log-in, sign-up and password reset are rate-limited per IP and per account
# by allauth (through the cache: Redis in production, shared by all workers).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("DUGNAD_RATE_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Dugnad] "

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [SRC_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "dugnad_language"
LANGUAGE_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# build/static holds the npm assets (Designsystemet, htmx) that `make assets`
# copies out of node_modules; nothing there is committed.
STATICFILES_DIRS = [SRC_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DUGNAD_MAX_UPLOAD_BYTES = int(os.environ.get("DUGNAD_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))

# --- E-mail ----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Dugnad <noreply@dugnad.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- SMS (dugnad.sms): console in development, a gateway's backend in production.
DUGNAD_SMS_BACKEND = os.environ.get(
    "DUGNAD_SMS_BACKEND",
    "dugnad.sms.backends.locmem.SmsBackend"
    if TESTING
    else "dugnad.sms.backends.console.SmsBackend"
    if DEBUG
    else "dugnad.sms.backends.dummy.SmsBackend",
)

# --- Security ----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    # Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django logs every 4xx answer (a full shift, a taken time, a page not
        # found) as a warning; they are ordinary answers and the server's access
        # log has them all. Server errors (5xx) are still logged. Django's own
        # default prints these warnings only with DEBUG on.
        "django.request": {
            "level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "ERROR")
        },
    },
}

# --- Tenancy ---------------------------------------------------------------
# How long a host → municipality resolution is cached (seconds).
DUGNAD_TENANT_CACHE_SECONDS = int(os.environ.get("DUGNAD_TENANT_CACHE_SECONDS", "60"))

# Public pages served from the cache to anonymous visitors (page_cache.py).
DUGNAD_PAGE_CACHE_SECONDS = int(os.environ.get("DUGNAD_PAGE_CACHE_SECONDS", "300"))
# The deployed version; part of every page-cache key so a new release never
# serves pages rendered by the old one.
DUGNAD_RELEASE = os.environ.get("DUGNAD_RELEASE", "dev")

# Map tiles for the directory's map of results (a URL template with {z}/{x}/{y},
# e.g. Kartverket's or OpenStreetMap's tile service). Empty: no map is shown;
# the list of results is complete without it.
DUGNAD_MAP_TILE_URL = os.environ.get("DUGNAD_MAP_TILE_URL", "")
DUGNAD_MAP_ATTRIBUTION = os.environ.get("DUGNAD_MAP_ATTRIBUTION", "")

# Django 6 makes https the default scheme of URL form fields; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

NINJA_PAGINATION_PER_PAGE = 50
