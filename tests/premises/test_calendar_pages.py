"""The day views and the search for free rooms."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role
from dugnad.premises import queries, services
from dugnad.premises.models import Building, Space
from tests.factories import (
    BuildingFactory,
    DistrictFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SpaceFactory,
    UserFactory,
)
from tests.premises.test_rules import local, next_weekday


@pytest.fixture
def school(baerum: Municipality) -> Building:
    """A school open Tuesdays 16–22 with a gym in two halves and a music room."""
    building = BuildingFactory.create(
        municipality=baerum,
        name="Levre skole",
        district=DistrictFactory.create(municipality=baerum, name="Rykkinn", slug="rykkinn"),
    )
    OpeningHoursFactory.create(municipality=baerum, building=building)
    gym = SpaceFactory.create(
        municipality=baerum,
        building=building,
        name="Gymsalen",
        kind=Space.Kind.GYM,
        capacity=60,
        facilities="Ribbevegg, matter",
    )
    SpaceFactory.create(municipality=baerum, building=building, name="Øst", parent=gym)
    SpaceFactory.create(municipality=baerum, building=building, name="Vest", parent=gym)
    SpaceFactory.create(
        municipality=baerum, building=building, name="Musikkrommet", facilities="Piano"
    )
    return building


def client() -> Client:
    return Client(HTTP_HOST="baerum.localhost")


def test_building_day_shows_rooms_side_by_side_and_hides_private_bookers(
    school: Building, django_assert_num_queries
) -> None:
    tuesday = next_weekday(1)
    east = Space.objects.get(name="Øst")
    services.request_booking(
        actor=UserFactory.create(full_name="Kari Privat"),
        municipality=school.municipality,
        space=east,
        start=local(tuesday, 17),
        end=local(tuesday, 18),
        purpose="Bursdag",
    )
    organisation = OrganisationFactory.create(municipality=school.municipality, name="Levre IL")
    admin = UserFactory.create()
    RoleAssignmentFactory.create(
        user=admin,
        role=Role.ORGANISATION_ADMIN,
        municipality=school.municipality,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    services.request_booking(
        actor=admin,
        municipality=school.municipality,
        space=Space.objects.get(name="Gymsalen"),
        start=local(tuesday, 19),
        end=local(tuesday, 21),
        purpose="Trening",
        organisation=organisation,
    )
    url = reverse("premises:building-day", args=[school.pk]) + f"?dato={tuesday.isoformat()}"
    visitor = client()
    visitor.get(url)
    with django_assert_num_queries(7):
        page = visitor.get(url).content.decode()
    assert page.count('<th scope="col">') == 5  # time + four spaces
    # 17–18: the east half and the whole gym are taken, the west half is free
    assert page.count('data-status="confirmed"') == 2 + 3 * 2  # 19–21: whole + both halves
    assert "Levre IL" in page
    assert "Kari" not in page
    assert "Bursdag" not in page
    assert page.count('data-status="closed"') == 10 * 4  # 07–16 and 22–23 for all four

    room = reverse("premises:space-day", args=[east.pk]) + f"?dato={tuesday.isoformat()}"
    page = visitor.get(room).content.decode()
    assert page.count('data-status="confirmed"') == 3  # 17, 19 and 20


def test_search_finds_free_rooms_by_time_kind_capacity_facility_and_district(
    school: Building, django_assert_num_queries
) -> None:
    other = BuildingFactory.create(municipality=school.municipality, name="Grendehuset")
    SpaceFactory.create(
        municipality=school.municipality, building=other, name="Salen", kind=Space.Kind.GYM
    )
    tuesday = next_weekday(1)
    services.request_booking(
        actor=UserFactory.create(),
        municipality=school.municipality,
        space=Space.objects.get(name="Vest"),
        start=local(tuesday, 18),
        end=local(tuesday, 19),
        purpose="Trening",
    )
    url = reverse("premises:search")
    base = {"dato": tuesday.isoformat(), "fra": "18:00", "til": "20:00"}

    def names(**extra: str) -> set[str]:
        page = client().get(url, {**base, **extra}).content.decode()
        return {
            name
            for name in ("Gymsalen", "Øst", "Vest", "Musikkrommet", "Salen")
            if f">{name}</a>" in page
        }

    assert names() == {"Øst", "Musikkrommet", "Salen"}  # the west half and so the whole is taken
    assert names(type="gym") == {"Salen"}
    assert names(fasilitet="piano") == {"Musikkrommet"}
    assert names(bydel=str(school.district_id)) == {"Øst", "Musikkrommet"}
    assert names(kapasitet="30") == set()  # factory rooms hold 20
    assert names(fra="12:00", til="13:00") == {"Salen"}  # the school is closed then
    wednesday = (tuesday + datetime.timedelta(days=1)).isoformat()
    assert names(dato=wednesday) == {"Salen"}
    visitor = client()
    visitor.get(url, base)
    with django_assert_num_queries(6):
        visitor.get(url, base)


def test_utilisation_by_month_and_room_for_managers(
    school: Building, django_assert_num_queries
) -> None:
    tuesday = next_weekday(1)
    year = tuesday.year
    organisation = OrganisationFactory.create(municipality=school.municipality)
    gym = Space.objects.get(name="Gymsalen")
    Booking = gym.bookings.model
    whole = Booking.objects.create(  # free to an organisation: 2 hours, both halves
        municipality=school.municipality,
        space=gym,
        person=UserFactory.create(),
        organisation=organisation,
        purpose="Trening",
        start=local(tuesday, 18),
        end=local(tuesday, 20),
        status="confirmed",
    )
    for leaf in gym.leaf_ids():
        whole.slots.create(
            municipality=school.municipality,
            space_id=leaf,
            start=whole.start,
            end=whole.end,
            status="confirmed",
        )
    spaces = list(Space.objects.filter(building=school).order_by("name"))
    report = queries.utilisation(school, spaces, year)
    month = report.months[tuesday.month - 1]
    assert month.booked_minutes == 2 * 120  # two halves for two hours
    assert month.free_minutes == 120  # the booking, once
    tuesdays = sum(
        1
        for day in range(1, 32)
        if _valid(year, tuesday.month, day)
        and datetime.date(year, tuesday.month, day).weekday() == 1
    )
    assert month.open_minutes == tuesdays * 6 * 60 * 3  # three leaves open 16–22
    by_name = {space.name: usage for space, usage in report.rooms}
    assert by_name["Gymsalen"].booked_minutes == 240
    assert by_name["Øst"].booked_minutes == 120
    assert by_name["Øst"].free_minutes == 120  # inside the booked whole
    assert by_name["Musikkrommet"].booked_minutes == 0

    manager = UserFactory.create()
    RoleAssignmentFactory.create(
        user=manager,
        role=Role.BOOKING_MANAGER,
        municipality=school.municipality,
        scope_type=ContentType.objects.get_for_model(Building),
        scope_id=school.pk,
    )
    visitor = Client(HTTP_HOST="baerum.localhost")
    visitor.force_login(manager)
    url = reverse("premises:utilisation", args=[school.pk]) + f"?ar={year}"
    visitor.get(url)
    with django_assert_num_queries(11):
        page = visitor.get(url)
    assert page.status_code == 200
    assert b"<svg" in page.content
    csv_page = visitor.get(reverse("premises:utilisation-csv", args=[school.pk]) + f"?ar={year}")
    lines = csv_page.content.decode().splitlines()
    assert lines[0].startswith("building;space;month")
    assert len(lines) == 1 + 4 * 12
    assert client().get(url).status_code in (302, 403)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def test_booking_form_offers_only_organisations_of_this_municipality(
    school: Building, asker: Municipality
) -> None:
    """An administrator of organisations in two municipalities books in Bærum
    on behalf of the Bærum one only."""
    admin = UserFactory.create()
    here = OrganisationFactory.create(municipality=school.municipality, name="Levre IL")
    elsewhere = OrganisationFactory.create(municipality=asker, name="Asker Turn")
    for organisation in (here, elsewhere):
        RoleAssignmentFactory.create(
            user=admin,
            role=Role.ORGANISATION_ADMIN,
            municipality=organisation.municipality,
            scope_type=ContentType.objects.get_for_model(Organisation),
            scope_id=organisation.pk,
        )
    visitor = client()
    visitor.force_login(admin)
    gym = Space.objects.get(name="Gymsalen")
    page = visitor.get(reverse("premises:booking-create", args=[gym.pk])).content.decode()
    assert "Levre IL" in page
    assert "Asker Turn" not in page
