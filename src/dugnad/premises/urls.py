from django.urls import path

from dugnad.premises import views

app_name = "premises"

urlpatterns = [
    path("", views.index, name="index"),
]
