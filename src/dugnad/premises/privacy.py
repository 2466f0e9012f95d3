"""Premises' part of a person's data export and account deletion."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dugnad.municipalities.page_cache import bump_content_version
from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.premises.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingSlot,
    BookingStatus,
    CalendarFeed,
)


def export_bookings(user: User) -> list[dict[str, Any]]:
    return [
        {
            "space": str(booking.space),
            "organisation": booking.organisation.name if booking.organisation else None,
            "purpose": booking.purpose,
            "start": booking.start.isoformat(),
            "end": booking.end.isoformat(),
            "status": booking.status,
            "rejection_reason": booking.rejection_reason,
            "price_ore": booking.price_ore,
            "weekly_series": booking.series_id,
            "created_at": booking.created_at.isoformat(),
        }
        for booking in Booking.objects.filter(person=user)
        .select_related("space__building", "organisation")
        .order_by("start")
    ]


def erase_bookings(user: User) -> None:
    """Upcoming bookings are cancelled, so the time is free for others; past
    ones stay as records of the use (the account row itself is anonymised).
    The person's calendar feed address stops working."""
    CalendarFeed.objects.filter(person=user).delete()
    upcoming = Booking.objects.filter(
        person=user, status__in=ACTIVE_STATUSES, end__gt=timezone.now()
    )
    municipality_ids = set(upcoming.values_list("municipality_id", flat=True))
    BookingSlot.objects.filter(booking__in=upcoming).update(status=BookingStatus.CANCELLED)
    upcoming.update(status=BookingStatus.CANCELLED)
    transaction.on_commit(lambda: _bump(municipality_ids))


def _bump(municipality_ids: set[int]) -> None:
    for municipality_id in municipality_ids:
        bump_content_version(municipality_id)


privacy.register("bookings", exporter=export_bookings, eraser=erase_bookings)

# The season allocation's and waiting lists' personal data.
from dugnad.premises import season_privacy  # noqa: E402, F401 (registers them)
