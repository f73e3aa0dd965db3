from django.urls import path

from openpie.relationships import views

app_name = "relationships"

urlpatterns = [
    path("rounds/<int:pk>/relationships/", views.for_round, name="round"),
    path("units/<int:unit_id>/relationships/", views.for_unit, name="unit"),
    path(
        "organisations/<int:organisation_pk>/relationship-words/<int:framework_pk>/",
        views.words,
        name="words",
    ),
]
