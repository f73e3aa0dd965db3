"""Test settings: the real settings, made faster. Nothing here changes behaviour."""

from config.settings import *  # noqa: F403
from config.settings import DATABASES, TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Email still goes through its task (conftest.py puts the queued backend back after Django's test
# set-up), run at once, and lands in mail.outbox.
TASKS = {**TASKS, "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OPENPIE_EMAIL_TASK_BACKEND = "immediate"
OPENPIE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": None}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders (no collectstatic needed for browser tests).
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
