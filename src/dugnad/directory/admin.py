from django.contrib import admin

from dugnad.directory.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "municipality", "district"]
    list_filter = ["municipality"]
    search_fields = ["name", "organisation_number"]
