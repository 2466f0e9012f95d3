"""Demo data of the organisation directory: Bærum's 600-odd and Asker's 361
voluntary organisations (the seeds' figures), generated, not copied.

Organisations are combined from the parts in :mod:`.catalogue` and the
kinds in :mod:`.kinds_culture` and :mod:`.kinds_other` with a seeded
``random.Random``, so every run makes the same ones. They are spread
over the ICNPO categories the way Bærum's status note describes (70–80 %
culture and leisure, 8–10 % health and social), over the municipality's
districts, and linked to umbrella councils and national organisations.

Loading is idempotent and keyed on the organisation number (valid MOD11
numbers in the demo range): a second run updates the same rows. Rows are
written with ``bulk_create``; the search fields are computed with the same
:func:`services.search_text` that ``update_search_document`` uses.

The package, by responsibility (the national generator in
:mod:`dugnad.directory.national` uses the same parts):

- :mod:`.catalogue`, :mod:`.kinds_culture`, :mod:`.kinds_other`: the data
  organisations are made of;
- :mod:`.baerum_asker`: the two demo municipalities' places, districts and
  the foundation's organisations;
- :mod:`.specs`: an organisation (and an area) before it is written;
- :mod:`.generator`: making organisations, quotas and umbrella councils;
- :mod:`.writer`: writing them in bulk, with their search fields;
- here: loading Bærum and Asker (:func:`load`).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from dugnad.directory import icnpo
from dugnad.directory.demo import catalogue
from dugnad.directory.demo.baerum_asker import (
    DISTRICT_GEOGRAPHY,
    FOUNDATION_ORGANISATIONS,
    PLACES,
    SHARED_ORGANISATIONS,
)
from dugnad.directory.demo.generator import (
    Generator,
    bucket_quotas,
    link_umbrellas,
    umbrella_specs,
)
from dugnad.directory.demo.specs import ActivitySpec, Area, ContactSpec, OrganisationSpec
from dugnad.directory.demo.writer import existing_numbers, write_organisations
from dugnad.directory.models import IcnpoCategory, Organisation
from dugnad.municipalities.demo.foundation import demo_organisation_number
from dugnad.municipalities.models import District, Municipality, norwegian_slug

__all__ = [
    "ASKER_COUNT",
    "BAERUM_COUNT",
    "DISTRICT_GEOGRAPHY",
    "PLACES",
    "Area",
    "DemoSummary",
    "Generator",
    "OrganisationSpec",
    "area_for",
    "bucket_quotas",
    "existing_numbers",
    "load",
    "load_categories",
    "national_organisation_numbers",
    "write_organisations",
]

# Exact sizes of the demo directories: "over 600" in Bærum (status note 2022)
# and 361 in Asker (Asker's figures), counted as the directory lists them.
BAERUM_COUNT = 612
ASKER_COUNT = 361

# Seeds of demo_organisation_number: the foundation uses 0–199, the test
# factories 5000 and up; this package 1000–4999.
_SEED_BASE = {"baerum": 1000, "asker": 2500}
_NATIONAL_SEED = 4900


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
            email=f"post@{norwegian_slug(name)}.demo",
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
            email=f"post@{norwegian_slug(organisation.name)}.demo",
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
        email=f"post@{norwegian_slug(name)}.demo",
        target_groups=["adults"],
        national=national,
        description=f"Lokallag i {area.short}.",
    )
