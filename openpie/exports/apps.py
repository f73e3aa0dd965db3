from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "openpie.exports"
    verbose_name = "Exports and research extracts"
