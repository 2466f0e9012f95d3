"""Demo volunteer needs in Bærum (idempotent): from Lindelia bo- og
behandlingssenter, the volunteer centre in Sandvika, Skattkammeret and Bærum
Røde Kors, with shifts in the coming week. The foundation and directory demos
must be loaded first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import District, Municipality, Service
from dugnad.people.models import User
from dugnad.volunteering.models import (
    Engagement,
    EngagementStatus,
    Need,
    NeedStatus,
    Shift,
    ShiftSignup,
    Suits,
)


@dataclass(frozen=True)
class NeedSpec:
    owner: str  # a service's or an organisation's name
    title: str
    description: str
    why: str
    district: str | None
    shifts: list[tuple[int, int, int, int]]  # (weekday 0=Monday, start hour, end hour, places)
    suits: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


LINDELIA = "Lindelia bo- og behandlingssenter"
SANDVIKA_CENTRE = "Bærum Frivilligsentral, Sandvika"
SKATTKAMMERET = "Skattkammeret utlånssentral"
RED_CROSS = "Bærum Røde Kors"

NEEDS = [
    NeedSpec(
        owner=LINDELIA,
        title="Besøksvenn på Lindelia",
        description=(
            "Ta en kaffe, les avisen eller gå en tur med en beboer som sjelden får besøk. "
            "Vi finner en beboer som passer for deg."
        ),
        why="Mange beboere har få pårørende i nærheten. Et fast besøk gir en god uke.",
        district="Bekkestua",
        shifts=[(1, 17, 19, 2), (3, 17, 19, 2)],
        suits=[Suits.SENIORS, Suits.STUDENTS],
        fields={"contact_name": "Aisha Ahmed", "contact_email": "koordinator@baerum.demo"},
    ),
    NeedSpec(
        owner=LINDELIA,
        title="Søndagstur med beboere",
        description=(
            "Bli med beboere og ansatte på tur rundt Lindelia, med rullestol der det trengs."
        ),
        why="Frisk luft og selskap er god medisin.",
        district="Bekkestua",
        shifts=[(6, 12, 14, 4)],
        suits=[Suits.FAMILIES, Suits.YOUTH],
        fields={"auto_accept": True, "minimum_age": 13, "contact_email": "koordinator@baerum.demo"},
    ),
    NeedSpec(
        owner=RED_CROSS,
        title="Besøksvenn for eldre hjemme",
        description="Besøkstjenesten: besøk en eldre som bor hjemme, en time i uka.",
        why="Ensomhet er en av de største helseutfordringene blant eldre.",
        district="Sandvika",
        shifts=[(2, 11, 12, 3)],
        suits=[Suits.SENIORS, Suits.NEWCOMERS],
        fields={"minimum_age": 18, "languages": "norsk, gjerne også arabisk eller polsk"},
    ),
    NeedSpec(
        owner=RED_CROSS,
        title="Leksehjelp for barn på Sandvika bibliotek",
        description="Hjelp elever på 1.–7. trinn med lekser, lesing og matte.",
        why="Alle barn skal ha noen å spørre når leksene er vanskelige.",
        district="Sandvika",
        shifts=[(1, 16, 18, 3), (3, 16, 18, 3)],
        suits=[Suits.STUDENTS, Suits.SENIORS],
        fields={"requires_politiattest": True, "minimum_age": 16},
    ),
    NeedSpec(
        owner=SANDVIKA_CENTRE,
        title="Sjåfør for eldre – sammen med Lions og Rotary",
        description=(
            "Kjør eldre til aktiviteter, legetimer og kafé. Lions og Rotary i Bærum stiller "
            "biler; vi trenger flere sjåfører."
        ),
        why="Uten skyss blir mange eldre sittende hjemme.",
        district="Sandvika",
        shifts=[(0, 10, 13, 2), (4, 10, 13, 2)],
        suits=[Suits.SENIORS],
        fields={"requires_driving_licence": True, "minimum_age": 21},
    ),
    NeedSpec(
        owner=SANDVIKA_CENTRE,
        title="Handletur med eldre – sammen med Civitan",
        description=(
            "Bli med eldre på handletur til Bekkestua senter. Civitan Bærum stiller bil; "
            "du kjører, bærer varer og tar en kaffe etterpå."
        ),
        why="Å handle selv betyr mye for å klare seg hjemme lenger.",
        district="Bekkestua",
        shifts=[(3, 10, 12, 2)],
        suits=[Suits.SENIORS],
        fields={"requires_driving_licence": True, "minimum_age": 21},
    ),
    NeedSpec(
        owner=SANDVIKA_CENTRE,
        title="Mentor for nyankomne",
        description=(
            "Møt en nyankommen flyktning eller innvandrer annenhver uke i et halvt år og del "
            "erfaringen din fra arbeidslivet."
        ),
        why="Et nettverk er ofte veien til første jobb.",
        district="Sandvika",
        shifts=[],
        suits=[Suits.SENIORS, Suits.STUDENTS],
        fields={"minimum_age": 20},
    ),
    NeedSpec(
        owner=SANDVIKA_CENTRE,
        title="Telefonvenn",
        description="Ring en eldre som bor alene, en fast dag i uka.",
        why="En samtale kan gjøre hele dagen bedre.",
        district=None,
        shifts=[],
        suits=[Suits.SENIORS, Suits.FAMILIES],
        fields={"is_remote": True, "auto_accept": True},
    ),
    NeedSpec(
        owner=SKATTKAMMERET,
        title="Vertskap i Skattkammeret",
        description="Ta imot folk som låner sportsutstyr, og hjelp til med å sjekke inn utstyr.",
        why="Utlånssentralen gjør det mulig for alle å prøve ski, sykler og telt gratis.",
        district="Rykkinn",
        shifts=[(2, 15, 18, 2), (5, 11, 14, 2)],
        suits=[Suits.YOUTH, Suits.NEWCOMERS],
        fields={"minimum_age": 15},
    ),
]


# Kinds of work (Interest codes) of the needs above, by title.
NEED_INTERESTS = {
    "Besøksvenn på Lindelia": ["visiting"],
    "Søndagstur med beboere": ["walks"],
    "Besøksvenn for eldre hjemme": ["visiting"],
    "Leksehjelp for barn på Sandvika bibliotek": ["homework"],
    "Sjåfør for eldre – sammen med Lions og Rotary": ["driving"],
    "Handletur med eldre – sammen med Civitan": ["driving", "practical"],
    "Mentor for nyankomne": ["mentoring", "language"],
    "Telefonvenn": ["visiting"],
    "Vertskap i Skattkammeret": ["practical", "culture"],
}


@dataclass(frozen=True)
class VolunteerSpec:
    email: str
    name: str
    districts: list[str]
    profile: dict[str, Any]
    consents: list[str] = field(default_factory=list)
    phone: str = ""


VOLUNTEERS = [
    VolunteerSpec(
        email="pensjonist@baerum.demo",
        name="Ingrid Berg",
        districts=["Bekkestua"],
        profile={
            "interests": ["visiting", "walks"],
            "languages": ["no", "en"],
            "availability": ["1-evening", "3-evening", "6-afternoon"],
            "suits": ["seniors"],
            "skills": "Pensjonert sykepleier. Glad i turer og å lese høyt.",
        },
        consents=["new_needs", "sms"],
        phone="912 34 567",
    ),
    VolunteerSpec(
        email="omar@baerum.demo",
        name="Omar Khalil",
        districts=["Sandvika"],
        profile={
            "interests": ["visiting", "language", "mentoring"],
            "languages": ["no", "ar", "en"],
            "availability": ["2-morning", "2-afternoon", "4-evening"],
            "suits": ["newcomers"],
            "skills": "Ingeniør. Snakker arabisk.",
        },
        consents=["new_needs", "volunteer_centre"],
    ),
    VolunteerSpec(
        email="hodan@baerum.demo",
        name="Hodan Ali",
        districts=["Rykkinn", "Sandvika"],
        profile={
            "interests": ["homework", "activities"],
            "languages": ["no", "so", "en"],
            "availability": ["1-afternoon", "3-afternoon"],
            "suits": ["students", "newcomers"],
            "skills": "Studerer til lærer.",
        },
        consents=["new_needs"],
    ),
    VolunteerSpec(
        email="tomasz@baerum.demo",
        name="Tomasz Nowak",
        districts=["Sandvika", "Bekkestua"],
        profile={
            "interests": ["driving", "practical"],
            "languages": ["no", "pl"],
            "availability": ["0-morning", "3-morning", "4-morning"],
            "suits": ["seniors"],
            "skills": "Førerkort klasse B, pensjonert sjåfør.",
        },
        consents=["call_outs", "sms"],
        phone="98765432",
    ),
    VolunteerSpec(
        email="emma@baerum.demo",
        name="Emma Johansen",
        districts=["Bekkestua"],
        profile={
            "interests": ["walks", "activities"],
            "languages": ["no", "en"],
            "availability": ["6-afternoon"],
            "suits": ["students", "youth"],
        },
    ),
]

# Past shifts with hours the coordinator confirmed: (e-mail, need title, hours).
HOURS = [
    ("omar@baerum.demo", "Besøksvenn for eldre hjemme", "1.5"),
    ("emma@baerum.demo", "Søndagstur med beboere", "2"),
    ("tomasz@baerum.demo", "Sjåfør for eldre – sammen med Lions og Rotary", "3"),
]


def next_week(weekday: int, hour: int) -> datetime.datetime:
    """``hour`` o'clock on ``weekday`` of next week, in Oslo time."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    day = monday + datetime.timedelta(days=weekday)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


@transaction.atomic
def load() -> int:
    """Load (or refresh) the needs; returns how many there are."""
    baerum = Municipality.objects.get(slug="baerum")
    services = {s.name: s for s in Service.objects.filter(municipality=baerum)}
    organisations = {
        o.name: o for o in Organisation.objects.filter(municipality=baerum, name=RED_CROSS)
    }
    districts = {d.name: d for d in District.objects.filter(municipality=baerum)}
    for spec in NEEDS:
        owner: Service | Organisation | None = services.get(spec.owner) or organisations.get(
            spec.owner
        )
        if owner is None:
            continue
        lookup: dict[str, Any] = {"municipality": baerum, "title": spec.title}
        lookup["service" if isinstance(owner, Service) else "organisation"] = owner
        defaults = {
            "description": spec.description,
            "why": spec.why,
            "district": districts.get(spec.district) if spec.district else None,
            "suits": [str(s) for s in spec.suits],
            "status": NeedStatus.PUBLISHED,
            **spec.fields,
        }
        defaults.setdefault("interests", NEED_INTERESTS.get(spec.title, []))
        need, _ = Need.objects.update_or_create(**lookup, defaults=defaults)
        if not need.shifts.filter(starts_at__gt=timezone.now()).exists():
            for weekday, start, end, places in spec.shifts:
                Shift.objects.create(
                    municipality=baerum,
                    need=need,
                    starts_at=next_week(weekday, start),
                    ends_at=next_week(weekday, end),
                    places=places,
                )
    resident = User.objects.filter(email="innbygger@baerum.demo").first()
    visiting = Need.objects.filter(municipality=baerum, title=NEEDS[0].title).first()
    if resident is not None and visiting is not None:
        Engagement.objects.get_or_create(
            need=visiting,
            person=resident,
            defaults={"municipality": baerum, "status": EngagementStatus.INTERESTED},
        )
    _volunteers(baerum, districts)
    from dugnad.volunteering import programme_demo

    programme_demo.load(baerum)
    return Need.objects.filter(municipality=baerum).count()


def _volunteers(baerum: Municipality, districts: dict[str, District]) -> None:
    """Volunteers with profiles, and confirmed hours on a shift last week."""
    from dugnad.municipalities.demo.foundation import _person
    from dugnad.volunteering import profiles

    people = {}
    for spec in VOLUNTEERS:
        person = _person(spec.email, spec.name, baerum, phone=spec.phone)
        people[spec.email] = person
        if profiles.profile_of(person) is None:
            profiles.save_profile(
                person=person,
                fields=spec.profile,
                districts=[districts[d] for d in spec.districts if d in districts],
                consents=spec.consents,
            )
    coordinators = {
        LINDELIA: User.objects.filter(email="koordinator@baerum.demo").first(),
        SANDVIKA_CENTRE: User.objects.filter(email="frivilligsentral@baerum.demo").first(),
    }
    for email, title, hours in HOURS:
        need = Need.objects.filter(municipality=baerum, title=title).first()
        if need is None:
            continue
        person = people[email]
        Engagement.objects.update_or_create(
            need=need,
            person=person,
            defaults={"municipality": baerum, "status": EngagementStatus.ACCEPTED},
        )
        if ShiftSignup.objects.filter(shift__need=need, person=person).exclude(hours=None).exists():
            continue
        start = next_week(2, 11) - datetime.timedelta(days=14)
        shift = Shift.objects.create(
            municipality=baerum,
            need=need,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            places=2,
        )
        ShiftSignup.objects.create(
            municipality=baerum,
            shift=shift,
            person=person,
            checked_in_at=start,
            hours=Decimal(hours),
            hours_confirmed_at=start + datetime.timedelta(hours=3),
            hours_confirmed_by=coordinators.get(need.owner.name),
        )
