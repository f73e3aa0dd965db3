"""OpenPIE settings, read from the environment.

One settings module serves every environment. ``OPENPIE_ENV=production``
switches on the secure defaults that ``manage.py check --deploy`` expects;
anything else is development. Every variable is listed in .env.example; a .env file
beside manage.py supplies any the environment does not set (config/envfile.py).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.envfile import env_file_load
from config.sentry import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent
# Variables from .env (or OPENPIE_ENV_FILE) where the environment does not set them (config/envfile.py).
env_file_load()


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
    # Signing in: django-allauth's accounts and two-step sign-in (MFA). django-otp stays only so
    # accounts' migration 0003 can move its authenticator apps into allauth's (its tables are read once).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
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
    "openpie.signin_providers",
    "openpie.home",
    "openpie.operations",
    "openpie.api",
    "openpie.demo",
]

MIDDLEWARE = [
    # Operations: each request's id in every log line and the X-Request-ID header; its metrics.
    "openpie.operations.middleware.RequestTelemetryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for clients that accept it (static files are WhiteNoise's, above). Django's
    # GZipMiddleware pads each response at random against BREACH; CSRF tokens are masked per request.
    "django.middleware.gzip.GZipMiddleware",
    # Below the static files: every page the application makes is never stored by a browser or proxy.
    "openpie.accounts.middleware.NoStoreMiddleware",
    # Operations: /healthz, /healthz/deep and /metrics are answered here, before any session is read.
    "openpie.operations.middleware.OperationsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the person's choice (a cookie), else what their browser asks for (English, Welsh).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session done the second step of signing in?
    "openpie.accounts.middleware.TwoStepMiddleware",
    # A signed-in person's saved language wins over the device's cookie (a shared computer).
    "openpie.accounts.middleware.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "openpie.accounts.context_processors.session_timeout",
            ],
            # Every template can translate ({% translate %}, {% blocktranslate %}) without loading i18n.
            "builtins": [
                "openpie.common.templatetags.govuk",
                "openpie.common.templatetags.language",
                "django.templatetags.i18n",
            ],
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
            # Each server thread keeps its connection: opening one (and its PRAGMAs) per request was a
            # measured share of every page under make run's default server (docs/performance.md).
            "CONN_MAX_AGE": int(env("DATABASE_CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
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
    # Argon2id at OWASP's cost (see the module); it also reads hashes made at Django's default cost.
    "openpie.common.passwords.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Welsh on equal terms (docs/translation.md): the catalogue is locale/cy/LC_MESSAGES/django.po.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "openpie_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
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
# Every email is queued as a task (openpie/common/mail.py) and sent by a task worker through
# OPENPIE_EMAIL_DELIVERY_BACKEND, so no request waits for a mail server.
EMAIL_BACKEND = "openpie.common.mail.QueuedEmailBackend"
OPENPIE_EMAIL_TASK_BACKEND = "default"
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    OPENPIE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    OPENPIE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
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
# further try for it (one try per OPENPIE_SIGNIN_SLOWDOWN_SECONDS; sooner, 429 with Retry-After) rather
# than locking anyone out.
OPENPIE_SIGNIN_SLOW_AFTER = int(env("OPENPIE_SIGNIN_SLOW_AFTER", "10"))
OPENPIE_SIGNIN_SLOWDOWN_SECONDS = float(env("OPENPIE_SIGNIN_SLOWDOWN_SECONDS", "2"))
# --- Signing in: django-allauth (accounts.services.mfa, ADR 0018) ---------------------------------
# People sign in by email address (the user model has no username). Two-step sign-in is allauth's
# MFA: an authenticator app (TOTP, one step of clock drift either way, as before) and recovery codes
# (kept as hashes); passkeys (WebAuthn) are allowed as a type.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "OpenPIE"
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# Passkeys (accounts.services.passkeys): each is discoverable, so it can sign a person in by itself on
# the sign-in page, both steps at once; it is also a second step after a password or a provider.
MFA_PASSKEY_LOGIN_ENABLED = env_bool("OPENPIE_PASSKEY_LOGIN", True)
# Organisations' own providers (openpie.signin_providers, OpenID Connect and SAML 2.0): allauth
# SocialApps made on pages, never a signup form.
ACCOUNT_ADAPTER = "openpie.signin_providers.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "openpie.signin_providers.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# The key the providers' client secrets are encrypted with (Fernet, urlsafe base64 of 32 bytes);
# unset, one is derived from SECRET_KEY (so changing SECRET_KEY means entering the secrets again).
OPENPIE_SSO_KEY = env("OPENPIE_SSO_KEY", "")
# Count a provider's sign-in as the second step too when its ID token says it used one (amr "mfa").
OPENPIE_SSO_MFA_COUNTS = env_bool("OPENPIE_SSO_MFA_COUNTS")
# --- end of signing in ------------------------------------------------------------------------------

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

# Logging (openpie/operations/logs.py): one line a record on standard error, carrying the request's id
# (and a task's, in a worker); JSON lines (OPENPIE_LOG_FORMAT=json, the default in production) or text.
OPENPIE_LOG_FORMAT = env("OPENPIE_LOG_FORMAT") or ("json" if PRODUCTION else "text")
if OPENPIE_LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("OPENPIE_LOG_FORMAT is json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"ids": {"()": "openpie.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "openpie.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["ids"], "formatter": OPENPIE_LOG_FORMAT},
    },
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

# Operations (docs/deployment.md): the monitoring token for /healthz/deep and /metrics (unset: both
# answer 404), and when the deep check calls a task worker missing or the daily retention overdue.
OPENPIE_MONITORING_TOKEN = env("OPENPIE_MONITORING_TOKEN")
OPENPIE_WORKER_STALE_SECONDS = int(env("OPENPIE_WORKER_STALE_SECONDS", "120"))
OPENPIE_WORKER_HEARTBEAT_SECONDS = float(env("OPENPIE_WORKER_HEARTBEAT_SECONDS", "15"))
OPENPIE_RETENTION_STALE_HOURS = int(env("OPENPIE_RETENTION_STALE_HOURS", "26"))
# Load balancers and monitors often ask over plain HTTP inside the network: no redirect to HTTPS there.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/deep$", r"^metrics$"]

# Error reports to Sentry, only with a DSN; never personal data (config/sentry.py).
SENTRY_DSN = env("SENTRY_DSN")
sentry_init(
    dsn=SENTRY_DSN,
    environment=env("SENTRY_ENVIRONMENT", OPENPIE_ENV),
    release=env("SENTRY_RELEASE"),
    traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
