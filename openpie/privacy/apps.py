from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "openpie.privacy"
    label = "privacy"
    verbose_name = "Data rights"
