from django.urls import path

from openpie.barriers import call_views, views

app_name = "barriers"

urlpatterns = [
    path("barriers/", views.register, name="register"),
    path("barriers/trend.svg", views.register_chart, name="register-chart"),
    path("barriers/kinds/<int:kind_id>/", views.kind, name="kind"),
    path("barriers/<int:factor_id>/", views.detail, name="detail"),
    path("barriers/<int:factor_id>/status/", views.status, name="status"),
    path("barriers/calls/", call_views.call_list, name="calls"),
    path("barriers/calls/<int:call_id>/", call_views.call_detail, name="call"),
    path("notifications/", views.notifications, name="notifications"),
]
