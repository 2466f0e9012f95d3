from django.contrib import admin

from dugnad.municipalities.models import District, Municipality, MunicipalityHost, Service


class HostInline(admin.TabularInline):
    model = MunicipalityHost
    extra = 1


class DistrictInline(admin.TabularInline):
    model = District
    fk_name = "municipality"
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "county", "default_language"]
    search_fields = ["name", "number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostInline, DistrictInline]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "district"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]
