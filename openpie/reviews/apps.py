from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "openpie.reviews"
    label = "reviews"
    verbose_name = "Peer review"
