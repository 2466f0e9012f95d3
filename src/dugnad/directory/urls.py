from django.urls import path

from dugnad.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("eksport.csv", views.export_csv, name="organisation-export"),
    path("<int:pk>/", views.organisation, name="organisation"),
]
