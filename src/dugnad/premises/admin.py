from typing import Any

from django.contrib import admin

from dugnad.premises.models import (
    Booking,
    BookingSeries,
    BookingSlot,
    Building,
    CalendarFeed,
    Closure,
    OpeningHours,
    Space,
    Tariff,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    fields = ["weekday", "opens", "closes", "space"]
    raw_id_fields = ["space"]
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    fields = [
        "reason",
        "first_date",
        "last_date",
        "start_time",
        "end_time",
        "weekdays_only",
        "space",
    ]
    raw_id_fields = ["space"]
    extra = 0


class TariffInline(admin.TabularInline):
    model = Tariff
    fields = ["renter_type", "price_per_hour_ore", "space"]
    raw_id_fields = ["space"]
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "district"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "address"]
    inlines = [OpeningHoursInline, ClosureInline, TariffInline]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        """Hours, closures and tariffs belong to the building's municipality."""
        for inline_form in formset.forms:
            if hasattr(inline_form.instance, "municipality_id"):
                inline_form.instance.municipality_id = form.instance.municipality_id
        super().save_formset(request, form, formset, change)


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    list_display = ["space", "first_date", "last_date", "start_time", "end_time", "person"]
    list_filter = ["municipality"]
    raw_id_fields = ["space", "person", "organisation"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "municipality", "created_at"]
    raw_id_fields = ["person", "organisation"]
    exclude = ["token"]


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
