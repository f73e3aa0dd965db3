from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: a locality of three organisations, made through the feature apps' services.

    Only this app imports demo code; it depends on the feature apps, never the other way round.
    """

    name = "openpie.demo"
    label = "demo"
    verbose_name = "Demo data"
