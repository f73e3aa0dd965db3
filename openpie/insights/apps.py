from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "openpie.insights"
    verbose_name = "Overview across units"
