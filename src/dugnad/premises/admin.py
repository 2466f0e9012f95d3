from django.contrib import admin

from dugnad.premises.models import Booking, BookingSlot, Building, Space


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "district"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "address"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "building", "kind", "capacity", "parent", "bookable", "needs_approval"]
    list_filter = ["municipality", "kind", "bookable", "needs_approval"]
    search_fields = ["name", "building__name"]
    raw_id_fields = ["building", "parent"]


class BookingSlotInline(admin.TabularInline):
    model = BookingSlot
    fields = ["space", "start", "end", "status"]
    readonly_fields = ["space", "start", "end", "status"]
    extra = 0
    can_delete = False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings change through the services, which keep the slots
    (and the no-double-booking rule) in step."""

    list_display = ["space", "start", "end", "status", "person", "organisation"]
    list_filter = ["municipality", "status"]
    search_fields = ["purpose", "space__name", "person__email"]
    inlines = [BookingSlotInline]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
