"""The municipality's overview of volunteering: places per week, volunteers
and hours by service and district. Every figure is aggregated in the database
(one query per table).

Hours are the hours logged and confirmed for a sign-up (check-in and hours,
``hours.py``); a sign-up whose hours are not confirmed yet counts with its
shift's length (planned hours). :func:`_hour_aggregates` and
:func:`_hours_of` are the one place that says where hours come from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, TruncWeek
from django.utils import timezone

from dugnad.municipalities.models import District, Municipality, Service
from dugnad.volunteering.models import NeedStatus, Shift, ShiftSignup, SignupStatus


@dataclass(frozen=True)
class OverviewFilter:
    municipality: Municipality
    start: datetime.date
    end: datetime.date
    district: District | None = None
    service: Service | None = None

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time()))

    @property
    def ends_before(self) -> datetime.datetime:
        next_day = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))


@dataclass
class WeekRow:
    week: datetime.date
    places: int = 0
    filled: int = 0
    open: int = 0
    unfilled: int = 0

    def percent(self, value: int, scale: int) -> float:
        return round(100 * value / scale, 1) if scale else 0.0


@dataclass
class GroupRow:
    label: str
    volunteers: int
    shifts: int
    hours: float
    share: float = 0.0


@dataclass
class Overview:
    weeks: list[WeekRow]
    by_owner: list[GroupRow]
    by_district: list[GroupRow]
    totals: dict[str, Any] = field(default_factory=dict)
    scale: int = 0


def shifts(flt: OverviewFilter) -> QuerySet[Shift]:
    """Shifts of published or closed needs starting in the period."""
    found = Shift.objects.filter(
        municipality=flt.municipality,
        starts_at__gte=flt.starts_at,
        starts_at__lt=flt.ends_before,
        need__status__in=[NeedStatus.PUBLISHED, NeedStatus.CLOSED],
    )
    if flt.district is not None:
        found = found.filter(need__district=flt.district)
    if flt.service is not None:
        found = found.filter(need__service=flt.service)
    return found


def signups(flt: OverviewFilter) -> QuerySet[ShiftSignup]:
    return ShiftSignup.objects.filter(
        status=SignupStatus.CONFIRMED, shift__in=shifts(flt).values("pk")
    )


def hours_expression() -> ExpressionWrapper:
    """The length of one sign-up's shift (its planned hours)."""
    return ExpressionWrapper(
        F("shift__ends_at") - F("shift__starts_at"), output_field=DurationField()
    )


def _hour_aggregates() -> dict[str, Any]:
    """Confirmed logged hours, and the planned hours of the sign-ups without them."""
    confirmed = Q(hours_confirmed_at__isnull=False, hours__isnull=False)
    return {
        "logged": Sum("hours", filter=confirmed),
        "planned": Sum(hours_expression(), filter=~confirmed),
    }


def _hours_of(row: dict[str, Any]) -> float:
    logged = float(row["logged"] or 0)
    planned = row["planned"]
    planned_hours = planned.total_seconds() / 3600 if planned else 0.0
    return round(logged + planned_hours, 1)


def week_rows(flt: OverviewFilter) -> list[WeekRow]:
    """Places, filled, still open (future shifts) and unfilled (past shifts)
    per week, every week of the period included."""
    taken = (
        ShiftSignup.objects.filter(shift=OuterRef("pk"), status=SignupStatus.CONFIRMED)
        .values("shift")
        .annotate(n=Count("pk"))
        .values("n")
    )
    now = timezone.now()
    rows = (
        shifts(flt)
        .annotate(
            taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
            filled_places=Least(F("taken"), F("places"), output_field=IntegerField()),
            week=TruncWeek("starts_at"),
        )
        .values("week")
        .annotate(
            total=Sum("places", output_field=IntegerField()),
            filled=Sum("filled_places", output_field=IntegerField()),
            open=Sum(
                Case(
                    When(
                        starts_at__gt=now,
                        then=ExpressionWrapper(
                            F("places") - F("filled_places"), output_field=IntegerField()
                        ),
                    ),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by("week")
    )
    found: dict[datetime.date, WeekRow] = {}
    for row in rows:
        week = row["week"]
        week_date = timezone.localtime(week).date() if isinstance(week, datetime.datetime) else week
        total, filled, still_open = (
            int(row["total"] or 0),
            int(row["filled"] or 0),
            int(row["open"] or 0),
        )
        found[week_date] = WeekRow(
            week=week_date,
            places=total,
            filled=filled,
            open=still_open,
            unfilled=total - filled - still_open,
        )
    monday = flt.start - datetime.timedelta(days=flt.start.weekday())
    result = []
    while monday <= flt.end:
        result.append(found.get(monday, WeekRow(week=monday)))
        monday += datetime.timedelta(weeks=1)
    return result


def _hour_rows(flt: OverviewFilter, *group: str) -> list[dict[str, Any]]:
    return list(
        signups(flt)
        .values(*group)
        .annotate(
            volunteers=Count("person", distinct=True),
            shift_count=Count("pk"),
            **_hour_aggregates(),
        )
        .order_by(*group)
    )


def _groups(rows: list[dict[str, Any]], label: Any) -> list[GroupRow]:
    result = [
        GroupRow(
            label=label(row),
            volunteers=row["volunteers"],
            shifts=row["shift_count"],
            hours=_hours_of(row),
        )
        for row in rows
    ]
    top = max((r.hours for r in result), default=0.0)
    for row in result:
        row.share = round(100 * row.hours / top, 1) if top else 0.0
    return sorted(result, key=lambda r: (-r.hours, r.label))


def overview(flt: OverviewFilter, *, unknown: str) -> Overview:
    """Everything on the overview page; ``unknown`` labels rows without a district."""
    weeks = week_rows(flt)
    by_owner = _groups(
        _hour_rows(flt, "shift__need__service__name", "shift__need__organisation__name"),
        lambda r: r["shift__need__service__name"] or r["shift__need__organisation__name"],
    )
    by_district = _groups(
        _hour_rows(flt, "shift__need__district__name"),
        lambda r: r["shift__need__district__name"] or unknown,
    )
    totals = signups(flt).aggregate(volunteers=Count("person", distinct=True), **_hour_aggregates())
    return Overview(
        weeks=weeks,
        by_owner=by_owner,
        by_district=by_district,
        totals={
            "volunteers": totals["volunteers"] or 0,
            "hours": _hours_of(totals),
            "places": sum(w.places for w in weeks),
            "filled": sum(w.filled for w in weeks),
            "open": sum(w.open for w in weeks),
            "unfilled": sum(w.unfilled for w in weeks),
        },
        scale=max((w.places for w in weeks), default=0),
    )
