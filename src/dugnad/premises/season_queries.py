"""Reads for the season allocation pages: the weekly grid per hall and the
share of wished hours per applicant."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from dugnad.premises.models import AllocatedSlot, SeasonApplication, SeasonRound, SeasonWish, Space
from dugnad.premises.opening import minutes_of_day
from dugnad.premises.season import _space_infos


@dataclass
class GridRow:
    hour: int
    cells: list[list[str]]  # per weekday: who holds (part of) the hall


@dataclass
class HallGrid:
    hall: Space
    rows: list[GridRow] = field(default_factory=list)


def hall_grids(season_round: SeasonRound) -> list[HallGrid]:
    """Per whole hall of the round, hours × weekdays with the granted slots."""
    infos = _space_infos(season_round.spaces.all())
    roots = sorted({infos[s].root_id for s in season_round.spaces.values_list("pk", flat=True)})
    halls = {s.pk: s for s in Space.objects.filter(pk__in=roots).select_related("building")}
    first, last = season_round.day_start.hour, season_round.day_end.hour
    if season_round.day_end.minute:
        last += 1
    grids = {
        root: HallGrid(
            halls[root], [GridRow(h, [[] for _ in range(7)]) for h in range(first, last)]
        )
        for root in roots
    }
    slots = AllocatedSlot.objects.filter(round=season_round).select_related(
        "space", "wish__application__organisation"
    )
    for slot in slots:
        grid = grids.get(infos[slot.space_id].root_id)
        if grid is None:
            continue
        start, end = minutes_of_day(slot.start_time), minutes_of_day(slot.end_time)
        label = f"{slot.wish.application.organisation.name} ({slot.space.name})"
        for row in grid.rows:
            if start < (row.hour + 1) * 60 and end > row.hour * 60:
                row.cells[slot.weekday].append(label)
    return [grids[root] for root in roots]


@dataclass
class ApplicantShare:
    application: SeasonApplication
    wishes: list[SeasonWish]
    wished_hours: float
    granted_hours: float
    bound_hours: float

    @property
    def share(self) -> float:
        return self.granted_hours / self.wished_hours if self.wished_hours else 0.0

    @property
    def bound_share(self) -> float:
        return self.bound_hours / self.wished_hours if self.wished_hours else 0.0


def applicant_shares(season_round: SeasonRound) -> list[ApplicantShare]:
    """Each applicant's wishes, what was granted, and the capacity's upper bound."""
    applications = (
        SeasonApplication.objects.filter(round=season_round)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "wishes",
                queryset=SeasonWish.objects.select_related(
                    "space__building", "slot__space"
                ).order_by("priority", "weekday", "start_time"),
            )
        )
        .order_by("organisation__name")
    )
    result = []
    for application in applications:
        wishes = list(application.wishes.all())
        granted = [w.slot.hours for w in wishes if getattr(w, "slot", None) is not None]
        result.append(
            ApplicantShare(
                application=application,
                wishes=wishes,
                wished_hours=sum(w.hours for w in wishes),
                granted_hours=sum(granted),
                bound_hours=application.bound_minutes / 60,
            )
        )
    return result
