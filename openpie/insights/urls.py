from django.urls import path

from openpie.insights import views

app_name = "insights"

urlpatterns = [
    path("units/<int:unit_id>/overview/", views.overview, name="overview"),
]
