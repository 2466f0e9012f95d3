from django.urls import path

from dugnad.people import views

app_name = "people"

urlpatterns = [
    path("min-side/", views.my_page, name="my-page"),
    path("min-side/mine-data.json", views.export_data, name="data-export"),
    path("min-side/slett-konto/", views.delete_account, name="account-delete"),
    path("revisjonslogg/", views.audit_log, name="audit-log"),
    path("kommune/roller/", views.roles, name="roles"),
    path("kommune/roller/<int:pk>/fjern/", views.role_revoke, name="role-revoke"),
]
