from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openpie.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from openpie.accounts.receivers import on_signed_in

        user_logged_in.connect(on_signed_in, dispatch_uid="openpie-session-start")
