"""OpenPIE settings, read from the environment.

One settings module serves every environment. ``OPENPIE_ENV=production``
switches on the secure defaults that ``manage.py check --deploy`` expects;
anything else is development. See README.md for every variable.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


OPENPIE_ENV = env("OPENPIE_ENV", "development")
# TLS ends at a proxy that sets X-Forwarded-Proto and X-Forwarded-For.
OPENPIE_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
PRODUCTION = OPENPIE_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdef"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "openpie.common",
    "openpie.accounts",
    "openpie.organisations",
    "openpie.frameworks",
    "openpie.assessments",
    "openpie.barriers",
    "openpie.participation",
    "openpie.insights",
    "openpie.exports",
    "openpie.sharing",
    "openpie.reviews",
    "openpie.practice",
    "openpie.relationships",
    "openpie.audit",
    "openpie.audit_trail",
    "openpie.privacy",
    "openpie.onboarding",
    "openpie.home",
    "openpie.operations",
    "openpie.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below the static files: every page the application makes is never stored by a browser or proxy.
    "openpie.accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Too large or too many fields: 413 with a plain page (or JSON on the API) before anything reads the body.
    "openpie.common.limits.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sessions end after idle time, after the absolute limit and on signing out anywhere; then
    # a person who needs a second step (or must set one up) can do nothing else first.
    "openpie.accounts.middleware.SessionGuardMiddleware",
    "openpie.accounts.middleware.MfaGateMiddleware",
    "openpie.accounts.middleware.DeniedAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "openpie.accounts.context_processors.session_timeout",
            ],
            "builtins": ["openpie.common.templatetags.govuk"],
        },
    }
]

# Database: SQLite (WAL, immediate transactions) unless DATABASE_URL is set.
SQLITE_PATH = Path(env("OPENPIE_SQLITE_PATH", str(BASE_DIR / "var" / "openpie.sqlite3")))
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a sign-in from an address locked out for that email address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("OPENPIE_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("OPENPIE_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "OpenPIE <no-reply@openpie.invalid>")
OPENPIE_BASE_URL = env("OPENPIE_BASE_URL", "http://127.0.0.1:8000")

# Signing in safely (docs/adr/0010-sign-in-and-sessions.md).
# Sessions: signed out after OPENPIE_IDLE_MINUTES without activity (warned
# OPENPIE_IDLE_WARNING_SECONDS before) and OPENPIE_SESSION_HOURS after signing in, whatever happens.
OPENPIE_IDLE_MINUTES = float(env("OPENPIE_IDLE_MINUTES", "30"))
OPENPIE_IDLE_WARNING_SECONDS = int(env("OPENPIE_IDLE_WARNING_SECONDS", "120"))
OPENPIE_SESSION_HOURS = float(env("OPENPIE_SESSION_HOURS", "12"))
# Lockout (django-axes): 5 wrong passwords for one email address from one address lock that pair
# out for OPENPIE_LOCKOUT_MINUTES; the same person from anywhere else can still sign in.
AXES_FAILURE_LIMIT = int(env("OPENPIE_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("OPENPIE_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail instead
AXES_CLIENT_IP_CALLABLE = "openpie.accounts.signin.axes_client_ip"
AXES_USERNAME_CALLABLE = "openpie.accounts.signin.axes_username"
AXES_LOCKOUT_CALLABLE = "openpie.accounts.signin.lockout_response"
AXES_VERBOSE = False
# Across all addresses, wrong passwords for one email address beyond this many an hour slow every
# further try for it (a pause of OPENPIE_SIGNIN_SLOWDOWN_SECONDS) rather than locking anyone out.
OPENPIE_SIGNIN_SLOW_AFTER = int(env("OPENPIE_SIGNIN_SLOW_AFTER", "10"))
OPENPIE_SIGNIN_SLOWDOWN_SECONDS = float(env("OPENPIE_SIGNIN_SLOWDOWN_SECONDS", "2"))
# Two-step sign-in (django-otp): an authenticator app (TOTP) and single-use recovery codes.
OTP_TOTP_ISSUER = "OpenPIE"
OTP_TOTP_THROTTLE_FACTOR = 1

# Security headers. Production adds HTTPS-only cookies and HSTS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(OPENPIE_SESSION_HOURS * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    if OPENPIE_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Background tasks (exports, reports): Django's task API, stored in the database,
# run by `manage.py db_worker` on any number of hosts.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("OPENPIE_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO; the audit trail records them instead.
        "axes": {"level": "WARNING"},
    },
}

# OpenPIE's own settings.
OPENPIE_INVITATION_DAYS = int(env("OPENPIE_INVITATION_DAYS", "14"))
OPENPIE_DEFAULT_FRAMEWORK_FILE = BASE_DIR / "openpie" / "frameworks" / "data" / "pies-2.0.yaml"

# Many voices: the smallest group ever shown inside an organisation, and to anyone
# outside it (never lower than these defaults); service users' participation links.
OPENPIE_SMALL_GROUP_INSIDE = max(5, int(env("OPENPIE_SMALL_GROUP_INSIDE", "5")))
OPENPIE_SMALL_GROUP_OUTSIDE = max(10, int(env("OPENPIE_SMALL_GROUP_OUTSIDE", "10")))
OPENPIE_PARTICIPATION_LINK_DAYS = int(env("OPENPIE_PARTICIPATION_LINK_DAYS", "28"))
# A peer reviewer's access: the lead chooses up to the most; the default is offered first.
OPENPIE_PEER_REVIEW_DAYS = int(env("OPENPIE_PEER_REVIEW_DAYS", "28"))
OPENPIE_PEER_REVIEW_MAX_DAYS = int(env("OPENPIE_PEER_REVIEW_MAX_DAYS", "90"))
# Rate limits on the public participation pages, per hour: starts per link, starts and
# withdrawal-code tries per address.
OPENPIE_RATE_LINK_STARTS = int(env("OPENPIE_RATE_LINK_STARTS", "120"))
OPENPIE_RATE_ADDRESS_STARTS = int(env("OPENPIE_RATE_ADDRESS_STARTS", "20"))
OPENPIE_RATE_ADDRESS_WITHDRAWALS = int(env("OPENPIE_RATE_ADDRESS_WITHDRAWALS", "10"))
# Typing a link's short code at /go/ (found or not), per address and hour.
OPENPIE_RATE_GO_TRIES = int(env("OPENPIE_RATE_GO_TRIES", "30"))
# Request sizes (over any of them: 413, a plain page or the API's JSON). A whole request, files
# included; a form's fields without its files (and any JSON body: Django's DATA_UPLOAD_MAX_MEMORY_SIZE);
# one evidence file (refused beside its field while the whole request fits).
OPENPIE_REQUEST_MAX_BYTES = int(float(env("OPENPIE_REQUEST_MAX_MB", "25")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = int(float(env("OPENPIE_FORM_MAX_MB", "2.5")) * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(env("OPENPIE_FORM_MAX_FIELDS", "1000"))
OPENPIE_UPLOAD_MAX_BYTES = int(float(env("OPENPIE_UPLOAD_MAX_MB", "10")) * 1024 * 1024)
CSRF_FAILURE_VIEW = "openpie.common.errors.csrf_failure"
# Every date a person types (due dates, round dates, closing dates, filters) must fall in this window.
OPENPIE_DATE_EARLIEST = date.fromisoformat(env("OPENPIE_DATE_EARLIEST", "2000-01-01"))
OPENPIE_DATE_LATEST = date.fromisoformat(env("OPENPIE_DATE_LATEST", "2100-12-31"))
# Starting organisations (openpie/onboarding): the operator's one-time code for the first platform
# admin (else one is made and printed to the log), whether people may ask to start an organisation
# themselves, and how many such requests and set-up code tries one address may make per hour.
OPENPIE_SETUP_CODE = env("OPENPIE_SETUP_CODE", "")
OPENPIE_ALLOW_ORGANISATION_REQUESTS = env_bool("OPENPIE_ALLOW_ORGANISATION_REQUESTS")
OPENPIE_RATE_ORGANISATION_REQUESTS = int(env("OPENPIE_RATE_ORGANISATION_REQUESTS", "3"))
OPENPIE_RATE_SETUP_TRIES = int(env("OPENPIE_RATE_SETUP_TRIES", "10"))
