"""Reads for the premises pages: the week grid of a space."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from dugnad.premises.models import ACTIVE_STATUSES, BookingSlot, BookingStatus, Space
from dugnad.premises.opening import OpeningCalendar

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
    status: str = "free"  # free, closed, requested or confirmed
    labels: list[str] = field(default_factory=list)  # who and why: managers only


@dataclass
class Row:
    hour: int
    cells: list[Cell]


def week_grid(space: Space, monday: datetime.date, *, show_who: bool) -> list[Row]:
    """Hours × days of the week for ``space``: taken when any of its leaves is
    occupied (a half is taken when the whole hall is booked, and the reverse),
    closed outside opening hours, on closures and public holidays. A constant
    number of queries; each booking marks only the cells it covers."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(monday, datetime.time(0), tzinfo=zone)
    end = start + datetime.timedelta(days=7)
    opening = OpeningCalendar(space.building, monday, monday + datetime.timedelta(days=6))
    slots = BookingSlot.objects.filter(
        space_id__in=space.leaf_ids(),
        status__in=ACTIVE_STATUSES,
        start__lt=end,
        end__gt=start,
    ).order_by("start")
    if show_who:
        slots = slots.select_related("booking__person", "booking__organisation")
    rows = [Row(hour, [Cell() for _ in range(7)]) for hour in range(FIRST_HOUR, LAST_HOUR)]
    for day in range(7):
        opened = opening.day(space.pk, monday + datetime.timedelta(days=day))
        for row in rows:
            if not opened.overlaps_open(row.hour * 60, row.hour * 60 + 60):
                row.cells[day].status = "closed"
    for slot in slots:
        _mark(rows, slot, monday, zone, show_who)
    return rows


def _mark(
    rows: list[Row], slot: BookingSlot, monday: datetime.date, zone: ZoneInfo, show_who: bool
) -> None:
    """Mark the cells ``slot`` covers (each booking labelled once per cell)."""
    local_start = slot.start.astimezone(zone)
    local_end = slot.end.astimezone(zone)
    hour_start = local_start.replace(minute=0, second=0, microsecond=0)
    cursor = hour_start
    while cursor < local_end:
        day = (cursor.date() - monday).days
        if 0 <= day < 7 and FIRST_HOUR <= cursor.hour < LAST_HOUR:
            cell = rows[cursor.hour - FIRST_HOUR].cells[day]
            if slot.status == BookingStatus.CONFIRMED or cell.status in ("free", "closed"):
                cell.status = slot.status
            if show_who:
                booking = slot.booking
                who = (
                    booking.organisation.name
                    if booking.organisation
                    else (booking.person.get_full_name() or booking.person.email)
                )
                label = f"{booking.purpose} ({who})"
                if label not in cell.labels:
                    cell.labels.append(label)
        cursor = (cursor + datetime.timedelta(hours=1)).astimezone(zone)
