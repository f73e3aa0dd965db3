from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "openpie.sharing"
    label = "sharing"
    verbose_name = "Sharing between organisations"
