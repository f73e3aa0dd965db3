from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "openpie.practice"
    label = "practice"
    verbose_name = "Practice library"
