from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "openpie.frameworks"
    label = "frameworks"
