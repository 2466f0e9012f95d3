"""Generating organisations: how many of each group, one organisation of a
kind (name, place, district, activities, contacts), and the umbrella councils
with the members that join them. Deterministic given the ``random.Random``."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

from dugnad.directory.demo import catalogue
from dugnad.directory.demo.catalogue import Kind
from dugnad.directory.demo.kinds_culture import CULTURE_KINDS
from dugnad.directory.demo.kinds_other import HEALTH_SOCIAL_KINDS, OTHER_KINDS
from dugnad.directory.demo.specs import ActivitySpec, Area, ContactSpec, OrganisationSpec
from dugnad.directory.models import IcnpoCategory
from dugnad.municipalities.models import District, norwegian_slug

# Every kind, in the catalogue's order (the generator draws by that order).
KINDS: tuple[Kind, ...] = (*CULTURE_KINDS, *HEALTH_SOCIAL_KINDS, *OTHER_KINDS)


def bucket_quotas(total: int, fixed: Counter[str]) -> dict[str, int]:
    """How many of ``total`` organisations to generate per group, given the
    fixed ones already counted, so the whole hits the seeds' shares."""
    culture = round(total * catalogue.CULTURE_SHARE) - fixed[catalogue.CULTURE]
    health = round(total * catalogue.HEALTH_SOCIAL_SHARE) - fixed[catalogue.HEALTH_SOCIAL]
    generated = total - sum(fixed.values())
    culture, health = max(culture, 0), max(health, 0)
    return {
        catalogue.CULTURE: culture,
        catalogue.HEALTH_SOCIAL: health,
        catalogue.OTHER: max(generated - culture - health, 0),
    }


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(catalogue.FIRST_NAMES)} {rng.choice(catalogue.LAST_NAMES)}"


def _jitter(rng: random.Random, value: float, spread: float) -> Decimal:
    return Decimal(f"{value + rng.uniform(-spread, spread):.6f}")


class Generator:
    """Makes organisations for one area, deterministically from ``rng``."""

    def __init__(
        self,
        *,
        rng: random.Random,
        area: Area,
        categories: dict[str, IcnpoCategory],
        used_names: set[str],
        national_numbers: dict[str, str],
        detail: bool = True,
    ) -> None:
        self.rng = rng
        self.area = area
        self.categories = categories
        self.used_names = used_names
        self.national_numbers = national_numbers
        # Fewer activities and contacts at national scale (keeps loading fast).
        self.detail = detail
        self.kinds_by_bucket: dict[str, list[Kind]] = {}
        for kind in KINDS:
            self.kinds_by_bucket.setdefault(kind.bucket, []).append(kind)

    def organisations(
        self, quotas: dict[str, int], number: Callable[[int], str]
    ) -> Iterator[OrganisationSpec]:
        """``quotas[group]`` organisations per group, numbered by ``number(i)``."""
        index = 0
        for group in (catalogue.CULTURE, catalogue.HEALTH_SOCIAL, catalogue.OTHER):
            kinds = self.kinds_by_bucket[group]
            weights = [k.weight for k in kinds]
            for _ in range(quotas[group]):
                kind = self.rng.choices(kinds, weights)[0]
                yield self.organisation(kind, number(index))
                index += 1

    def _name(self, kind: Kind) -> tuple[str, str, District, tuple[str, str, tuple[str, ...]]]:
        """An unused name, its place and district, and the origin drawn (if any)."""
        origin = self.rng.choice(catalogue.ORIGINS)
        for _attempt in range(40):
            place, district = self.rng.choice(self.area.places)
            pattern = self.rng.choice(kind.names)
            if "{place}" not in pattern and self.rng.random() < 0.5:
                # Named after the municipality: often meets in its centre.
                place, district = self.area.places[0]
            if kind.uses_origins:
                origin = self.rng.choice(catalogue.ORIGINS)
            name = pattern.format(
                place=place, short=self.area.short, origin=origin[0], people=origin[1]
            )
            if name not in self.used_names:
                self.used_names.add(name)
                return name, place, district, origin
        # Every combination taken: make the name distinct with a second place.
        place, district = self.rng.choice(self.area.places)
        other, _ = self.rng.choice(self.area.places)
        name = f"{self.rng.choice(kind.names)} {other}".format(
            place=place, short=self.area.short, origin=origin[0], people=origin[1]
        )
        while name in self.used_names:
            name += " II"
        self.used_names.add(name)
        return name, place, district, origin

    def organisation(self, kind: Kind, number: str) -> OrganisationSpec:
        rng = self.rng
        name, place, district, origin = self._name(kind)
        fmt = {"place": place, "short": self.area.short, "origin": origin[0], "people": origin[1]}
        postal_code, postal_place, latitude, longitude = self.area.geography[district.pk]
        spec = OrganisationSpec(
            organisation_number=number,
            name=name,
            municipality=self.area.municipality,
            categories=[self.categories[code] for code in kind.categories],
            description=kind.description.format(**fmt),
            purpose=rng.choice(catalogue.PURPOSES).format(**fmt),
            district=district,
            districts=[district],
            postal_code=postal_code,
            postal_place=postal_place,
            email=f"post@{norwegian_slug(name)}.demo",
            target_groups=list(kind.target_groups),
            founded=date(rng.randint(1890, 2023), rng.randint(1, 12), rng.randint(1, 28)),
            in_frivillighetsregisteret=rng.random() < 0.85,
        )
        if kind.key == "moske":
            spec.languages = list(rng.choice(catalogue.MOSQUE_LANGUAGES))
        elif kind.uses_origins:
            spec.languages = list(origin[2])
        if rng.random() < 0.15:  # also active in a neighbouring district
            other = rng.choice(self.area.places)[1]
            if other != district:
                spec.districts.append(other)
        if rng.random() < 0.7:
            spec.latitude = _jitter(rng, latitude, 0.006)
            spec.longitude = _jitter(rng, longitude, 0.012)
        if rng.random() < 0.4:
            spec.street_address = f"{rng.choice(catalogue.STREETS)} {rng.randint(1, 60)}"
        if kind.fee_kr is not None and kind.fee_kr != (0, 0):
            low, high = kind.fee_kr
            spec.membership_fee_ore = rng.randrange(low, high + 1, 50) * 100
            spec.membership_fee_note = rng.choice(catalogue.FEE_NOTES)
        if rng.random() < 0.2:
            spec.accessibility = rng.choice(catalogue.ACCESSIBILITY_NOTES)
        if kind.national is not None and rng.random() < 0.8:
            spec.national = self.national_numbers.get(kind.national)
        patterns = kind.activities if self.detail else kind.activities[:1]
        for pattern in patterns:
            day = rng.choice(pattern.days)
            schedule = f"{day} {rng.choice(pattern.times)}"
            if pattern.season:
                schedule += f", {pattern.season}"
            spec.activities.append(
                ActivitySpec(pattern.name, schedule, pattern.venue.format(**fmt), district)
            )
        for _ in range(rng.randint(1, 2) if self.detail else 1):
            person = _person_name(rng)
            email = f"{norwegian_slug(person)}@{norwegian_slug(name)}.demo"
            spec.contacts.append(ContactSpec(person, rng.choice(kind.titles), email))
        return spec


def umbrella_specs(
    area: Area, categories: dict[str, IcnpoCategory], number: Callable[[int], str]
) -> dict[str, OrganisationSpec]:
    """The municipality's umbrella councils and its frivillighetsråd."""
    result = {}
    for index, (key, pattern, kind, code, _members, _share) in enumerate(catalogue.UMBRELLAS):
        name = pattern.format(short=area.short)
        result[key] = OrganisationSpec(
            organisation_number=number(index),
            name=name,
            municipality=area.municipality,
            categories=[categories[code]],
            kind=kind,
            description=catalogue.UMBRELLA_DESCRIPTIONS[key].format(short=area.short),
            district=area.places[0][1],
            districts=[area.places[0][1]],
            postal_code=area.geography[area.places[0][1].pk][0],
            postal_place=area.geography[area.places[0][1].pk][1],
            email=f"post@{norwegian_slug(name)}.demo",
            target_groups=["adults"],
        )
    return result


def link_umbrellas(
    rng: random.Random, specs: Iterable[OrganisationSpec], umbrellas: dict[str, OrganisationSpec]
) -> None:
    """Members join the umbrella council of their categories (most of them do)."""
    rules = [(key, members, share) for key, _p, _k, _c, members, share in catalogue.UMBRELLAS]
    for spec in specs:
        codes = {c.code for c in spec.categories}
        for key, members, share in rules:
            if codes & set(members) and rng.random() < share:
                spec.member_of.append(umbrellas[key].organisation_number)
    council = umbrellas["council"]
    council_members = [u for key, u in umbrellas.items() if key != "council"]
    for umbrella in council_members:
        umbrella.member_of = [council.organisation_number]
