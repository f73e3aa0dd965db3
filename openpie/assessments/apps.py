from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "openpie.assessments"
    label = "assessments"

    def ready(self) -> None:
        """A unit's page lists its latest rounds (openpie/organisations/extensions.py)."""
        from openpie.assessments.selectors import unit_latest_rounds
        from openpie.organisations.extensions import EXTENSIONS

        EXTENSIONS.latest_rounds = unit_latest_rounds
