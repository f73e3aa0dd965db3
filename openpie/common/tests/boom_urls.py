"""The site's URLs with two that fail, to see the 500 page and the API's 500 (tests only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls as site


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail from /srv/openpie/settings.py about Eastgate")


urlpatterns = [path("boom/", boom), path("api/boom/", boom), *site.urlpatterns]
handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
