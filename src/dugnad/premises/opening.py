"""When a space is open: weekly opening hours, closures and public holidays.

Loaded once per building and period (a constant number of queries), then
answered in Python for any day and space. Times are local wall-clock minutes
since midnight, intervals half-open ``[start, end)``.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import translation

from dugnad.premises.models import Building, Closure, OpeningHours, Space

DAY = 24 * 60
Interval = tuple[int, int]


def minutes_of_day(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@functools.lru_cache(maxsize=64)
def _holidays_of(year: int, language: str) -> dict[datetime.date, str]:
    found = holidays.country_holidays("NO", years=year, language=language, include_sundays=False)
    return {day: str(name) for day, name in found.items()}


def norwegian_holidays(first: datetime.date, last: datetime.date) -> dict[datetime.date, str]:
    """Norwegian public holidays (not ordinary Sundays), named in the active
    language (computed once per year and language)."""
    language = (
        "no" if (translation.get_language() or "").startswith(("nb", "nn", "no")) else "en_US"
    )
    return {
        day: name
        for year in range(first.year, last.year + 1)
        for day, name in _holidays_of(year, language).items()
        if first <= day <= last
    }


def space_parents(building_id: int) -> dict[int, int | None]:
    """Every space of the building with its parent (the whole/part tree)."""
    return dict(Space.objects.filter(building_id=building_id).values_list("pk", "parent_id"))


def leaves_under(parents: dict[int, int | None], space_id: int) -> list[int]:
    """The leaf spaces under ``space_id`` (itself if it has no parts)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in parents.items():
        children.setdefault(parent_id, []).append(pk)
    found: list[int] = []
    stack = [space_id]
    while stack:
        pk = stack.pop()
        if pk in children:
            stack.extend(children[pk])
        else:
            found.append(pk)
    return sorted(found)


def _subtract(intervals: list[Interval], cut: Interval) -> list[Interval]:
    out: list[Interval] = []
    for start, end in intervals:
        if cut[1] <= start or cut[0] >= end:
            out.append((start, end))
            continue
        if start < cut[0]:
            out.append((start, cut[0]))
        if cut[1] < end:
            out.append((cut[1], end))
    return out


@dataclass
class Day:
    """A day of one space: its open intervals and why the rest is closed."""

    date: datetime.date
    open: list[Interval]
    reasons: list[str] = field(default_factory=list)

    def is_open(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.open)

    def overlaps_open(self, start: int, end: int) -> bool:
        return any(start < b and end > a for a, b in self.open)


class OpeningCalendar:
    """Opening hours, closures and holidays of one building over a period."""

    def __init__(
        self,
        building: Building,
        first: datetime.date,
        last: datetime.date,
        *,
        preloaded: tuple[dict[int, int | None], list[OpeningHours], list[Closure]] | None = None,
        holidays_: dict[datetime.date, str] | None = None,
        parents: dict[int, int | None] | None = None,
    ) -> None:
        self.building = building
        self.first = first
        self.last = last
        if preloaded is None:
            preloaded = (
                parents if parents is not None else space_parents(building.pk),
                list(OpeningHours.objects.filter(building=building)),
                list(
                    Closure.objects.filter(
                        building=building, first_date__lte=last, last_date__gte=first
                    )
                ),
            )
        self.parents, hours, self.closures = preloaded
        self.weekly: dict[int | None, dict[int, list[Interval]]] = {}
        for row in hours:
            by_day = self.weekly.setdefault(row.space_id, {})
            by_day.setdefault(row.weekday, []).append(
                (minutes_of_day(row.opens), minutes_of_day(row.closes))
            )
        # Every public holiday ends a school day; the building closes on them
        # only if it says so.
        self.public_holidays = (
            holidays_ if holidays_ is not None else norwegian_holidays(first, last)
        )
        self.holidays: dict[datetime.date, str] = (
            self.public_holidays if building.closed_on_holidays else {}
        )

    @classmethod
    def for_buildings(
        cls, buildings: list[Building], first: datetime.date, last: datetime.date
    ) -> dict[int, OpeningCalendar]:
        """Calendars of many buildings in three queries (for search and reports)."""
        ids = [building.pk for building in buildings]
        parents: dict[int, dict[int, int | None]] = {pk: {} for pk in ids}
        for pk, parent_id, building_id in Space.objects.filter(building_id__in=ids).values_list(
            "pk", "parent_id", "building_id"
        ):
            parents[building_id][pk] = parent_id
        hours: dict[int, list[OpeningHours]] = {pk: [] for pk in ids}
        for row in OpeningHours.objects.filter(building_id__in=ids):
            hours[row.building_id].append(row)
        closures: dict[int, list[Closure]] = {pk: [] for pk in ids}
        for closure in Closure.objects.filter(
            building_id__in=ids, first_date__lte=last, last_date__gte=first
        ):
            closures[closure.building_id].append(closure)
        names = norwegian_holidays(first, last)
        return {
            building.pk: cls(
                building,
                first,
                last,
                preloaded=(parents[building.pk], hours[building.pk], closures[building.pk]),
                holidays_=names,
            )
            for building in buildings
        }

    def leaves(self, space_id: int) -> list[int]:
        """The leaf spaces under ``space_id`` (itself if it has no parts)."""
        return leaves_under(self.parents, space_id)

    def _lineage(self, space_id: int) -> list[int]:
        """The space and the spaces it is part of, nearest first."""
        chain: list[int] = []
        current: int | None = space_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parents.get(current)
        return chain

    def _weekly_for(self, space_id: int) -> dict[int, list[Interval]] | None:
        for pk in self._lineage(space_id):
            if pk in self.weekly:
                return self.weekly[pk]
        return self.weekly.get(None)

    def day(self, space_id: int, date: datetime.date) -> Day:
        weekly = self._weekly_for(space_id)
        intervals = [(0, DAY)] if weekly is None else sorted(weekly.get(date.weekday(), []))
        result = Day(date, intervals)
        if weekly is not None and not intervals:
            result.reasons.append("")
        holiday = self.holidays.get(date)
        if holiday:
            return Day(date, [], [holiday])
        lineage = set(self._lineage(space_id))
        for closure in self.closures:
            if closure.space_id is not None and closure.space_id not in lineage:
                continue
            if not closure.first_date <= date <= closure.last_date:
                continue
            if closure.weekdays_only and (date.weekday() >= 5 or date in self.public_holidays):
                continue  # not a school day
            if closure.start_time is None or closure.end_time is None:
                cut = (0, DAY)
            else:
                cut = (minutes_of_day(closure.start_time), minutes_of_day(closure.end_time) or DAY)
            before = result.open
            result.open = _subtract(result.open, cut)
            if result.open != before:
                result.reasons.append(closure.reason)
        return result

    def allows(self, space_id: int, start: datetime.datetime, end: datetime.datetime) -> bool:
        """Is ``[start, end)`` (one local day) entirely within open time?"""
        local_start = start.astimezone(zone())
        local_end = end.astimezone(zone())
        begin = minutes_of_day(local_start.time())
        finish = minutes_of_day(local_end.time())
        if local_end.date() != local_start.date():
            if local_end.date() != local_start.date() + datetime.timedelta(days=1) or finish:
                return False
            finish = DAY
        return self.day(space_id, local_start.date()).is_open(begin, finish)

    def closed_reason(
        self, space_id: int, start: datetime.datetime, end: datetime.datetime
    ) -> str | None:
        """``None`` if open, else the reason (a holiday's name, a closure's reason or "")."""
        if self.allows(space_id, start, end):
            return None
        day = self.day(space_id, start.astimezone(zone()).date())
        return next((reason for reason in day.reasons if reason), "")
