from django.urls import path

from dugnad.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.index, name="index"),
]
