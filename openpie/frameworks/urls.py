from django.urls import path

from openpie.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/", views.framework_list, name="list"),
    path("frameworks/<int:pk>/", views.framework_detail, name="detail"),
    path("frameworks/<int:pk>/download.<str:fmt>", views.framework_download, name="download"),
    path("frameworks/<int:pk>/publish/", views.framework_publish, name="publish"),
    path("organisations/<int:organisation_pk>/frameworks/import/", views.framework_import, name="import"),
    path("organisations/<int:organisation_pk>/wording/", views.organisation_frameworks, name="organisation"),
    path(
        "organisations/<int:organisation_pk>/wording/<int:framework_pk>/<slug:key>/",
        views.wording_edit,
        name="wording",
    ),
    path(
        "organisations/<int:organisation_pk>/wording/<int:framework_pk>/<slug:key>/levels/",
        views.guidance_edit,
        name="guidance",
    ),
    path(
        "organisations/<int:organisation_pk>/wording/<int:framework_pk>/<slug:theme_key>/add-local/",
        views.local_element_add,
        name="local-add",
    ),
    path("local-elements/<int:pk>/", views.local_element_edit, name="local-edit"),
    path("units/<int:unit_pk>/elements/", views.unit_elements, name="unit-elements"),
]
