"""Error reports to Sentry, only when ``SENTRY_DSN`` is set (nothing is imported or sent otherwise).

No personal data leaves: no cookies, users, addresses or headers (``send_default_pii=False``), no
request bodies (a form may hold a service user's words) and no local variables of stack frames.
"""

from __future__ import annotations


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> bool:
    """Start the Sentry client if a DSN is given; True if it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
    )
    return True
