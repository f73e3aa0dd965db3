from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "openpie.onboarding"
    verbose_name = "Starting organisations"
