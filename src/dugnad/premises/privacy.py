"""Premises' part of a person's data export and account deletion."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.premises.models import (
    ACTIVE_STATUSES,
    Booking,
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
    Each cancellation is an ordinary one: the calendar ``sequence`` rises and a
    freed confirmed time is offered to the waiting list after the commit. The
    person's calendar feed address stops working."""
    from dugnad.premises import services

    CalendarFeed.objects.filter(person=user).delete()
    upcoming = (
        Booking.objects.select_for_update(of=("self",))
        .filter(person=user, status__in=ACTIVE_STATUSES, end__gt=timezone.now())
        .order_by("start", "pk")
    )
    for booking in upcoming:
        was_confirmed = booking.status == BookingStatus.CONFIRMED
        services._set_status(booking, BookingStatus.CANCELLED)
        if was_confirmed:
            _offer_on_commit(booking.pk)


def _offer_on_commit(booking_id: int) -> None:
    from dugnad.premises import waitlist

    transaction.on_commit(lambda: waitlist.on_booking_cancelled(booking_id))


privacy.register("bookings", exporter=export_bookings, eraser=erase_bookings)

# The season allocation's and waiting lists' personal data.
from dugnad.premises import season_privacy  # noqa: E402, F401 (registers them)
