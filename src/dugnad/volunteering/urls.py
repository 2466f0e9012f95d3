from django.urls import path

from dugnad.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.index, name="index"),
]
