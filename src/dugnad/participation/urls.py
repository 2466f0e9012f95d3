from django.urls import path

from dugnad.participation import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
]
