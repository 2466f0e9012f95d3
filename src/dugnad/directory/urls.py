from django.urls import path

from dugnad.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.organisation, name="organisation"),
]
