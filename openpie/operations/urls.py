from django.urls import path

from openpie.operations import views

app_name = "operations"

# Answered before the session middleware (openpie/operations/middleware.py): keep them GET-only.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/deep", views.healthz_deep, name="healthz-deep"),
    path("metrics", views.metrics, name="metrics"),
]
