from django.contrib import admin

from dugnad.premises.models import Building


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "district"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "address"]
