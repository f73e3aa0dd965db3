from django.urls import path

from openpie.reviews.views import reviewer, team

app_name = "reviews"

urlpatterns = [
    # The team's side (members of the round's unit).
    path("rounds/<int:pk>/peer-review/", team.round_peer_reviews, name="round"),
    path("rounds/<int:pk>/peer-review/invite/", team.review_invite, name="invite"),
    path("peer-reviews/<int:pk>/", team.review_detail, name="detail"),
    path("peer-reviews/<int:pk>/threads/<int:thread>/respond/", team.thread_respond, name="respond"),
    path("peer-reviews/<int:pk>/revoke/", team.review_revoke, name="revoke"),
    path("units/<int:pk>/peer-reviews/", team.unit_ledger, name="ledger"),
    # The reviewer's side (access by the review itself).
    path("peer-review/accept/<str:token>/", reviewer.review_accept, name="accept"),
    path("reviewing/", reviewer.my_reviews, name="mine"),
    path("reviewing/<int:pk>/", reviewer.reviewer_round_view, name="reviewer-round"),
    path("reviewing/<int:pk>/threads/<int:thread>/", reviewer.reviewer_thread_save, name="reviewer-thread"),
    path("reviewing/<int:pk>/finish/", reviewer.reviewer_finish, name="reviewer-finish"),
]
