from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "openpie.common"
    label = "common"
