"""Reads for the premises pages: the week grid of a space."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from dugnad.premises.models import ACTIVE_STATUSES, BookingSlot, BookingStatus, Space

FIRST_HOUR = 7
LAST_HOUR = 23  # the grid shows [07:00, 23:00)


def week_start(value: str | None, today: datetime.date) -> datetime.date:
    """The Monday of an ISO week written ``2026-W48``; this week if missing or invalid."""
    if value:
        try:
            year, week = value.upper().split("-W")
            return datetime.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    return today - datetime.timedelta(days=today.weekday())


def iso_week(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Cell:
    status: str = "free"  # free, requested or confirmed
    labels: list[str] = field(default_factory=list)  # who and why: managers only


@dataclass
class Row:
    hour: int
    cells: list[Cell]


def week_grid(space: Space, monday: datetime.date, *, show_who: bool) -> list[Row]:
    """Hours × days of the week for ``space``: taken when any of its leaves is
    occupied (a half is taken when the whole hall is booked, and the reverse)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(monday, datetime.time(0), tzinfo=zone)
    end = start + datetime.timedelta(days=7)
    slots = (
        BookingSlot.objects.filter(
            space_id__in=space.leaf_ids(),
            status__in=ACTIVE_STATUSES,
            start__lt=end,
            end__gt=start,
        )
        .select_related("booking__person", "booking__organisation")
        .order_by("start")
    )
    rows = [Row(hour, [Cell() for _ in range(7)]) for hour in range(FIRST_HOUR, LAST_HOUR)]
    seen: set[tuple[int, int, int]] = set()
    for slot in slots:
        for row in rows:
            for day, cell in enumerate(row.cells):
                cell_start = datetime.datetime.combine(
                    monday + datetime.timedelta(days=day), datetime.time(row.hour), tzinfo=zone
                )
                if not (
                    slot.start < cell_start + datetime.timedelta(hours=1) and slot.end > cell_start
                ):
                    continue
                if slot.status == BookingStatus.CONFIRMED or cell.status == "free":
                    cell.status = slot.status
                key = (slot.booking_id, row.hour, day)
                if show_who and key not in seen:
                    seen.add(key)
                    booking = slot.booking
                    who = (
                        booking.organisation.name
                        if booking.organisation
                        else (booking.person.get_full_name() or booking.person.email)
                    )
                    cell.labels.append(f"{booking.purpose} ({who})")
    return rows
