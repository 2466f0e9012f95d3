from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, User
from dugnad.volunteering.models import NeedStatus, SignupStatus
from dugnad.volunteering.overview import OverviewFilter, overview
from tests.factories import (
    DistrictFactory,
    NeedFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    ServiceFactory,
    ShiftFactory,
    ShiftSignupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def data(baerum: Municipality) -> dict[str, object]:
    sandvika = DistrictFactory.create(municipality=baerum, name="Sandvika", slug="sandvika")
    home = ServiceFactory.create(municipality=baerum, name="Lindelia")
    club = OrganisationFactory.create(municipality=baerum, name="Røde Kors")
    need = NeedFactory.create(municipality=baerum, service=home, district=sandvika)
    other = NeedFactory.create(municipality=baerum, service=None, organisation=club)
    NeedFactory.create(municipality=baerum, status=NeedStatus.DRAFT)
    past = ShiftFactory.create(
        municipality=baerum, need=need, starts_at=_at(-3), ends_at=_at(-3, 12), places=3
    )
    future = ShiftFactory.create(
        municipality=baerum, need=other, starts_at=_at(3), ends_at=_at(3, 11), places=2
    )
    a, b = UserFactory.create(), UserFactory.create()
    ShiftSignupFactory.create(municipality=baerum, shift=past, person=a)
    ShiftSignupFactory.create(municipality=baerum, shift=past, person=b)
    ShiftSignupFactory.create(municipality=baerum, shift=future, person=a)
    ShiftSignupFactory.create(
        municipality=baerum, shift=future, person=UserFactory.create(), status=SignupStatus.WAITING
    )
    ShiftFactory.create()  # another municipality
    return {"sandvika": sandvika, "home": home}


def test_overview_figures(baerum: Municipality, data: dict[str, object]) -> None:
    today = timezone.localdate()
    flt = OverviewFilter(
        municipality=baerum,
        start=today - datetime.timedelta(days=14),
        end=today + datetime.timedelta(days=14),
    )
    result = overview(flt, unknown="–")
    assert result.totals == {
        "volunteers": 2,
        "hours": 5.0,
        "places": 5,
        "filled": 3,
        "open": 1,
        "unfilled": 1,
    }
    assert len(result.weeks) in (5, 6)
    assert {(r.label, r.volunteers, r.shifts, r.hours) for r in result.by_owner} == {
        ("Lindelia", 2, 2, 4.0),
        ("Røde Kors", 1, 1, 1.0),
    }
    assert {(r.label, r.hours) for r in result.by_district} == {("Sandvika", 4.0), ("–", 1.0)}
    only = overview(
        OverviewFilter(
            municipality=baerum,
            start=flt.start,
            end=flt.end,
            district=data["sandvika"],  # type: ignore[arg-type]
        ),
        unknown="–",
    )
    assert only.totals["places"] == 3


@pytest.fixture
def officer(baerum: Municipality) -> User:
    user = UserFactory.create()
    RoleAssignmentFactory.create(user=user, municipality=baerum, role=Role.CASE_OFFICER)
    return user


def test_page_and_csv(
    baerum: Municipality, data: dict[str, object], officer: User, django_assert_num_queries
) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(officer)
    client.get(reverse("volunteering:overview"))
    with django_assert_num_queries(9):
        response = client.get(reverse("volunteering:overview"))
    html = response.content.decode()
    assert "Lindelia" in html
    assert "Sandvika" in html
    response = client.get(reverse("volunteering:overview-csv"), {"bydel": data["sandvika"].pk})  # type: ignore[attr-defined]
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Lindelia;2;2;4,0" in text
    assert "Røde Kors" not in text


def test_residents_cannot_see_it(baerum: Municipality) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(UserFactory.create())
    assert client.get(reverse("volunteering:overview")).status_code == 403


def test_confirmed_logged_hours_replace_the_planned_ones(
    baerum: Municipality, data: dict[str, object]
) -> None:
    """A's past shift was planned for two hours; the coordinator confirmed 1.5."""
    from decimal import Decimal

    from dugnad.volunteering.models import ShiftSignup

    logged = ShiftSignup.objects.filter(shift__starts_at__lt=timezone.now()).order_by("pk").first()
    assert logged is not None
    logged.hours = Decimal("1.5")
    logged.hours_confirmed_at = timezone.now()
    logged.save()
    unconfirmed = ShiftSignup.objects.filter(shift=logged.shift).exclude(pk=logged.pk).get()
    unconfirmed.hours = Decimal("9")  # logged by the volunteer, not confirmed: planned counts
    unconfirmed.save()
    today = timezone.localdate()
    result = overview(
        OverviewFilter(
            municipality=baerum,
            start=today - datetime.timedelta(days=14),
            end=today + datetime.timedelta(days=14),
        ),
        unknown="–",
    )
    assert result.totals["hours"] == 4.5  # 1.5 confirmed + 2 planned + 1 planned
    assert {(r.label, r.hours) for r in result.by_owner} == {
        ("Lindelia", 3.5),
        ("Røde Kors", 1.0),
    }
