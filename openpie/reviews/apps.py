from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "openpie.reviews"
    label = "reviews"
    verbose_name = "Peer review"

    def ready(self) -> None:
        """Fill in what the rounds' pages show from this app (openpie/assessments/extensions.py)."""
        from openpie.assessments.extensions import EXTENSIONS
        from openpie.reviews.selectors import round_peer_review

        EXTENSIONS.peer_review = round_peer_review
