from django.urls import path

from openpie.audit_trail import views

app_name = "audit"

urlpatterns = [
    path("organisations/<int:pk>/audit/", views.audit_list, name="list"),
    path("organisations/<int:pk>/audit/export/", views.audit_download, name="export"),
]
