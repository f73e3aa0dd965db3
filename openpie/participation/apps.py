from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "openpie.participation"
    label = "participation"
    verbose_name = "Service-user participation"

    def ready(self) -> None:
        from openpie.common.errors import register_not_found
        from openpie.participation.views.common import not_found

        register_not_found("/take-part/", not_found)
