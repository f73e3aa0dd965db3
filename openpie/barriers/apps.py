from django.apps import AppConfig


class BarriersConfig(AppConfig):
    name = "openpie.barriers"
    label = "barriers"
    verbose_name = "Barriers register"
