from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "openpie.operations"
    label = "operations"
    verbose_name = "Running OpenPIE: health check, backups"
