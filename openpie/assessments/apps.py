from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "openpie.assessments"
    label = "assessments"
