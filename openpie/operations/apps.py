from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "openpie.operations"
    label = "operations"
    verbose_name = "Running OpenPIE: health checks, metrics, logs, backups"

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django_tasks_db.compat import task_enqueued

        from openpie.operations.logs import request_done
        from openpie.operations.task_logs import remember_origin

        request_finished.connect(request_done, dispatch_uid="openpie.operations.request_done")
        task_enqueued.connect(remember_origin, dispatch_uid="openpie.operations.remember_origin")
