from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "openpie.practice"
    label = "practice"
    verbose_name = "Practice library"

    def ready(self) -> None:
        """Fill in what the rounds' pages show from this app (openpie/assessments/extensions.py)."""
        from openpie.assessments.extensions import EXTENSIONS
        from openpie.practice.selectors import round_related_examples

        EXTENSIONS.related_examples = round_related_examples
