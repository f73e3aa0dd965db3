from django.urls import path

from openpie.practice import views

app_name = "practice"

urlpatterns = [
    path("practice/", views.library, name="library"),
    path("practice/share/", views.create, name="new"),
    path("practice/yours/", views.mine, name="mine"),
    path("practice/moderation/", views.queue, name="queue"),
    path("practice/<int:pk>/", views.detail, name="detail"),
    path("practice/<int:pk>/change/", views.edit, name="edit"),
    path("practice/<int:pk>/submit/", views.submit, name="submit"),
    path("practice/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("practice/<int:pk>/moderate/", views.moderate, name="moderate"),
]
