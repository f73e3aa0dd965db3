from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openpie.accounts"
    label = "accounts"
