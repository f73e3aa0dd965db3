from django.urls import path

from openpie.sharing import views

app_name = "sharing"

urlpatterns = [
    path("organisations/<int:pk>/sharing/", views.organisation_sharing, name="organisation"),
    path("organisations/<int:pk>/sharing/request/", views.grant_new, name="request"),
    path("sharing/grants/<int:pk>/decide/", views.grant_decide, name="decide"),
    path("sharing/grants/<int:pk>/revoke/", views.grant_revoke, name="revoke"),
    path("sharing/grants/<int:pk>/relinquish/", views.grant_relinquish, name="relinquish"),
]
