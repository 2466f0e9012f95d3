"""Calendar files (RFC 5545) for bookings: mail attachments and subscribed feeds.

Each booking keeps one UID for its whole life; its ``sequence`` rises at each
change, so a calendar app replaces the earlier version of the event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from dugnad.premises.models import Booking, BookingStatus

PRODID = "-//Dugnad//Premises booking//NB"


def uid(booking: Booking) -> str:
    return f"premises-booking-{booking.pk}@dugnad"


def _event(booking: Booking, *, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", f"{booking.purpose} – {booking.space.name}")
    event.add("location", f"{booking.space.building.name}, {booking.space.building.address}")
    if cancelled or booking.status in (BookingStatus.CANCELLED, BookingStatus.REJECTED):
        event.add("status", "CANCELLED")
    elif booking.status == BookingStatus.REQUESTED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar(
    bookings: Iterable[Booking], *, method: str | None = None, name: str | None = None
) -> bytes:
    """One calendar with an event per booking; ``method`` REQUEST or CANCEL for mail."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for booking in bookings:
        cal.add_component(_event(booking, cancelled=method == "CANCEL"))
    return bytes(cal.to_ical())
