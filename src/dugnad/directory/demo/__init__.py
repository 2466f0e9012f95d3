"""Demo data of the organisation directory: Bærum's 600-odd and Asker's 361
voluntary organisations (the seeds' figures), generated, not copied.

Organisations are combined from the parts in :mod:`catalogue` with a
seeded ``random.Random``, so every run makes the same ones. They are spread
over the ICNPO categories the way Bærum's status note describes (70–80 %
culture and leisure, 8–10 % health and social), over the municipality's
districts, and linked to umbrella councils and national organisations.

Loading is idempotent and keyed on the organisation number (valid MOD11
numbers in the demo range): a second run updates the same rows. Rows are
written with ``bulk_create``; the search fields are computed here with the
same :func:`services.search_text` that ``update_search_document`` uses.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from django.db import transaction
from django.db.models import Q

from dugnad.directory import icnpo
from dugnad.directory.demo import catalogue
from dugnad.directory.demo.catalogue import Kind
from dugnad.directory.models import (
    Activity,
    Contact,
    IcnpoCategory,
    Organisation,
    OrganisationKind,
)
from dugnad.directory.services import search_text
from dugnad.directory.text import _stemmer, words
from dugnad.municipalities.demo.foundation import demo_organisation_number
from dugnad.municipalities.models import District, Municipality, norwegian_slug
from dugnad.municipalities.page_cache import bump_content_version

# Exact sizes of the demo directories: "over 600" in Bærum (status note 2022)
# and 361 in Asker (Asker's figures), counted as the directory lists them.
BAERUM_COUNT = 612
ASKER_COUNT = 361

# Seeds of demo_organisation_number: the foundation uses 0–199, the test
# factories 5000 and up; this module 1000–4999.
_SEED_BASE = {"baerum": 1000, "asker": 2500}
_NATIONAL_SEED = 4900

# District → (postal code, postal place, latitude, longitude of its centre).
DISTRICT_GEOGRAPHY: dict[str, dict[str, tuple[str, str, float, float]]] = {
    "baerum": {
        "Sandvika": ("1337", "Sandvika", 59.890, 10.525),
        "Bekkestua": ("1357", "Bekkestua", 59.918, 10.588),
        "Fornebu": ("1364", "Fornebu", 59.897, 10.625),
        "Rykkinn": ("1349", "Rykkinn", 59.927, 10.474),
        "Østerås": ("1361", "Østerås", 59.940, 10.600),
        "Skytterdalen": ("1341", "Slependen", 59.878, 10.493),
        "Emma Hjort": ("1346", "Gjettum", 59.905, 10.545),
        "Dønski": ("1346", "Gjettum", 59.911, 10.532),
        "Stabekk": ("1369", "Stabekk", 59.909, 10.612),
        "Lysaker": ("1366", "Lysaker", 59.913, 10.640),
        "Høvik": ("1363", "Høvik", 59.897, 10.580),
        "Kolsås": ("1352", "Kolsås", 59.920, 10.502),
        "Bærums Verk": ("1353", "Bærums Verk", 59.938, 10.505),
        "Lommedalen": ("1350", "Lommedalen", 59.955, 10.470),
        "Eiksmarka": ("1359", "Eiksmarka", 59.945, 10.616),
        "Jar": ("1358", "Jar", 59.926, 10.621),
    },
    "asker": {
        "Asker sentrum": ("1384", "Asker", 59.833, 10.435),
        "Heggedal": ("1389", "Heggedal", 59.785, 10.445),
        "Vollen": ("1391", "Vollen", 59.790, 10.485),
        "Holmen": ("1394", "Nesbru", 59.848, 10.490),
        "Borgen": ("1388", "Borgen", 59.845, 10.420),
        "Nærsnes": ("3478", "Nærsnes", 59.752, 10.515),
        "Slemmestad": ("3470", "Slemmestad", 59.781, 10.495),
        "Røyken": ("3440", "Røyken", 59.749, 10.395),
        "Sætre": ("3475", "Sætre i Hurum", 59.682, 10.525),
        "Tofte": ("3482", "Tofte", 59.545, 10.560),
        "Hvalstad": ("1395", "Hvalstad", 59.858, 10.468),
        "Vettre": ("1392", "Vettre", 59.818, 10.470),
    },
}

# Local place names used in organisation names, and the district each lies in.
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "baerum": (
        ("Sandvika", "Sandvika"), ("Bekkestua", "Bekkestua"), ("Fornebu", "Fornebu"),
        ("Rykkinn", "Rykkinn"), ("Østerås", "Østerås"), ("Skytterdalen", "Skytterdalen"),
        ("Emma Hjort", "Emma Hjort"), ("Dønski", "Dønski"), ("Stabekk", "Stabekk"),
        ("Lysaker", "Lysaker"), ("Høvik", "Høvik"), ("Kolsås", "Kolsås"),
        ("Bærums Verk", "Bærums Verk"), ("Lommedalen", "Lommedalen"),
        ("Eiksmarka", "Eiksmarka"), ("Jar", "Jar"), ("Haslum", "Bekkestua"),
        ("Hosle", "Østerås"), ("Blommenholm", "Høvik"), ("Snarøya", "Fornebu"),
        ("Gjettum", "Dønski"), ("Tanum", "Skytterdalen"), ("Vøyenenga", "Bærums Verk"),
        ("Grav", "Eiksmarka"), ("Hundsund", "Fornebu"), ("Nadderud", "Bekkestua"),
        ("Ballerud", "Høvik"), ("Berger", "Rykkinn"), ("Evje", "Emma Hjort"),
        ("Slependen", "Skytterdalen"), ("Kirkerud", "Sandvika"), ("Valler", "Stabekk"),
        ("Tjernsmyr", "Emma Hjort"), ("Gommerud", "Rykkinn"), ("Helset", "Østerås"),
        ("Eineåsen", "Kolsås"), ("Hauger", "Emma Hjort"), ("Bjørnegård", "Sandvika"),
    ),
    "asker": (
        ("Asker", "Asker sentrum"), ("Heggedal", "Heggedal"), ("Vollen", "Vollen"),
        ("Holmen", "Holmen"), ("Borgen", "Borgen"), ("Nærsnes", "Nærsnes"),
        ("Slemmestad", "Slemmestad"), ("Røyken", "Røyken"), ("Sætre", "Sætre"),
        ("Tofte", "Tofte"), ("Hvalstad", "Hvalstad"), ("Vettre", "Vettre"),
        ("Blakstad", "Vettre"), ("Billingstad", "Hvalstad"), ("Dikemark", "Heggedal"),
        ("Gullhella", "Heggedal"), ("Leangen", "Asker sentrum"), ("Nesøya", "Holmen"),
        ("Spikkestad", "Røyken"), ("Hyggen", "Røyken"), ("Åros", "Røyken"),
        ("Filtvet", "Tofte"), ("Hurum", "Tofte"), ("Bødalen", "Borgen"),
        ("Landøya", "Holmen"), ("Solberg", "Asker sentrum"),
    ),
}  # fmt: skip

# Enrichment of the foundation's organisations (found by name): categories,
# target groups, national organisation, umbrellas and activities.
FOUNDATION_ORGANISATIONS: dict[str, dict[str, Any]] = {
    "Rykkinn skolekorps": {
        "categories": ("1.100",),
        "target_groups": ["children", "youth"],
        "national": "nmf",
        "umbrellas": ("culture",),
        "fee_ore": 180_000,
        "fee_note": "Søskenmoderasjon. Leie av instrument er inkludert.",
        "founded": date(1962, 9, 1),
        "activities": [
            ("Korpsøvelse", "Tirsdager 18.00–20.00, august–juni", "Rykkinn skole"),
            ("Aspirantkorps for nybegynnere", "Torsdager 17.30–18.30", "Rykkinn skole"),
            ("Juniorkorps", "Mandager 17.30–18.30", "Berger skole"),
        ],
        "accessibility": "Øvingslokalet på Rykkinn skole har trinnfri adgang og HC-toalett.",
    },
    "Bærum Røde Kors": {
        "categories": ("4.200",),
        "target_groups": ["adults", "seniors", "youth"],
        "national": "redcross",
        "umbrellas": ("humsos",),
        "fee_ore": 30_000,
        "founded": date(1917, 3, 12),
        "activities": [
            ("Besøkstjeneste", "Etter avtale", "Hele Bærum"),
            ("Leksehjelp", "Onsdager 17.00–19.00", "Sandvika bibliotek"),
            ("Beredskapsvakt", "Helger etter vaktliste", "Bærum Røde Kors-hus, Sandvika"),
        ],
    },
    "Fornebu Vel": {
        "categories": ("6.100",),
        "target_groups": ["families", "adults"],
        "fee_ore": 30_000,
        "founded": date(2008, 4, 1),
        "activities": [("Nærmiljødugnad", "Lørdager 10.00–14.00, april–mai", "Fornebu senter")],
    },
    "Asker Røde Kors": {
        "categories": ("4.200",),
        "target_groups": ["adults", "seniors"],
        "national": "redcross",
        "umbrellas": ("humsos",),
        "fee_ore": 30_000,
        "activities": [("Førstehjelpskurs", "Mandager 18.00–21.00", "Asker Røde Kors-hus")],
    },
    "Heggedal idrettslag": {
        "categories": ("1.200",),
        "target_groups": ["children", "youth", "adults"],
        "umbrellas": ("sport",),
        "fee_ore": 60_000,
        "activities": [
            ("Allidrett", "Onsdager 17.00–18.00", "Heggedal skole"),
            ("Fotballtrening", "Tirsdager og torsdager 17.30–19.00", "Heggedal kunstgress"),
        ],
    },
}

PURPOSES = (
    "Å samle medlemmene om felles aktiviteter og bidra til et godt lokalmiljø på {place}.",
    "Foreningen skal drive frivillig arbeid til glede for medlemmene og innbyggerne i {short}.",
    "Å gi et åpent og inkluderende tilbud for alle som vil delta, uavhengig av bakgrunn.",
)

# Organisations of both municipalities (at home in Bærum, also active in Asker).
SHARED_ORGANISATIONS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Asker og Bærum diabetesforening", ("7.100",), "diabetes", "Likepersoner og temamøter."),
    ("Asker og Bærum hørselslag", ("7.100",), "", "Hørselshjelp og teleslyngeutlån."),
    ("Asker og Bærum sjakklubb", ("1.300",), "", "Klubbkvelder og turneringer hver uke."),
)


@dataclass
class ActivitySpec:
    name: str
    schedule: str
    place: str
    district: District | None = None
    description: str = ""


@dataclass
class ContactSpec:
    name: str
    title: str
    email: str


@dataclass
class OrganisationSpec:
    """Everything about one demo organisation, before it is written."""

    organisation_number: str
    name: str
    municipality: Municipality
    categories: list[IcnpoCategory]
    kind: str = OrganisationKind.ORGANISATION
    description: str = ""
    purpose: str = ""
    district: District | None = None
    districts: list[District] = field(default_factory=list)
    active_in: list[Municipality] = field(default_factory=list)
    street_address: str = ""
    postal_code: str = ""
    postal_place: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    email: str = ""
    target_groups: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["nb"])
    accessibility: str = ""
    membership_fee_ore: int | None = None
    membership_fee_note: str = ""
    founded: date | None = None
    in_frivillighetsregisteret: bool = True
    activities: list[ActivitySpec] = field(default_factory=list)
    contacts: list[ContactSpec] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)  # organisation numbers
    national: str | None = None  # organisation number

    @property
    def bucket(self) -> str:
        return catalogue.bucket([c.code for c in self.categories])


@dataclass
class Area:
    """A municipality as the generator sees it."""

    municipality: Municipality
    short: str
    # (place name used in organisation names, its district)
    places: list[tuple[str, District]]
    # district id → (postal code, postal place, latitude, longitude)
    geography: dict[int, tuple[str, str, float, float]]


# --- Generating ----------------------------------------------------------------


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


def _ascii(text: str) -> str:
    return norwegian_slug(text)


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
        for kind in catalogue.KINDS:
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
            purpose=rng.choice(PURPOSES).format(**fmt),
            district=district,
            districts=[district],
            postal_code=postal_code,
            postal_place=postal_place,
            email=f"post@{_ascii(name)}.demo",
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
            spec.contacts.append(
                ContactSpec(
                    person, rng.choice(kind.titles), f"{_ascii(person)}@{_ascii(name)}.demo"
                )
            )
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
            email=f"post@{_ascii(name)}.demo",
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


# --- Writing -------------------------------------------------------------------


class _Related:
    """Stands in for a related manager: what ``search_text`` calls is ``all()``."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items

    def all(self) -> list[Any]:
        return self._items


class _SearchView:
    """The attributes ``services.search_text`` reads, without the database
    (the organisation and its relations do not exist yet)."""

    def __init__(self, spec: OrganisationSpec) -> None:
        self.name = spec.name
        self.description = spec.description
        self.purpose = spec.purpose
        self.postal_place = spec.postal_place
        self.district = spec.district
        self.target_groups = spec.target_groups
        # In the models' orderings, as the related managers would return them.
        self.activities = _Related(
            sorted(
                (
                    Activity(
                        name=a.name, description=a.description, schedule=a.schedule, place=a.place
                    )
                    for a in spec.activities
                ),
                key=lambda a: a.name,
            )
        )
        self.districts = _Related(sorted(dict.fromkeys(spec.districts), key=lambda d: d.name))
        self.categories = _Related(sorted(spec.categories, key=lambda c: c.sort_key))


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def _stems(text: str) -> str:
    """:func:`text.stems`, with each word's stem remembered (the vocabulary of
    generated text is small, and stemming is most of the loading time)."""
    return " ".join(_stem(w) for w in words(text))


def search_fields(spec: OrganisationSpec) -> tuple[str, str]:
    """``search_document`` and ``search_stems`` as update_search_document sets them."""
    document = search_text(cast(Organisation, _SearchView(spec)))
    return document, _stems(document)


_SCALAR_FIELDS = (
    "name",
    "municipality",
    "kind",
    "description",
    "purpose",
    "district",
    "street_address",
    "postal_code",
    "postal_place",
    "latitude",
    "longitude",
    "email",
    "target_groups",
    "languages",
    "accessibility",
    "membership_fee_ore",
    "membership_fee_note",
    "founded",
    "in_frivillighetsregisteret",
    "legal_form",
    "legal_form_name",
    "search_document",
    "search_stems",
)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_numbers(numbers: list[str]) -> dict[str, int]:
    """Organisation number → id of the organisations already loaded."""
    found: dict[str, int] = {}
    for chunk in _chunks(numbers, 900):
        # The exclusion repeats the unique index's condition, so it can be used.
        found.update(
            Organisation.objects.filter(organisation_number__in=chunk)
            .exclude(organisation_number="")
            .order_by()
            .values_list("organisation_number", "id")
        )
    return found


def write_organisations(
    specs: list[OrganisationSpec], *, refresh: bool = True, batch_size: int = 1000
) -> dict[str, int]:
    """Create (or, with ``refresh``, update in place) the organisations, with
    their categories, districts, activities, contacts and links. Returns
    organisation number → id. Run inside a transaction."""
    ids = existing_numbers([s.organisation_number for s in specs])
    to_create: list[OrganisationSpec] = []
    to_update: list[OrganisationSpec] = []
    for spec in specs:
        (to_update if spec.organisation_number in ids else to_create).append(spec)
    if not refresh:
        to_update = []

    # Links point at organisations created earlier or in this batch.
    wanted = {n for s in specs for n in [*s.member_of, s.national or ""] if n}
    links = existing_numbers(sorted(wanted - ids.keys()))

    def build(spec: OrganisationSpec) -> Organisation:
        document, stems = search_fields(spec)
        return Organisation(
            id=ids.get(spec.organisation_number),
            organisation_number=spec.organisation_number,
            name=spec.name,
            municipality=spec.municipality,
            kind=spec.kind,
            description=spec.description,
            purpose=spec.purpose,
            district=spec.district,
            street_address=spec.street_address,
            postal_code=spec.postal_code,
            postal_place=spec.postal_place,
            latitude=spec.latitude,
            longitude=spec.longitude,
            email=spec.email,
            target_groups=spec.target_groups,
            languages=spec.languages,
            accessibility=spec.accessibility,
            membership_fee_ore=spec.membership_fee_ore,
            membership_fee_note=spec.membership_fee_note,
            founded=spec.founded,
            in_frivillighetsregisteret=spec.in_frivillighetsregisteret,
            legal_form="FLI",
            legal_form_name="Forening/lag/innretning",
            national_organisation_id=links.get(spec.national or "") or ids.get(spec.national or ""),
            search_document=document,
            search_stems=stems,
        )

    for chunk in _chunks(to_create, batch_size):
        created = Organisation.objects.bulk_create([build(s) for s in chunk])
        ids.update((o.organisation_number, o.pk) for o in created)
    if to_update:
        for chunk in _chunks(to_update, batch_size):
            Organisation.objects.bulk_update(
                [build(s) for s in chunk], [*_SCALAR_FIELDS, "national_organisation"]
            )
        stale = [ids[s.organisation_number] for s in to_update]
        for id_chunk in _chunks(stale, 900):
            Activity.objects.filter(organisation_id__in=id_chunk).delete()
            Contact.objects.filter(organisation_id__in=id_chunk).delete()
            for through in _throughs():
                through.objects.filter(from_field_in(through, id_chunk)).delete()
    written = to_create + to_update
    links.update(ids)
    _write_related(written, links, batch_size)
    for municipality_id in {s.municipality.pk for s in written}:
        bump_content_version(municipality_id)  # bulk writes send no post_save
    return ids


def _throughs() -> list[Any]:
    return [
        Organisation.categories.through,
        Organisation.districts.through,
        Organisation.active_in.through,
        Organisation.member_of.through,
    ]


def from_field_in(through: Any, ids: list[int]) -> Q:
    name = (
        "from_organisation_id" if through is Organisation.member_of.through else "organisation_id"
    )
    return Q(**{f"{name}__in": ids})


def _write_related(specs: list[OrganisationSpec], ids: dict[str, int], batch_size: int) -> None:
    categories = Organisation.categories.through
    districts = Organisation.districts.through
    active_in = Organisation.active_in.through
    member_of = Organisation.member_of.through
    rows: dict[Any, list[Any]] = {
        categories: [],
        districts: [],
        active_in: [],
        member_of: [],
        Activity: [],
        Contact: [],
    }
    for spec in specs:
        pk = ids[spec.organisation_number]
        rows[categories] += [
            categories(organisation_id=pk, icnpocategory_id=c.pk) for c in spec.categories
        ]
        rows[districts] += [
            districts(organisation_id=pk, district_id=d.pk) for d in dict.fromkeys(spec.districts)
        ]
        rows[active_in] += [
            active_in(organisation_id=pk, municipality_id=m.pk) for m in spec.active_in
        ]
        rows[member_of] += [
            member_of(from_organisation_id=pk, to_organisation_id=ids[n])
            for n in dict.fromkeys(spec.member_of)
            if n in ids
        ]
        rows[Activity] += [
            Activity(
                organisation_id=pk,
                name=a.name,
                description=a.description,
                schedule=a.schedule,
                place=a.place,
                district=a.district,
            )
            for a in spec.activities
        ]
        rows[Contact] += [
            Contact(organisation_id=pk, name=c.name, title=c.title, email=c.email)
            for c in spec.contacts
        ]
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=batch_size)


# --- Bærum and Asker -----------------------------------------------------------


def load_categories() -> dict[str, IcnpoCategory]:
    """The ICNPO categories by code. The data migration loads them, but a
    flushed test database (browser tests) has lost them, so make sure."""
    if not IcnpoCategory.objects.filter(code="14.100").exists():
        icnpo.load_categories(IcnpoCategory)
    return {c.code: c for c in IcnpoCategory.objects.all()}


def area_for(municipality: Municipality, short: str) -> Area:
    districts = {d.name: d for d in District.objects.filter(municipality=municipality)}
    geography = DISTRICT_GEOGRAPHY[municipality.slug]
    places = [
        (place, districts[district])
        for place, district in PLACES[municipality.slug]
        if district in districts
    ]
    return Area(
        municipality=municipality,
        short=short,
        places=places,
        geography={districts[name].pk: geo for name, geo in geography.items() if name in districts},
    )


def national_organisation_numbers() -> dict[str, str]:
    """Key → organisation number of the national organisations."""
    return {
        key: demo_organisation_number(_NATIONAL_SEED + index)
        for index, key in enumerate(catalogue.NATIONAL_ORGANISATIONS)
    }


def _national_specs(
    home: Municipality, categories: dict[str, IcnpoCategory]
) -> dict[str, OrganisationSpec]:
    """The national organisations local branches link to. Oslo, where they are
    at home, is not a demo municipality: they are kept in the first one,
    without a district."""
    result = {}
    numbers = national_organisation_numbers()
    for key, (name, code, purpose) in catalogue.NATIONAL_ORGANISATIONS.items():
        result[key] = OrganisationSpec(
            organisation_number=numbers[key],
            name=name,
            municipality=home,
            categories=[categories[code]],
            description=purpose,
            purpose=purpose,
            postal_place="Oslo",
            email=f"post@{_ascii(name)}.demo",
            target_groups=["adults"],
        )
    return result


def _foundation_specs(
    municipality: Municipality,
    categories: dict[str, IcnpoCategory],
    national: dict[str, OrganisationSpec],
    area: Area,
) -> list[tuple[OrganisationSpec, tuple[str, ...]]]:
    """The foundation's organisations with their directory details (and the
    umbrellas they join)."""
    result = []
    by_pk = {d.pk: d for _p, d in area.places}
    for organisation in Organisation.objects.filter(
        municipality=municipality, name__in=FOUNDATION_ORGANISATIONS
    ).select_related("district"):
        extra = FOUNDATION_ORGANISATIONS[organisation.name]
        district = organisation.district
        geo = area.geography.get(district.pk) if district is not None else None
        spec = OrganisationSpec(
            organisation_number=organisation.organisation_number,
            name=organisation.name,
            municipality=municipality,
            categories=[categories[code] for code in extra["categories"]],
            description=organisation.description,
            district=district,
            districts=[by_pk.get(district.pk, district)] if district is not None else [],
            postal_code=geo[0] if geo else "",
            postal_place=geo[1] if geo else "",
            latitude=Decimal(f"{geo[2]:.6f}") if geo else None,
            longitude=Decimal(f"{geo[3]:.6f}") if geo else None,
            email=f"post@{_ascii(organisation.name)}.demo",
            target_groups=list(extra["target_groups"]),
            membership_fee_ore=extra.get("fee_ore"),
            membership_fee_note=extra.get("fee_note", ""),
            founded=extra.get("founded"),
            accessibility=extra.get("accessibility", ""),
            national=national[extra["national"]].organisation_number
            if "national" in extra
            else None,
            activities=[
                ActivitySpec(name, schedule, place, district)
                for name, schedule, place in extra["activities"]
            ],
            contacts=[ContactSpec("Ingrid Berg", "Leder", "leder@rykkinn-skolekorps.demo")]
            if organisation.name == "Rykkinn skolekorps"
            else [],
        )
        result.append((spec, tuple(extra.get("umbrellas", ()))))
    return result


def _numbered_from(seed: int) -> Callable[[int], str]:
    """Demo organisation numbers for the i-th organisation from ``seed`` on."""
    return lambda index: demo_organisation_number(seed + index)


@dataclass(frozen=True)
class DemoSummary:
    counts: dict[str, int]


@transaction.atomic
def load() -> DemoSummary:
    """Load (or refresh) the directory demo of Bærum and Asker. The foundation
    demo must be loaded first."""
    baerum = Municipality.objects.get(slug="baerum")
    asker = Municipality.objects.get(slug="asker")
    categories = load_categories()
    national = _national_specs(baerum, categories)
    write_organisations(list(national.values()))
    national_numbers = {key: spec.organisation_number for key, spec in national.items()}

    shared: list[OrganisationSpec] = []
    for municipality, short, total in (
        (baerum, "Bærum", BAERUM_COUNT),
        (asker, "Asker", ASKER_COUNT),
    ):
        area = area_for(municipality, short)
        # Demo data, not security: a seeded generator makes every run the same.
        rng = random.Random(f"dugnad-directory-{municipality.slug}")  # noqa: S311
        base = _SEED_BASE[municipality.slug]
        umbrellas = umbrella_specs(area, categories, _numbered_from(base))
        fixed: list[OrganisationSpec] = list(umbrellas.values())
        for spec, joins in _foundation_specs(municipality, categories, national, area):
            spec.member_of += [umbrellas[key].organisation_number for key in joins]
            fixed.append(spec)
        handicap = _branch(
            f"Norges Handikapforbund {short}",
            demo_organisation_number(base + 10),
            area,
            categories["7.100"],
            national_numbers["nhf"],
        )
        handicap.target_groups = ["disabilities", "adults"]
        handicap.member_of = [umbrellas["council"].organisation_number]
        fixed.append(handicap)
        if municipality == baerum:
            fixed += list(national.values())
            fornebupiloten = _branch(
                "Fornebupiloten",
                demo_organisation_number(base + 11),
                area,
                categories["6.100"],
                None,
            )
            fornebupiloten.district = fornebupiloten.districts[0] = next(
                d for p, d in area.places if p == "Fornebu"
            )
            fornebupiloten.description = (
                "Innbyggerdrevet nærmiljøarbeid på Fornebu: møteplasser, nabolagsfester "
                "og samskaping med kommunen, velene og næringslivet."
            )
            fixed.append(fornebupiloten)
            for index, (name, codes, key, description) in enumerate(SHARED_ORGANISATIONS):
                spec = _branch(
                    name,
                    demo_organisation_number(base + 20 + index),
                    area,
                    categories[codes[0]],
                    national_numbers.get(key),
                )
                spec.description = description
                spec.active_in = [asker]
                shared.append(spec)
        fixed += shared  # listed in both directories
        used = {s.name for s in fixed}
        counted = Counter(s.bucket for s in fixed)
        generator = Generator(
            rng=rng,
            area=area,
            categories=categories,
            used_names=used,
            national_numbers=national_numbers,
        )
        generated = list(
            generator.organisations(
                bucket_quotas(total, counted),
                _numbered_from(base + 50),
            )
        )
        link_umbrellas(rng, generated, umbrellas)
        # Umbrellas first: their members link to them.
        write_organisations(list(umbrellas.values()))
        written = {s.organisation_number for s in [*umbrellas.values(), *national.values()]}
        write_organisations(
            [
                s
                for s in fixed
                if s.municipality == municipality and s.organisation_number not in written
            ]
            + generated
        )

    counts = {
        m.slug: Organisation.objects.in_municipality(m).listed().count() for m in (baerum, asker)
    }
    return DemoSummary(counts=counts)


def _branch(
    name: str, number: str, area: Area, category: IcnpoCategory, national: str | None
) -> OrganisationSpec:
    _place, district = area.places[0]
    postal_code, postal_place, _lat, _lon = area.geography[district.pk]
    return OrganisationSpec(
        organisation_number=number,
        name=name,
        municipality=area.municipality,
        categories=[category],
        district=district,
        districts=[district],
        postal_code=postal_code,
        postal_place=postal_place,
        email=f"post@{_ascii(name)}.demo",
        target_groups=["adults"],
        national=national,
        description=f"Lokallag i {area.short}.",
    )
