from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "openpie.operations"
    label = "operations"
    verbose_name = "Running OpenPIE: health checks, metrics, logs, backups"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from openpie.operations.logs import request_done

        request_finished.connect(request_done, dispatch_uid="openpie.operations.request_done")
