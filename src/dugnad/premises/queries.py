"""Reads for the premises pages: the week grid of a space, the invoice basis."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.premises.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingSlot,
    BookingStatus,
    Building,
    CalendarFeed,
    Space,
)
from dugnad.premises.opening import OpeningCalendar
from dugnad.spreadsheet import safe_cell

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


STATUS_COLOURS = {
    "free": "success",
    "closed": "neutral",
    "requested": "warning",
    "confirmed": "danger",
}


@dataclass
class Cell:
    status: str = "free"  # free, closed, requested or confirmed
    labels: list[str] = field(default_factory=list)  # organisations; who and why: managers

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def text(self) -> str:
        """The status in words (a property, not a template include per cell:
        a building's day has hundreds of cells)."""
        return {
            "free": _("Free"),
            "closed": _("Closed"),
            "requested": _("Requested"),
            "confirmed": _("Booked"),
        }[self.status]


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
    slots = slots.select_related(
        *(("booking__person", "booking__organisation") if show_who else ("booking__organisation",))
    )
    rows = [Row(hour, [Cell() for _ in range(7)]) for hour in range(FIRST_HOUR, LAST_HOUR)]
    for day in range(7):
        opened = opening.day(space.pk, monday + datetime.timedelta(days=day))
        for row in rows:
            if not opened.overlaps_open(row.hour * 60, row.hour * 60 + 60):
                row.cells[day].status = "closed"
    for slot in slots:
        _mark(rows, slot, monday, zone, show_who)
    return rows


def booking_label(booking: Booking, *, show_who: bool) -> str:
    """Who booked, as the calendars show it: the manager sees purpose and
    person; others see an organisation's name, and never a private person."""
    if show_who:
        who = (
            booking.organisation.name
            if booking.organisation
            else (booking.person.get_full_name() or booking.person.email)
        )
        return f"{booking.purpose} ({who})"
    return booking.organisation.name if booking.organisation else ""


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
            label = booking_label(slot.booking, show_who=show_who)
            if label and label not in cell.labels:
                cell.labels.append(label)
        cursor = (cursor + datetime.timedelta(hours=1)).astimezone(zone)


def invoice_bookings(
    bookings: QuerySet[Booking],
    *,
    first: datetime.date,
    last: datetime.date,
    building_ids: list[int] | None,
) -> QuerySet[Booking]:
    """Confirmed bookings with a price that start in ``[first, last]`` (local
    dates), in the given buildings (``None``: all)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    found = bookings.filter(
        status=BookingStatus.CONFIRMED,
        price_ore__gt=0,
        start__gte=datetime.datetime.combine(first, datetime.time(0), tzinfo=zone),
        start__lt=datetime.datetime.combine(
            last + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
        ),
    )
    if building_ids is not None:
        found = found.filter(space__building_id__in=building_ids)
    return found.select_related("space__building", "person", "organisation").order_by("start", "pk")


INVOICE_COLUMNS = [
    "booking_id",
    "date",
    "start",
    "end",
    "building",
    "space",
    "renter_type",
    "customer",
    "organisation_number",
    "email",
    "purpose",
    "hours",
    "price_per_hour_nok",
    "amount_nok",
]


def write_invoice_csv(out: Any, bookings: QuerySet[Booking]) -> None:
    """One row per booking; amounts in kroner with a decimal point (semicolons
    between fields, as Norwegian spreadsheet and finance imports expect)."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(INVOICE_COLUMNS)
    for booking in bookings:
        start = timezone.localtime(booking.start)
        end = timezone.localtime(booking.end)
        hours = (booking.end - booking.start).total_seconds() / 3600
        customer = booking.organisation.name if booking.organisation else booking.person.full_name
        writer.writerow(
            safe_cell(value)
            for value in [
                booking.pk,
                start.date().isoformat(),
                f"{start:%H:%M}",
                f"{end:%H:%M}",
                booking.space.building.name,
                booking.space.name,
                booking.renter_type,
                customer,
                booking.organisation.organisation_number if booking.organisation else "",
                booking.person.email,
                booking.purpose,
                f"{hours:.2f}",
                f"{booking.price_ore / hours / 100:.2f}" if hours else "0.00",
                f"{booking.price_ore / 100:.2f}",
            ]
        )


FEED_DAYS_BACK = 30


def feed_bookings(feed: CalendarFeed) -> QuerySet[Booking]:
    """What a subscribed calendar shows: the owner's active bookings from a
    month ago on (cancelled ones drop out, and calendar apps remove them)."""
    found = Booking.objects.filter(
        municipality_id=feed.municipality_id,
        status__in=ACTIVE_STATUSES,
        end__gt=timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK),
    )
    if feed.organisation_id is not None:
        found = found.filter(organisation_id=feed.organisation_id)
    else:
        found = found.filter(person_id=feed.person_id)
    return found.select_related("space__building").order_by("start")


def day_grid(
    building: Building, spaces: list[Space], day: datetime.date, *, show_who: bool
) -> list[Row]:
    """Hours × spaces of one day in a building (rooms side by side): a space
    is taken when any of its leaves is, closed outside its open hours. A
    constant number of queries however many rooms and bookings."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
    end = start + datetime.timedelta(days=1)
    opening = OpeningCalendar(building, day, day)
    covering: dict[int, list[int]] = {}  # leaf → the columns it belongs to
    for column, space in enumerate(spaces):
        for leaf in opening.leaves(space.pk):
            covering.setdefault(leaf, []).append(column)
    rows = [Row(hour, [Cell() for _ in spaces]) for hour in range(FIRST_HOUR, LAST_HOUR)]
    for column, space in enumerate(spaces):
        opened = opening.day(space.pk, day)
        for row in rows:
            if not opened.overlaps_open(row.hour * 60, row.hour * 60 + 60):
                row.cells[column].status = "closed"
    slots = (
        BookingSlot.objects.filter(
            space_id__in=list(covering),
            status__in=ACTIVE_STATUSES,
            start__lt=end,
            end__gt=start,
        )
        .select_related(
            *(
                ("booking__person", "booking__organisation")
                if show_who
                else ("booking__organisation",)
            )
        )
        .order_by("start")
    )
    for slot in slots:
        first = max(slot.start.astimezone(zone), start)
        last = min(slot.end.astimezone(zone), end)
        label = booking_label(slot.booking, show_who=show_who)
        for row in rows:
            cell_start = datetime.datetime.combine(day, datetime.time(row.hour), tzinfo=zone)
            if not (first < cell_start + datetime.timedelta(hours=1) and last > cell_start):
                continue
            for column in covering[slot.space_id]:
                cell = row.cells[column]
                if slot.status == BookingStatus.CONFIRMED or cell.status in ("free", "closed"):
                    cell.status = slot.status
                if label and label not in cell.labels:
                    cell.labels.append(label)
    return rows


def free_spaces(
    spaces: QuerySet[Space],
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    capacity: int | None = None,
    facility: str = "",
    kind: str = "",
    district_id: int | None = None,
) -> list[Space]:
    """Bookable spaces that match and are open and not booked during
    ``[start, end)`` (no part of them, and nothing they are part of). A
    constant number of queries however many buildings."""
    found = spaces.filter(bookable=True).select_related("building__district", "parent")
    if capacity:
        found = found.filter(capacity__gte=capacity)
    if facility:
        found = found.filter(facilities__icontains=facility)
    if kind:
        found = found.filter(kind=kind)
    if district_id:
        found = found.filter(building__district_id=district_id)
    candidates = list(found.order_by("building__name", "name"))
    if not candidates:
        return []
    buildings = list({space.building_id: space.building for space in candidates}.values())
    local_day = start.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    calendars = OpeningCalendar.for_buildings(buildings, local_day, local_day)
    busy = set(
        BookingSlot.objects.filter(
            space__building_id__in=[building.pk for building in buildings],
            status__in=ACTIVE_STATUSES,
            start__lt=end,
            end__gt=start,
        ).values_list("space_id", flat=True)
    )
    return [
        space
        for space in candidates
        if calendars[space.building_id].allows(space.pk, start, end)
        and not busy.intersection(calendars[space.building_id].leaves(space.pk))
    ]


@dataclass
class Usage:
    """Hours in a period: open, booked and lent free to voluntary organisations."""

    open_minutes: int = 0
    booked_minutes: int = 0
    free_minutes: int = 0

    @property
    def open_hours(self) -> float:
        return self.open_minutes / 60

    @property
    def booked_hours(self) -> float:
        return self.booked_minutes / 60

    @property
    def free_hours(self) -> float:
        return self.free_minutes / 60

    @property
    def bar_y(self) -> int:
        """Top of the month's bar in the chart (the axis at 105)."""
        return 105 - self.percent

    @property
    def label_y(self) -> int:
        """Where the month's figure sits, just above its bar."""
        return self.bar_y - 3

    @property
    def percent(self) -> int:
        """Booked share of open time, 0–100 (booked closed time does not push it past)."""
        if not self.open_minutes:
            return 0
        return min(100, round(100 * self.booked_minutes / self.open_minutes))


@dataclass
class Utilisation:
    year: int
    months: list[Usage]  # 12, the building as a whole
    rooms: list[tuple[Space, Usage]]  # the year, per room
    by_room_month: dict[int, list[Usage]]  # space id → 12


def utilisation(building: Building, spaces: list[Space], year: int) -> Utilisation:
    """Booked hours against open hours per month and room in ``year``.

    Counted on the leaf areas: a whole hall booked for two hours is two hours
    of each half, against the open hours of each half; a room's figures are
    those of its leaves. Hours lent free are those of bookings by
    organisations at no charge, each booking once (for a room: the bookings
    of it, of its parts and of the whole it is part of). A constant number of
    queries; the open hours are computed day by day in Python.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    first = datetime.date(year, 1, 1)
    last = datetime.date(year, 12, 31)
    opening = OpeningCalendar(building, first, last)
    leaves = {space.pk: opening.leaves(space.pk) for space in spaces}
    leaf_ids = sorted({leaf for found in leaves.values() for leaf in found})
    open_by_leaf: dict[int, list[int]] = {leaf: [0] * 12 for leaf in leaf_ids}
    day = first
    while day <= last:
        for leaf in leaf_ids:
            open_by_leaf[leaf][day.month - 1] += sum(b - a for a, b in opening.day(leaf, day).open)
        day += datetime.timedelta(days=1)
    booked_by_leaf: dict[int, list[int]] = {leaf: [0] * 12 for leaf in leaf_ids}
    free_bookings: dict[int, tuple[int, int, int]] = {}  # booking → (space, month, minutes)
    slots = BookingSlot.objects.filter(
        space_id__in=leaf_ids,
        status=BookingStatus.CONFIRMED,
        start__lt=datetime.datetime.combine(last, datetime.time(23, 59), tzinfo=zone),
        end__gt=datetime.datetime.combine(first, datetime.time(0), tzinfo=zone),
    ).values_list(
        "space_id",
        "start",
        "end",
        "booking_id",
        "booking__space_id",
        "booking__organisation_id",
        "booking__price_ore",
    )
    for leaf, start, end, booking_id, booked_space, organisation_id, price in slots:
        month = start.astimezone(zone).month - 1
        minutes = int((end - start).total_seconds() // 60)
        booked_by_leaf[leaf][month] += minutes
        if organisation_id is not None and not price:
            free_bookings[booking_id] = (booked_space, month, minutes)
    months = [Usage() for _ in range(12)]
    by_room_month: dict[int, list[Usage]] = {}
    rooms: list[tuple[Space, Usage]] = []
    for space in spaces:
        inside = set(leaves[space.pk]) | {space.pk}
        per_month = [
            Usage(
                open_minutes=sum(open_by_leaf[leaf][month] for leaf in leaves[space.pk]),
                booked_minutes=sum(booked_by_leaf[leaf][month] for leaf in leaves[space.pk]),
            )
            for month in range(12)
        ]
        for booked_space, month, minutes in free_bookings.values():
            if (
                booked_space in inside
                or _contains(opening, space.pk, booked_space)
                or _contains(opening, booked_space, space.pk)
            ):
                per_month[month].free_minutes += minutes
        by_room_month[space.pk] = per_month
        rooms.append(
            (
                space,
                Usage(
                    sum(u.open_minutes for u in per_month),
                    sum(u.booked_minutes for u in per_month),
                    sum(u.free_minutes for u in per_month),
                ),
            )
        )
    for month in range(12):
        months[month].open_minutes = sum(open_by_leaf[leaf][month] for leaf in leaf_ids)
        months[month].booked_minutes = sum(booked_by_leaf[leaf][month] for leaf in leaf_ids)
    for _space, month, minutes in free_bookings.values():
        months[month].free_minutes += minutes
    return Utilisation(year, months, rooms, by_room_month)


def _contains(opening: OpeningCalendar, whole: int, part: int) -> bool:
    """Is ``part`` inside ``whole`` (at any depth)?"""
    current = opening.parents.get(part)
    while current is not None:
        if current == whole:
            return True
        current = opening.parents.get(current)
    return False


def write_utilisation_csv(out: Any, building: Building, report: Utilisation) -> None:
    """One row per room and month (hours with a decimal point, semicolons)."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["building", "space", "month", "open_hours", "booked_hours", "percent", "free_hours"]
    )
    for space, _total in report.rooms:
        for month, usage in enumerate(report.by_room_month[space.pk], start=1):
            writer.writerow(
                safe_cell(value)
                for value in [
                    building.name,
                    space.name,
                    f"{report.year}-{month:02d}",
                    f"{usage.open_hours:.2f}",
                    f"{usage.booked_hours:.2f}",
                    usage.percent,
                    f"{usage.free_hours:.2f}",
                ]
            )
