from django.urls import path

from dugnad.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("eksport.csv", views.export_csv, name="organisation-export"),
    path("<int:pk>/", views.organisation, name="organisation"),
    path("<int:pk>/representer/", views.claim, name="claim"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/medlemmer/", views.members, name="members"),
    path(
        "<int:pk>/medlemmer/<int:assignment_pk>/fjern/", views.member_remove, name="member-remove"
    ),
    path("<int:pk>/skjul/", views.hide, name="hide"),
    path("representer/", views.claim_start, name="claim-start"),
    path("foresporsler/", views.claims, name="claims"),
    path("foresporsler/<int:pk>/", views.claim_decide, name="claim-decide"),
    path("invitasjon/<str:token>/", views.invitation, name="invitation"),
]
