from django.urls import path

from openpie.signin_providers import views

app_name = "signin_providers"

urlpatterns = [
    path("sign-in/organisation-account/", views.find, name="find"),
    path("invitations/<str:token>/organisation-account/", views.invitation, name="invitation"),
    path("organisations/<int:pk>/sign-in/", views.provider_list, name="list"),
    path("sign-in-providers/<int:pk>/", views.provider_edit, name="provider"),
    path("sign-in-providers/<int:pk>/remove/", views.provider_remove, name="remove"),
]
