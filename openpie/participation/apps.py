from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "openpie.participation"
    label = "participation"
    verbose_name = "Service-user participation"
