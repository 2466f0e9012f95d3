"""Demo rooms, halls and bookings for the demo buildings (``manage.py load_demo``).

Idempotent: spaces are matched by building and name, bookings by space,
purpose and start. Bookings are placed in the current week, so running the
command again in a later week adds that week's bookings next to the old ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.premises import pricing
from dugnad.premises.models import (
    Booking,
    BookingSeries,
    BookingSlot,
    BookingStatus,
    Building,
    Closure,
    OpeningHours,
    RenterType,
    Space,
    Tariff,
    WhoMayBook,
)
from dugnad.premises.opening import OpeningCalendar, zone
from dugnad.premises.services import overlaps_confirmed, weekly_dates

K = Space.Kind


@dataclass(frozen=True)
class SpaceSpec:
    name: str
    kind: str
    capacity: int
    facilities: str = ""
    accessibility: str = ""
    needs_approval: bool = False
    parts: tuple[SpaceSpec, ...] = ()


STEP_FREE = "Trinnfri adkomst og HC-toalett."

SPACES: dict[str, dict[str, list[SpaceSpec]]] = {
    "baerum": {
        "Fornebu senter": [
            SpaceSpec("Storsalen", K.HALL, 120, "Scene, lydanlegg, projektor", STEP_FREE, True),
            SpaceSpec("Møterom 1", K.MEETING_ROOM, 12, "Skjerm, whiteboard", STEP_FREE),
            SpaceSpec("Møterom 2", K.MEETING_ROOM, 8, "Skjerm", STEP_FREE),
            SpaceSpec("Kjøkkenet", K.KITCHEN, 10, "Storkjøkken, oppvaskmaskin", STEP_FREE),
        ],
        "Byrom i Sandvika": [
            SpaceSpec("Byrommet", K.MEETING_ROOM, 40, "Stoler, bord, projektor", STEP_FREE),
            SpaceSpec("Verkstedet", K.OTHER, 15, "Arbeidsbenker, symaskiner", STEP_FREE),
        ],
        "Bærum Kulturhus": [
            SpaceSpec("Studioscenen", K.STAGE, 100, "Lys og lyd", STEP_FREE, True),
            SpaceSpec("Øvingsrommet", K.MEETING_ROOM, 25, "Piano, notestativ", STEP_FREE),
        ],
        "Levre skole": [
            SpaceSpec(
                "Gymsalen",
                K.GYM,
                60,
                "Ribbevegg, matter, basketkurver",
                "Heis fra skolegården.",
                needs_approval=True,
                parts=(
                    SpaceSpec("Gymsalen, halvdel øst", K.HALL_PART, 30),
                    SpaceSpec("Gymsalen, halvdel vest", K.HALL_PART, 30),
                ),
            ),
            SpaceSpec("Musikkrommet", K.MEETING_ROOM, 25, "Piano", "Trapp til 2. etasje."),
        ],
        "Rykkinn fritidshus": [
            SpaceSpec(
                "Idrettshallen",
                K.HALL,
                200,
                "Garderober, tribune",
                STEP_FREE,
                parts=(
                    SpaceSpec("Idrettshallen, halvdel A", K.HALL_PART, 100),
                    SpaceSpec("Idrettshallen, halvdel B", K.HALL_PART, 100),
                ),
            ),
        ],
        "Presterud gård": [SpaceSpec("Låven", K.HALL, 80, "Langbord, peis")],
        "Teaterhuset på Emma Hjort": [
            SpaceSpec("Teatersalen", K.STAGE, 150, "Scene, lys", STEP_FREE, True)
        ],
    },
    "asker": {
        "Asker kulturhus": [SpaceSpec("Salen", K.HALL, 200, "Scene", STEP_FREE, True)],
        "Heggedal nærmiljøsenter": [SpaceSpec("Møterommet", K.MEETING_ROOM, 20, "Skjerm")],
    },
}


@dataclass(frozen=True)
class BookingSpec:
    space: str
    weekday: int  # 0 = Monday
    start: int
    end: int
    email: str
    purpose: str
    organisation: str | None = None
    status: str = BookingStatus.CONFIRMED


BOOKINGS = [
    BookingSpec("Gymsalen", 1, 18, 20, "lagleder@baerum.demo", "Korpsøvelse", "Rykkinn skolekorps"),
    BookingSpec("Gymsalen, halvdel øst", 3, 17, 18, "medlem@baerum.demo", "Innebandy for barn"),
    BookingSpec("Møterom 1", 2, 19, 21, "innbygger@baerum.demo", "Borettslagets styremøte"),
    BookingSpec("Kjøkkenet", 4, 16, 19, "innbygger@baerum.demo", "Matlaging for nabolaget"),
    BookingSpec(
        "Storsalen",
        3,
        18,
        22,
        "lagleder@baerum.demo",
        "Vårkonsert",
        "Rykkinn skolekorps",
        BookingStatus.REQUESTED,
    ),
    BookingSpec("Byrommet", 1, 17, 19, "medlem@baerum.demo", "Språkkafé"),
]


def _space(
    municipality: Municipality, building: Building, spec: SpaceSpec, parent: Space | None
) -> None:
    space, _ = Space.objects.update_or_create(
        building=building,
        name=spec.name,
        defaults={
            "municipality": municipality,
            "parent": parent,
            "kind": spec.kind,
            "capacity": spec.capacity,
            "facilities": spec.facilities,
            "accessibility": spec.accessibility,
            "needs_approval": spec.needs_approval,
        },
    )
    for part in spec.parts:
        _space(municipality, building, part, space)


def _book(municipality: Municipality, spec: BookingSpec, monday: datetime.date) -> bool:
    space = Space.objects.get(municipality=municipality, name=spec.space)
    day = monday + datetime.timedelta(days=spec.weekday)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(spec.start)))
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time(spec.end)))
    if Booking.objects.filter(space=space, purpose=spec.purpose, start=start).exists():
        return False
    leaf_ids = space.leaf_ids()
    if overlaps_confirmed(leaf_ids=leaf_ids, start=start, end=end):
        return False  # someone booked the time through the pages: leave it to them
    organisation = (
        Organisation.objects.get(municipality=municipality, name=spec.organisation)
        if spec.organisation
        else None
    )
    booking = Booking.objects.create(
        municipality=municipality,
        space=space,
        person=User.objects.get(email=spec.email),
        organisation=organisation,
        purpose=spec.purpose,
        start=start,
        end=end,
        status=spec.status,
    )
    BookingSlot.objects.bulk_create(
        BookingSlot(
            municipality=municipality,
            booking=booking,
            space_id=leaf,
            start=start,
            end=end,
            status=spec.status,
        )
        for leaf in leaf_ids
    )
    return True


@dataclass(frozen=True)
class RulesSpec:
    """Opening hours (weekdays, weekend), tariffs (kroner per hour: private,
    organisation, commercial) and rules of a demo building."""

    weekdays: tuple[int, int]
    weekend: tuple[int, int] | None
    tariffs: tuple[int, int, int]
    school: bool = False
    who_may_book: str = WhoMayBook.EVERYONE
    access: str = ""
    universal_design: str = ""


SCHOOL = RulesSpec(
    (8, 22),
    (9, 20),
    (250, 150, 600),
    school=True,
    access="Inngang fra skolegården. Nøkkelkort hentes på servicetorget.",
    universal_design="Heis fra skolegården, HC-toalett ved garderobene.",
)
RULES: dict[str, RulesSpec] = {
    "Fornebu senter": RulesSpec(
        (8, 22),
        (10, 18),
        (300, 0, 900),
        access="Hovedinngang fra Forneburingen. Vakt i resepsjonen til kl. 22.",
        universal_design="Trinnfri adkomst, HC-toalett, teleslynge i Storsalen.",
    ),
    "Byrom i Sandvika": RulesSpec(
        (9, 21), (10, 16), (200, 0, 500), access="Inngang fra Rådhustorget."
    ),
    "Bærum Kulturhus": RulesSpec((9, 23), (10, 23), (800, 300, 2000)),
    "Levre skole": SCHOOL,
    "Rykkinn fritidshus": RulesSpec(
        (15, 22), (9, 20), (400, 0, 1200), who_may_book=WhoMayBook.ORGANISATIONS
    ),
    "Presterud gård": RulesSpec((10, 22), (10, 22), (350, 100, 1000)),
    "Teaterhuset på Emma Hjort": RulesSpec((10, 22), (12, 22), (500, 0, 1500)),
}


def _rules(municipality: Municipality, building: Building, spec: RulesSpec) -> None:
    Building.objects.filter(pk=building.pk).update(
        who_may_book=spec.who_may_book,
        access_information=spec.access,
        universal_design=spec.universal_design,
    )
    if not OpeningHours.objects.filter(building=building).exists():
        rows = [(day, spec.weekdays) for day in range(5)]
        if spec.weekend:
            rows += [(day, spec.weekend) for day in (5, 6)]
        OpeningHours.objects.bulk_create(
            OpeningHours(
                municipality=municipality,
                building=building,
                weekday=day,
                opens=datetime.time(hours[0]),
                closes=datetime.time(hours[1]),
            )
            for day, hours in rows
        )
    for kind, kroner in zip(
        (RenterType.PRIVATE, RenterType.ORGANISATION, RenterType.COMMERCIAL),
        spec.tariffs,
        strict=True,
    ):
        Tariff.objects.update_or_create(
            building=building,
            space=None,
            renter_type=kind,
            defaults={"municipality": municipality, "price_per_hour_ore": kroner * 100},
        )
    if spec.school:
        year = timezone.localdate().year
        for reason, first, last, times in (
            ("Skoletid", datetime.date(year - 1, 8, 1), datetime.date(year + 1, 6, 30), True),
            ("Sommerferie", datetime.date(year, 6, 20), datetime.date(year, 8, 16), False),
        ):
            Closure.objects.get_or_create(
                building=building,
                space=None,
                reason=reason,
                first_date=first,
                defaults={
                    "municipality": municipality,
                    "last_date": last,
                    "start_time": datetime.time(8) if times else None,
                    "end_time": datetime.time(16) if times else None,
                    "weekdays_only": times,
                },
            )


@dataclass(frozen=True)
class SeriesSpec:
    space: str
    weekday: int
    start: int
    end: int
    email: str
    purpose: str
    organisation: str | None = None


SERIES = [
    SeriesSpec(
        "Idrettshallen", 1, 18, 20, "lagleder@baerum.demo", "Marsjøvelse", "Rykkinn skolekorps"
    ),
    SeriesSpec("Musikkrommet", 3, 18, 20, "lagleder@baerum.demo", "Korpsøvelse for aspiranter"),
    SeriesSpec("Byrommet", 2, 18, 20, "medlem@baerum.demo", "Strikkekafé"),
]
SEASON_WEEKS = 16


def _series(municipality: Municipality, spec: SeriesSpec, today: datetime.date) -> int:
    """A weekly booking from this week through the season (the dates that are
    free and open); returns how many bookings were added."""
    space = Space.objects.select_related("building").get(municipality=municipality, name=spec.space)
    first = today + datetime.timedelta(days=(spec.weekday - today.weekday()) % 7 or 7)
    last = first + datetime.timedelta(weeks=SEASON_WEEKS - 1)
    if BookingSeries.objects.filter(space=space, purpose=spec.purpose, first_date=first).exists():
        return 0
    organisation = (
        Organisation.objects.get(municipality=municipality, name=spec.organisation)
        if spec.organisation
        else None
    )
    person = User.objects.get(email=spec.email)
    series = BookingSeries.objects.create(
        municipality=municipality,
        space=space,
        person=person,
        organisation=organisation,
        purpose=spec.purpose,
        first_date=first,
        last_date=last,
        start_time=datetime.time(spec.start),
        end_time=datetime.time(spec.end),
    )
    opening = OpeningCalendar(space.building, first, last)
    leaf_ids = space.leaf_ids()
    added = 0
    for day in weekly_dates(first, last):
        start = datetime.datetime.combine(day, datetime.time(spec.start), tzinfo=zone())
        end = datetime.datetime.combine(day, datetime.time(spec.end), tzinfo=zone())
        if not opening.allows(space.pk, start, end):
            continue
        if overlaps_confirmed(leaf_ids=leaf_ids, start=start, end=end):
            continue
        price = pricing.price_of(
            space=space, start=start, end=end, organisation=organisation, commercial=False
        )
        booking = Booking.objects.create(
            municipality=municipality,
            space=space,
            person=person,
            organisation=organisation,
            purpose=spec.purpose,
            start=start,
            end=end,
            status=BookingStatus.CONFIRMED,
            price_ore=price.total_ore,
            renter_type=price.renter_type,
            series=series,
        )
        BookingSlot.objects.bulk_create(
            BookingSlot(
                municipality=municipality,
                booking=booking,
                space_id=leaf,
                start=start,
                end=end,
                status=BookingStatus.CONFIRMED,
            )
            for leaf in leaf_ids
        )
        added += 1
    return added


def _manager(municipality: Municipality, email: str, building_name: str) -> None:
    """The demo booking manager also manages the school (its gym needs approval)."""
    building = Building.objects.get(municipality=municipality, name=building_name)
    RoleAssignment.objects.get_or_create(
        user=User.objects.get(email=email),
        role=Role.BOOKING_MANAGER,
        municipality=municipality,
        scope_type=ContentType.objects.get_for_model(Building),
        scope_id=building.pk,
    )


@transaction.atomic
def load() -> int:
    """Spaces, opening hours, tariffs and rules for the demo buildings, this
    week's bookings and a season of weekly bookings; returns how many bookings
    were added. The foundation demo must be loaded first."""
    for slug, buildings in SPACES.items():
        municipality = Municipality.objects.get(slug=slug)
        for building_name, specs in buildings.items():
            building = Building.objects.get(municipality=municipality, name=building_name)
            for spec in specs:
                _space(municipality, building, spec, None)
            if building_name in RULES:
                _rules(municipality, building, RULES[building_name])
    baerum = Municipality.objects.get(slug="baerum")
    _manager(baerum, "utleie@baerum.demo", "Levre skole")
    _manager(baerum, "utleie@baerum.demo", "Rykkinn fritidshus")  # the season round's halls
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    added = sum(_book(baerum, spec, monday) for spec in BOOKINGS)
    added += sum(_series(baerum, spec, today) for spec in SERIES)
    from dugnad.premises import season_demo

    season_demo.load()
    return added
