from django.apps import AppConfig


class SignInProvidersConfig(AppConfig):
    name = "openpie.signin_providers"
    label = "signin_providers"
    verbose_name = "Organisations' sign-in providers"

    def ready(self) -> None:
        from openpie.accounts.slots import SIGN_IN
        from openpie.signin_providers import selectors

        SIGN_IN.password_refusal = selectors.password_refusal
        SIGN_IN.sign_in_page = selectors.sign_in_page
        SIGN_IN.account_links = selectors.account_links
