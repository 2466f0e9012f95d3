"""Demo data of the foundation: Bærum and Asker, their districts, volunteer
centres and meeting places, and one demo person per role.

Names and places come from the municipal documents in ``shared/seeds``.
Loading is idempotent: records are found by their natural keys and updated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext

from dugnad.directory.models import Organisation
from dugnad.directory.services import update_search_document
from dugnad.municipalities.models import (
    District,
    Municipality,
    MunicipalityHost,
    Service,
    norwegian_slug,
)
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.premises.models import Building

DEMO_PASSWORD = "dugnad-demo"  # documented in README; demo installations only


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    municipality: str


def organisation_number_with_check_digit(first_eight: str) -> str | None:
    """Complete eight digits to a valid (MOD11) organisation number, if one exists."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(first_eight, weights, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return None if check == 10 else f"{first_eight}{check}"


def demo_organisation_number(seed: int) -> str:
    """A valid organisation number in the demo range (never a real register lookup)."""
    base = 990_000_000 // 10 + seed * 7
    while True:
        number = organisation_number_with_check_digit(str(base)[:8])
        if number:
            return number
        base += 1


MUNICIPALITIES: list[dict[str, Any]] = [
    {
        "slug": "baerum",
        "name": "Bærum kommune",
        "number": "3201",
        "former_numbers": ["3024", "0219"],
        "county": "Akershus",
        "brand_colour": "#00497c",
        "host": "baerum.localhost",
        "contact_email": "frivillighet@baerum.demo",
        "districts": [
            "Sandvika",
            "Bekkestua",
            "Fornebu",
            "Rykkinn",
            "Østerås",
            "Skytterdalen",
            "Emma Hjort",
            "Dønski",
            "Stabekk",
            "Lysaker",
            "Høvik",
            "Kolsås",
            "Bærums Verk",
            "Lommedalen",
            "Eiksmarka",
            "Jar",
        ],
        "services": [
            ("Bærum Frivilligsentral, Sandvika", Service.Kind.VOLUNTEER_CENTRE, "Sandvika"),
            ("Rykkinn frivilligsentral", Service.Kind.VOLUNTEER_CENTRE, "Rykkinn"),
            ("Fornebu frivilligsentral", Service.Kind.VOLUNTEER_CENTRE, "Fornebu"),
            ("Lindelia bo- og behandlingssenter", Service.Kind.NURSING_HOME, None),
            ("Skattkammeret utlånssentral", Service.Kind.CULTURE, "Rykkinn"),
        ],
        "buildings": [
            ("Fornebu senter", Building.Kind.MEETING_PLACE, "Fornebu"),
            ("Oksenøya senter", Building.Kind.MEETING_PLACE, "Fornebu"),
            ("Flytårnet senter", Building.Kind.MEETING_PLACE, "Fornebu"),
            ("Presterud gård", Building.Kind.MEETING_PLACE, None),
            ("Byrom i Sandvika", Building.Kind.MEETING_PLACE, "Sandvika"),
            ("Teaterhuset på Emma Hjort", Building.Kind.CULTURE_HOUSE, "Emma Hjort"),
            ("Rykkinn fritidshus", Building.Kind.MEETING_PLACE, "Rykkinn"),
            ("Bærum Kulturhus", Building.Kind.CULTURE_HOUSE, "Sandvika"),
            ("Levre skole", Building.Kind.SCHOOL, None),
        ],
        "organisations": [
            ("Bærum Røde Kors", "Sandvika", "Besøkstjeneste, leksehjelp og beredskap."),
            ("Rykkinn skolekorps", "Rykkinn", "Korps for barn og unge på Rykkinn."),
            ("Fornebu Vel", "Fornebu", "Velforening som driver nærmiljøarbeid på Fornebu."),
        ],
    },
    {
        "slug": "asker",
        "name": "Asker kommune",
        "number": "3203",
        "former_numbers": ["3025", "0220"],
        "county": "Akershus",
        "brand_colour": "#6b1d3c",
        "host": "asker.localhost",
        "contact_email": "frivillighet@asker.demo",
        "districts": [
            "Asker sentrum",
            "Heggedal",
            "Vollen",
            "Holmen",
            "Borgen",
            "Nærsnes",
            "Slemmestad",
            "Røyken",
            "Sætre",
            "Tofte",
            "Hvalstad",
            "Vettre",
        ],
        "services": [
            ("Asker frivilligsentral", Service.Kind.VOLUNTEER_CENTRE, "Asker sentrum"),
            ("Heggedal frivilligsentral", Service.Kind.VOLUNTEER_CENTRE, "Heggedal"),
        ],
        "buildings": [
            ("Asker kulturhus", Building.Kind.CULTURE_HOUSE, "Asker sentrum"),
            ("Heggedal nærmiljøsenter", Building.Kind.MEETING_PLACE, "Heggedal"),
        ],
        "organisations": [
            ("Asker Røde Kors", "Asker sentrum", "Besøkstjeneste og førstehjelp."),
            ("Heggedal idrettslag", "Heggedal", "Fotball, ski og allidrett for barn og voksne."),
        ],
    },
]


def _upsert_municipality(spec: dict[str, Any]) -> Municipality:
    municipality, _ = Municipality.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            key: spec[key] for key in ("name", "number", "former_numbers", "county", "brand_colour")
        }
        | {"contact_email": spec["contact_email"]},
    )
    MunicipalityHost.objects.update_or_create(
        hostname=spec["host"], defaults={"municipality": municipality, "is_primary": True}
    )
    return municipality


def _districts(municipality: Municipality, names: list[str]) -> dict[str, District]:
    result = {}
    for name in names:
        district, _ = District.objects.update_or_create(
            municipality=municipality, slug=norwegian_slug(name), defaults={"name": name}
        )
        result[name] = district
    return result


def _person(email: str, full_name: str, municipality: Municipality, **extra: object) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, home_municipality=municipality, **extra
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _grant(user: User, role: str, municipality: Municipality, scope: models.Model | None) -> None:
    scope_type = ContentType.objects.get_for_model(scope) if scope is not None else None
    RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        municipality=municipality,
        scope_type=scope_type,
        scope_id=scope.pk if scope is not None else None,
    )


@transaction.atomic
def load() -> list[DemoLogin]:
    """Load (or refresh) the foundation demo; returns the demo log-ins."""
    logins: list[DemoLogin] = []
    loaded: dict[str, dict[str, Any]] = {}
    for index, spec in enumerate(MUNICIPALITIES):
        municipality = _upsert_municipality(spec)
        districts = _districts(municipality, spec["districts"])
        services = {}
        for name, kind, district in spec["services"]:
            services[name], _ = Service.objects.update_or_create(
                municipality=municipality,
                name=name,
                defaults={"kind": kind, "district": districts.get(district)},
            )
        buildings = {}
        for name, kind, district in spec["buildings"]:
            buildings[name], _ = Building.objects.update_or_create(
                municipality=municipality,
                name=name,
                defaults={"kind": kind, "district": districts.get(district)},
            )
        organisations = {}
        for number, (name, district, description) in enumerate(spec["organisations"]):
            organisations[name], _ = Organisation.objects.update_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "district": districts.get(district),
                    "description": description,
                    "organisation_number": demo_organisation_number(index * 100 + number),
                },
            )
            update_search_document(organisation=organisations[name])
        loaded[str(spec["slug"])] = {
            "municipality": municipality,
            "services": services,
            "buildings": buildings,
            "organisations": organisations,
        }

    baerum = loaded["baerum"]
    asker = loaded["asker"]
    b_muni: Municipality = baerum["municipality"]
    a_muni: Municipality = asker["municipality"]
    b_orgs: dict[str, Organisation] = baerum["organisations"]
    b_services: dict[str, Service] = baerum["services"]
    b_buildings: dict[str, Building] = baerum["buildings"]

    people = [
        ("innbygger@baerum.demo", "Kari Nordmann", b_muni, None, None, "resident"),
        (
            "medlem@baerum.demo",
            "Ola Hansen",
            b_muni,
            Role.ORGANISATION_MEMBER,
            b_orgs["Rykkinn skolekorps"],
            None,
        ),
        (
            "lagleder@baerum.demo",
            "Ingrid Berg",
            b_muni,
            Role.ORGANISATION_ADMIN,
            b_orgs["Rykkinn skolekorps"],
            None,
        ),
        ("saksbehandler@baerum.demo", "Kristin Nilsen", b_muni, Role.CASE_OFFICER, None, None),
        (
            "utleie@baerum.demo",
            "Per Johansen",
            b_muni,
            Role.BOOKING_MANAGER,
            b_buildings["Fornebu senter"],
            None,
        ),
        (
            "koordinator@baerum.demo",
            "Aisha Ahmed",
            b_muni,
            Role.VOLUNTEER_COORDINATOR,
            b_services["Lindelia bo- og behandlingssenter"],
            None,
        ),
        (
            "frivilligsentral@baerum.demo",
            "Nils Olsen",
            b_muni,
            Role.VOLUNTEER_COORDINATOR,
            b_services["Bærum Frivilligsentral, Sandvika"],
            None,
        ),
        (
            "medvirkning@baerum.demo",
            "Sofie Larsen",
            b_muni,
            Role.PARTICIPATION_COORDINATOR,
            None,
            None,
        ),
        ("politiker@baerum.demo", "Lise Haugen", b_muni, Role.POLITICIAN, None, None),
        ("kommuneadmin@baerum.demo", "Erik Dahl", b_muni, Role.MUNICIPAL_ADMIN, None, None),
        ("innbygger@asker.demo", "Jonas Bakke", a_muni, None, None, "resident"),
        ("saksbehandler@asker.demo", "Marte Lie", a_muni, Role.CASE_OFFICER, None, None),
    ]
    for email, name, municipality, role, scope, _label in people:
        user = _person(email, name, municipality)
        if role is not None:
            _grant(user, role, municipality, scope)
        role_name = str(Role(role).label) if role else gettext("Resident")
        logins.append(DemoLogin(email, role_name, municipality.name))

    admin = _person(
        "admin@dugnad.demo", "Plattformadministrator", b_muni, is_staff=True, is_superuser=True
    )
    logins.append(DemoLogin(admin.email, gettext("Platform administrator"), "–"))
    return logins
