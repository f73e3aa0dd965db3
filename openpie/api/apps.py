from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "openpie.api"
    label = "api"
