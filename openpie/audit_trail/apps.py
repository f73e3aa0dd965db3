from django.apps import AppConfig


class AuditTrailConfig(AppConfig):
    """The organisation admins' audit trail page, its filters, download and API (the record is ``openpie.audit``)."""

    name = "openpie.audit_trail"
    label = "audit_trail"
    verbose_name = "Audit trail page"
