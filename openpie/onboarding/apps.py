from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "openpie.onboarding"
    verbose_name = "Starting organisations"

    def ready(self) -> None:
        """A unit's page says when the first-hour tasks are still to do (openpie/organisations/extensions.py)."""
        from openpie.onboarding.selectors import first_hour_pending
        from openpie.organisations.extensions import EXTENSIONS

        EXTENSIONS.first_hour_pending = first_hour_pending
