from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "openpie.audit"
    label = "audit"
    verbose_name = "Audit trail"
