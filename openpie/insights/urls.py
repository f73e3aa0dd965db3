from django.urls import path

from openpie.insights import views

app_name = "insights"

urlpatterns = [
    path("units/<int:unit_id>/overview/", views.overview, name="overview"),
    path("units/<int:unit_id>/overview/<slug:which>.svg", views.overview_chart, name="overview-chart"),
]
