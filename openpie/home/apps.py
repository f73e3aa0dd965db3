from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "openpie.home"
    label = "home"
