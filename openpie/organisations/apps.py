from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "openpie.organisations"
    label = "organisations"
