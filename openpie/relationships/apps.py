from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "openpie.relationships"
    label = "relationships"
    verbose_name = "Relationships view"
