"""What a booking costs: free for voluntary organisations where the
municipality decides so, otherwise the tariff per hour for the renter type."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dugnad.directory.models import Organisation, RegisterStatus
from dugnad.premises.models import RenterType, Space, Tariff


@dataclass(frozen=True)
class Price:
    renter_type: str
    per_hour_ore: int
    total_ore: int
    free_for_voluntary: bool = False

    @property
    def renter_label(self) -> str:
        return str(RenterType(self.renter_type).label)

    @property
    def kroner(self) -> str:
        return format_kroner(self.total_ore)


def format_kroner(ore: int) -> str:
    """``12 345,50`` (Norwegian grouping and decimal comma)."""
    kroner, rest = divmod(ore, 100)
    grouped = f"{kroner:,}".replace(",", "\u00a0")
    return f"{grouped},{rest:02d}"


def renter_type(*, organisation: Organisation | None, commercial: bool) -> str:
    if commercial:
        return RenterType.COMMERCIAL
    return RenterType.ORGANISATION if organisation is not None else RenterType.PRIVATE


def is_voluntary(organisation: Organisation | None) -> bool:
    """A voluntary organisation in the directory that is not dissolved or deleted."""
    return organisation is not None and organisation.register_status == RegisterStatus.ACTIVE


def _ancestors(space: Space, parents: dict[int, int | None] | None = None) -> list[int]:
    if parents is None:
        parents = dict(
            Space.objects.filter(building_id=space.building_id).values_list("pk", "parent_id")
        )
    chain: list[int] = []
    current: int | None = space.pk
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def hourly_tariff(
    space: Space,
    kind: str,
    parents: dict[int, int | None] | None = None,
    all_tariffs: dict[str, dict[int | None, int]] | None = None,
) -> int:
    """The space's tariff, else the nearest whole area's, else the building's, else 0.

    ``all_tariffs`` (renter type → space → øre per hour) saves a query when known."""
    if all_tariffs is not None:
        tariffs = all_tariffs.get(kind, {})
    else:
        tariffs = {
            row.space_id: row.price_per_hour_ore
            for row in Tariff.objects.filter(building_id=space.building_id, renter_type=kind)
        }
    for pk in [*_ancestors(space, parents), None]:
        if pk in tariffs:
            return tariffs[pk]
    return 0


def price_of(
    *,
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    organisation: Organisation | None,
    commercial: bool,
    parents: dict[int, int | None] | None = None,
    all_tariffs: dict[str, dict[int | None, int]] | None = None,
) -> Price:
    """``parents`` (space → the space it is part of) and ``all_tariffs`` save
    queries when known."""
    kind = renter_type(organisation=organisation, commercial=commercial)
    voluntary = kind == RenterType.ORGANISATION and is_voluntary(organisation)
    if voluntary and space.rule("free_for_voluntary"):
        return Price(kind, 0, 0, free_for_voluntary=True)
    per_hour = hourly_tariff(space, kind, parents, all_tariffs)
    minutes = int((end - start).total_seconds() // 60)
    return Price(kind, per_hour, round(per_hour * minutes / 60))
