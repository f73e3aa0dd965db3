from django.urls import path

from openpie.onboarding.views import first_hour, platform, requests, setup

app_name = "onboarding"

urlpatterns = [
    path("set-up/", setup.first_admin, name="first-admin"),
    path("platform/organisations/", platform.organisation_list, name="organisations"),
    path("platform/organisations/start/", platform.organisation_start, name="organisation-start"),
    path("platform/organisations/<int:pk>/", platform.organisation_detail, name="organisation"),
    path("platform/invitations/<int:pk>/resend/", platform.invitation_resend, name="invitation-resend"),
    path("platform/invitations/<int:pk>/cancel/", platform.invitation_cancel, name="invitation-cancel"),
    path("platform/requests/", requests.request_list, name="requests"),
    path("platform/requests/<int:pk>/", requests.request_decide, name="request"),
    path("ask-to-start-an-organisation/", requests.request_new, name="request-new"),
    path("ask-to-start-an-organisation/sent/", requests.request_sent, name="request-sent"),
    path("organisations/<int:pk>/set-up/", first_hour.task_list, name="tasks"),
    path("organisations/<int:pk>/set-up/levels/", first_hour.levels, name="levels"),
    path("organisations/<int:pk>/set-up/units/", first_hour.units_csv, name="units-import"),
    path("organisations/<int:pk>/set-up/units/template.csv", first_hour.units_template, name="units-template"),
    path("organisations/<int:pk>/set-up/people/", first_hour.people_csv, name="people-import"),
    path("organisations/<int:pk>/set-up/people/template.csv", first_hour.people_template, name="people-template"),
]
