"""Demo rooms, halls and bookings for the demo buildings (``manage.py load_demo``).

Idempotent: spaces are matched by building and name, bookings by space,
purpose and start. Bookings are placed in the current week, so running the
command again in a later week adds that week's bookings next to the old ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import User
from dugnad.premises.models import Booking, BookingSlot, BookingStatus, Building, Space
from dugnad.premises.services import overlaps_confirmed

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


@transaction.atomic
def load() -> int:
    """Spaces for the demo buildings and this week's bookings; returns how
    many bookings were added. The foundation demo must be loaded first."""
    for slug, buildings in SPACES.items():
        municipality = Municipality.objects.get(slug=slug)
        for building_name, specs in buildings.items():
            building = Building.objects.get(municipality=municipality, name=building_name)
            for spec in specs:
                _space(municipality, building, spec, None)
    baerum = Municipality.objects.get(slug="baerum")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    added = sum(_book(baerum, spec, monday) for spec in BOOKINGS)
    from dugnad.premises import season_demo

    season_demo.load()
    return added
