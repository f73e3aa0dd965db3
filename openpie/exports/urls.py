from django.urls import path

from openpie.exports import views

app_name = "exports"

urlpatterns = [
    path("exports/", views.job_list, name="list"),
    path("exports/<int:job_id>/", views.job_detail, name="detail"),
    path("exports/<int:job_id>/download/", views.download, name="download"),
    path("rounds/<int:round_id>/export/", views.round_export, name="round"),
    path("units/<int:unit_id>/export/", views.unit_export, name="unit"),
    path("barriers/export/", views.register_export, name="register"),
    path("organisations/<int:organisation_id>/research-extract/", views.research_export, name="research"),
]
