from django.apps import AppConfig


class BarriersConfig(AppConfig):
    name = "openpie.barriers"
    label = "barriers"
    verbose_name = "Barriers register"

    def ready(self) -> None:
        """Fill in what the rounds' pages show from this app (openpie/assessments/extensions.py)."""
        from openpie.assessments.extensions import EXTENSIONS
        from openpie.barriers.calls import calls_for_units
        from openpie.barriers.prefetch import latest_response_annotations

        EXTENSIONS.factor_annotations = latest_response_annotations
        EXTENSIONS.calls_for_units = calls_for_units
