from django.urls import path

from openpie.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("account/your-data/", views.your_data, name="mine"),
    path("account/your-data/<str:fmt>/", views.your_data_download, name="mine-download"),
    path("privacy/people/<int:pk>/", views.person_data, name="person"),
    path("privacy/people/<int:pk>/download/<str:fmt>/", views.person_data_download, name="person-download"),
    path("privacy/people/<int:pk>/erase/", views.person_erase, name="erase"),
    path("organisations/<int:pk>/retention/", views.retention, name="retention"),
]
