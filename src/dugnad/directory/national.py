"""National scale: ~72,800 generated voluntary organisations over 357
municipalities, for the benchmark (``bench/scenarios/directory.py``).

The biggest municipalities have their real numbers, names and approximate
populations and centres; the rest are generated (invented names, numbers in
each county's series after the real ones) so that the whole adds up to
Norway's 5.55 million residents. Organisations are spread by population and
generated with the demo's kinds (:mod:`demo.catalogue`), one activity and
one contact each.

Idempotent: municipalities are keyed on their number, organisations on an
organisation number made from the municipality's place in the list and a
running number (``MMMNNNNN`` + MOD11 check digit; real organisation numbers
start with 8 or 9, these never do). A second run writes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from dugnad.directory import demo
from dugnad.directory.models import Organisation
from dugnad.municipalities.demo.foundation import organisation_number_with_check_digit
from dugnad.municipalities.models import District, Municipality, MunicipalityHost, norwegian_slug

NATIONAL_COUNT = 72_800
MUNICIPALITY_COUNT = 357
POPULATION = 5_550_000


@dataclass(frozen=True)
class MunicipalitySpec:
    number: str
    name: str  # short name, e.g. "Bergen"
    county: str
    population: int
    latitude: float
    longitude: float
    districts: tuple[str, ...] = ()


# (number, name, county, population, latitude, longitude)
REAL: tuple[tuple[str, str, str, int, float, float], ...] = (
    ("0301", "Oslo", "Oslo", 717_000, 59.913, 10.752),
    ("4601", "Bergen", "Vestland", 291_000, 60.392, 5.324),
    ("5001", "Trondheim", "Trøndelag", 214_000, 63.430, 10.395),
    ("1103", "Stavanger", "Rogaland", 149_000, 58.970, 5.733),
    ("3201", "Bærum", "Akershus", 130_000, 59.894, 10.546),
    ("4204", "Kristiansand", "Agder", 117_000, 58.146, 7.996),
    ("3301", "Drammen", "Buskerud", 104_000, 59.744, 10.204),
    ("3203", "Asker", "Akershus", 98_000, 59.833, 10.435),
    ("3205", "Lillestrøm", "Akershus", 92_000, 59.956, 11.049),
    ("3107", "Fredrikstad", "Østfold", 85_000, 59.218, 10.930),
    ("1108", "Sandnes", "Rogaland", 83_000, 58.852, 5.736),
    ("5501", "Tromsø", "Troms", 78_000, 69.649, 18.956),
    ("3907", "Sandefjord", "Vestfold", 65_000, 59.131, 10.216),
    ("3207", "Nordre Follo", "Akershus", 63_000, 59.720, 10.830),
    ("1508", "Ålesund", "Møre og Romsdal", 60_000, 62.472, 6.150),
    ("3105", "Sarpsborg", "Østfold", 58_000, 59.284, 11.110),
    ("3905", "Tønsberg", "Vestfold", 58_000, 59.267, 10.408),
    ("4003", "Skien", "Telemark", 56_000, 59.209, 9.609),
    ("1804", "Bodø", "Nordland", 53_000, 67.280, 14.405),
    ("3103", "Moss", "Østfold", 51_000, 59.434, 10.658),
    ("3909", "Larvik", "Vestfold", 48_000, 59.053, 10.027),
    ("3222", "Lørenskog", "Akershus", 48_000, 59.927, 10.955),
    ("3118", "Indre Østfold", "Østfold", 46_000, 59.563, 11.330),
    ("4203", "Arendal", "Agder", 46_000, 58.461, 8.772),
    ("1149", "Karmøy", "Rogaland", 43_000, 59.283, 5.300),
    ("3209", "Ullensaker", "Akershus", 42_000, 60.135, 11.170),
    ("4626", "Øygarden", "Vestland", 40_000, 60.360, 5.120),
    ("1106", "Haugesund", "Rogaland", 38_000, 59.413, 5.268),
    ("4001", "Porsgrunn", "Telemark", 37_000, 59.140, 9.656),
    ("3411", "Ringsaker", "Innlandet", 35_000, 60.887, 10.764),
    ("3403", "Hamar", "Innlandet", 32_000, 60.794, 11.068),
    ("3101", "Halden", "Østfold", 31_000, 59.125, 11.387),
    ("1506", "Molde", "Møre og Romsdal", 32_000, 62.737, 7.160),
    ("3305", "Ringerike", "Buskerud", 31_000, 60.168, 10.257),
    ("3407", "Gjøvik", "Innlandet", 30_000, 60.795, 10.692),
    ("4627", "Askøy", "Vestland", 30_000, 60.410, 5.220),
    ("3405", "Lillehammer", "Innlandet", 29_000, 61.115, 10.466),
    ("3303", "Kongsberg", "Buskerud", 28_000, 59.665, 9.647),
    ("1124", "Sola", "Rogaland", 28_000, 58.880, 5.650),
    ("3312", "Lier", "Buskerud", 27_000, 59.785, 10.243),
    ("3901", "Horten", "Vestfold", 27_000, 59.417, 10.483),
    ("3240", "Eidsvoll", "Akershus", 27_000, 60.330, 11.260),
    ("1833", "Rana", "Nordland", 26_000, 66.313, 14.142),
    ("5503", "Harstad", "Troms", 25_000, 68.798, 16.541),
    ("3232", "Nittedal", "Akershus", 25_000, 60.060, 10.870),
    ("5006", "Steinkjer", "Trøndelag", 24_000, 64.014, 11.495),
    ("5035", "Stjørdal", "Trøndelag", 24_000, 63.470, 10.920),
    ("1505", "Kristiansund", "Møre og Romsdal", 24_000, 63.110, 7.728),
    ("4202", "Grimstad", "Agder", 24_000, 58.341, 8.593),
    ("3212", "Nesodden", "Akershus", 20_000, 59.860, 10.660),
    ("5601", "Alta", "Finnmark", 21_000, 69.969, 23.272),
    ("1806", "Narvik", "Nordland", 21_000, 68.438, 17.427),
    ("3420", "Elverum", "Innlandet", 21_000, 60.882, 11.562),
    ("4621", "Voss", "Vestland", 16_000, 60.628, 6.417),
)

# Real districts (bydeler) of the biggest; the others get generated ones.
REAL_DISTRICTS: dict[str, tuple[str, ...]] = {
    "0301": (
        "Gamle Oslo", "Grünerløkka", "Sagene", "St. Hanshaugen", "Frogner", "Ullern",
        "Vestre Aker", "Nordre Aker", "Bjerke", "Grorud", "Stovner", "Alna", "Østensjø",
        "Nordstrand", "Søndre Nordstrand",
    ),
    "4601": (
        "Arna", "Bergenhus", "Fana", "Fyllingsdalen", "Laksevåg", "Ytrebygda", "Årstad", "Åsane",
    ),
    "5001": ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal", "Byåsen", "Ranheim"),
    "1103": ("Hundvåg", "Tasta", "Eiganes og Våland", "Madla", "Storhaug", "Hillevåg", "Hinna"),
}  # fmt: skip

# County → the first two digits of its municipality numbers (generated ones
# are numbered from 70 up in the county's series).
COUNTIES: tuple[tuple[str, str, float, float], ...] = (
    ("Innlandet", "34", 61.3, 10.5),
    ("Vestland", "46", 61.0, 6.0),
    ("Trøndelag", "50", 63.8, 11.0),
    ("Nordland", "18", 67.0, 14.5),
    ("Møre og Romsdal", "15", 62.6, 7.5),
    ("Rogaland", "11", 59.0, 6.0),
    ("Agder", "42", 58.6, 7.8),
    ("Telemark", "40", 59.5, 8.8),
    ("Troms", "55", 69.2, 18.5),
    ("Finnmark", "56", 70.2, 24.5),
    ("Buskerud", "33", 60.2, 9.3),
    ("Akershus", "32", 60.0, 11.2),
)

_STEMS = (
    "Lind", "Berg", "Fjell", "Eik", "Bjørk", "Furu", "Sol", "Strand", "Stein", "Elve", "Skog",
    "Myr", "Lia", "Rød", "Kvit", "Hov", "Vang", "Tveit", "Aune", "Breid", "Holm", "Nes",
    "Sand", "Grøn", "Bakke", "Haug", "Ås", "Tjønn", "Bjørn", "Rein", "Ulv", "Ørn",
)  # fmt: skip
_ENDINGS = (
    "dal", "vik", "fjord", "stad", "øy", "berg", "heim", "land", "nes", "sund", "bø", "ås",
    "rud", "voll", "set", "eid", "mo", "li", "hamn", "bygd",
)  # fmt: skip
_DISTRICT_SUFFIXES = ("sentrum", "nord", "sør", "øst", "vest")


def _real_districts(number: str) -> tuple[str, ...]:
    demo_slug = {"3201": "baerum", "3203": "asker"}.get(number)
    if demo_slug is not None:  # the foundation demo's districts
        return tuple(demo.DISTRICT_GEOGRAPHY[demo_slug])
    return REAL_DISTRICTS.get(number, ())


def municipalities() -> list[MunicipalitySpec]:
    """The 357 municipalities: the real biggest, then generated ones (always the same)."""
    rng = random.Random("dugnad-national-municipalities")  # noqa: S311  # demo data
    result = [
        MunicipalitySpec(number, name, county, population, lat, lon, _real_districts(number))
        for number, name, county, population, lat, lon in REAL
    ]
    used_names = {m.name for m in result}
    used_numbers = {m.number for m in result}
    next_number = {prefix: 70 for _c, prefix, _la, _lo in COUNTIES}
    missing = MUNICIPALITY_COUNT - len(result)
    remaining = POPULATION - sum(m.population for m in result)
    # Small municipalities vary from a few hundred residents to some 20,000.
    weights = [rng.paretovariate(1.2) for _ in range(missing)]
    scale = remaining / sum(weights)
    for index, weight in enumerate(weights):
        county, prefix, lat, lon = COUNTIES[index % len(COUNTIES)]
        name = ""
        while not name or name in used_names:
            name = rng.choice(_STEMS) + rng.choice(_ENDINGS)
            if rng.random() < 0.1:
                name = f"{rng.choice(('Nord', 'Sør', 'Øvre', 'Nedre'))}-{name}"
        used_names.add(name)
        number = f"{prefix}{next_number[prefix]:02d}"
        while number in used_numbers:
            next_number[prefix] += 1
            number = f"{prefix}{next_number[prefix]:02d}"
        used_numbers.add(number)
        next_number[prefix] += 1
        result.append(
            MunicipalitySpec(
                number=number,
                name=name,
                county=county,
                population=max(int(weight * scale), 200),
                latitude=lat + rng.uniform(-0.8, 0.8),
                longitude=lon + rng.uniform(-1.2, 1.2),
            )
        )
    return result


def quotas(specs: list[MunicipalitySpec], count: int) -> list[int]:
    """``count`` organisations over the municipalities by population (largest remainder)."""
    total = sum(s.population for s in specs)
    exact = [count * s.population / total for s in specs]
    result = [int(x) for x in exact]
    by_remainder = sorted(range(len(specs)), key=lambda i: exact[i] - result[i], reverse=True)
    for i in by_remainder[: count - sum(result)]:
        result[i] += 1
    return result


def _numbers(municipality_index: int, count: int) -> list[str]:
    """The first ``count`` valid organisation numbers of a municipality's series."""
    result: list[str] = []
    candidate = 0
    while len(result) < count:
        number = organisation_number_with_check_digit(f"{municipality_index:03d}{candidate:05d}")
        if number is not None:
            result.append(number)
        candidate += 1
    return result


def _municipalities(specs: list[MunicipalitySpec]) -> dict[str, Municipality]:
    """Create the municipalities that are missing (with host and districts)."""
    existing = {m.number: m for m in Municipality.objects.all()}
    new = [
        Municipality(
            name=f"{s.name} kommune",
            slug=norwegian_slug(s.name),
            number=s.number,
            county=s.county,
        )
        for s in specs
        if s.number not in existing
    ]
    Municipality.objects.bulk_create(new, batch_size=500)
    existing = {m.number: m for m in Municipality.objects.all()}
    hosted = set(MunicipalityHost.objects.values_list("municipality_id", flat=True))
    MunicipalityHost.objects.bulk_create(
        [
            MunicipalityHost(municipality=m, hostname=f"{m.slug}.localhost", is_primary=True)
            for m in existing.values()
            if m.pk not in hosted
        ]
    )
    with_districts = set(District.objects.values_list("municipality_id", flat=True))
    rng = random.Random("dugnad-national-districts")  # noqa: S311  # demo data
    districts = []
    for spec in specs:
        municipality = existing[spec.number]
        if municipality.pk in with_districts:
            continue
        names = list(spec.districts) or _generated_districts(rng, spec)
        districts += [
            District(municipality=municipality, name=n, slug=norwegian_slug(n)) for n in names
        ]
    District.objects.bulk_create(districts, batch_size=1000)
    return existing


def _generated_districts(rng: random.Random, spec: MunicipalitySpec) -> list[str]:
    size = 2 + min(spec.population // 8_000, 6)
    names = [f"{spec.name} sentrum"]
    while len(names) < size:
        name = rng.choice(_STEMS) + rng.choice(_ENDINGS)
        if name not in names and name != spec.name:
            names.append(name)
    return names


def _area(municipality: Municipality, spec: MunicipalitySpec, size: int) -> demo.Area:
    """The municipality's districts and places; a big one gets more (invented)
    places, so its ``size`` organisations can have distinct names."""
    if municipality.slug in demo.PLACES:
        area = demo.area_for(municipality, spec.name)
    else:
        area = _new_area(municipality, spec)
    rng = random.Random(f"dugnad-national-places-{spec.number}")  # noqa: S311  # demo data
    names = {place for place, _d in area.places}
    districts = list(dict.fromkeys(d for _p, d in area.places))
    for _ in range(size // 50 + 1 - len(area.places)):
        name = rng.choice(_STEMS) + rng.choice(_ENDINGS)
        if name not in names:
            names.add(name)
            area.places.append((name, rng.choice(districts)))
    return area


def _new_area(municipality: Municipality, spec: MunicipalitySpec) -> demo.Area:
    rng = random.Random(f"dugnad-national-area-{spec.number}")  # noqa: S311  # demo data
    districts = list(District.objects.filter(municipality=municipality).order_by("pk"))
    postal_base = rng.randrange(1000, 9900)
    geography = {
        d.pk: (
            f"{postal_base + i:04d}",
            d.name if i else spec.name,
            spec.latitude + rng.uniform(-0.05, 0.05),
            spec.longitude + rng.uniform(-0.08, 0.08),
        )
        for i, d in enumerate(districts)
    }
    return demo.Area(
        municipality=municipality,
        short=spec.name,
        places=[(d.name.removesuffix(" sentrum"), d) for d in districts],
        geography=geography,
    )


def load_national(count: int = NATIONAL_COUNT, *, batch_size: int = 5_000) -> int:
    """Load ``count`` organisations nationwide (those of the demo included);
    returns how many were created. Safe to run again."""
    specs = municipalities()
    with transaction.atomic():
        by_number = _municipalities(specs)
    categories = demo.load_categories()
    # Branches link to the demo's national organisations where they are loaded.
    candidates = demo.national_organisation_numbers()
    present_national = demo.existing_numbers(list(candidates.values()))
    national_numbers = {k: n for k, n in candidates.items() if n in present_national}
    created = 0
    pending: list[demo.OrganisationSpec] = []
    for index, (spec, quota) in enumerate(zip(specs, quotas(specs, count), strict=True)):
        municipality = by_number[spec.number]
        numbers = _numbers(index, quota)
        present = demo.existing_numbers(numbers)
        # The demo's own organisations count towards the municipality's share.
        others = (
            Organisation.objects.filter(municipality=municipality)
            .exclude(organisation_number__in=present.keys())
            .count()
            if municipality.slug in demo.PLACES
            else 0
        )
        wanted = numbers[: max(quota - others, 0)]
        if len(present) >= len(wanted) and all(n in present for n in wanted):
            continue
        area = _area(municipality, spec, quota)
        generator = demo.Generator(
            rng=random.Random(f"dugnad-national-{spec.number}"),  # noqa: S311  # demo data
            area=area,
            categories=categories,
            # Not the names of the demo's own organisations (the same for every run).
            used_names=set(
                Organisation.objects.filter(municipality=municipality)
                .exclude(organisation_number__in=numbers)
                .values_list("name", flat=True)
            )
            if others
            else set(),
            national_numbers=national_numbers,
            detail=False,
        )
        generated = generator.organisations(
            demo.bucket_quotas(len(wanted), Counter()), wanted.__getitem__
        )
        new = [g for g in generated if g.organisation_number not in present]
        pending += new
        created += len(new)
        if len(pending) >= batch_size:
            _flush(pending)
            pending = []
    _flush(pending)
    return created


def _flush(pending: list[demo.OrganisationSpec]) -> None:
    if pending:
        with transaction.atomic():
            demo.write_organisations(pending, refresh=False, batch_size=1000)
