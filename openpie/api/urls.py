from django.urls import path

from openpie.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
