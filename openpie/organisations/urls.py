from django.urls import path

from openpie.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/<int:pk>/change/", views.organisation_edit, name="edit"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/add/", views.unit_add, name="unit-add"),
    path("units/<int:pk>/change/", views.unit_edit, name="unit-edit"),
    path("units/<int:pk>/invite/", views.invitation_new, name="invite"),
    path("invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation-cancel"),
    path("members/<int:pk>/", views.membership_edit, name="membership"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
