"""Recommendations with reasons, in a bounded number of queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import User
from dugnad.volunteering import profiles
from dugnad.volunteering.recommendations import need_languages, recommend
from tests.factories import DistrictFactory, EngagementFactory, NeedFactory, ShiftFactory
from tests.volunteering.test_views import client_for

pytestmark = pytest.mark.django_db


def next_tuesday_evening() -> datetime.datetime:
    today = timezone.localdate()
    days = (1 - today.weekday()) % 7 or 7
    day = today + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(18), tzinfo=timezone.get_current_timezone())


def test_reasons_and_order(
    baerum: Municipality, nursing_home: Service, volunteer: User, django_assert_num_queries: Any
) -> None:
    bekkestua = DistrictFactory.create(municipality=baerum, name="Bekkestua", slug="bekkestua")
    sandvika = DistrictFactory.create(municipality=baerum, name="Sandvika", slug="sandvika")
    near = NeedFactory.create(
        municipality=baerum,
        service=nursing_home,
        district=bekkestua,
        languages="norsk, gjerne arabisk",
        suits=["seniors"],
        interests=["visiting"],
    )
    start = next_tuesday_evening()
    ShiftFactory.create(
        municipality=baerum, need=near, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    far = NeedFactory.create(
        municipality=baerum, service=nursing_home, district=sandvika, suits=["seniors"]
    )
    NeedFactory.create(municipality=baerum, service=nursing_home, district=sandvika)  # no match
    answered = NeedFactory.create(municipality=baerum, service=nursing_home, district=bekkestua)
    EngagementFactory.create(municipality=baerum, need=answered, person=volunteer)
    profiles.save_profile(
        person=volunteer,
        fields={
            "languages": ["ar", "no"],
            "suits": ["seniors"],
            "interests": ["visiting"],
            "availability": ["1-evening"],
        },
        districts=[bekkestua],
        consents=[],
    )
    with django_assert_num_queries(5):
        items = recommend(person=volunteer, municipality=baerum)
    assert [i.need for i in items] == [near, far]
    assert items[0].reasons == [
        "Near you, in Bekkestua",
        "Uses your Arabic",
        "Meant for people like you: Seniors (Gylden fremtid)",
        "Matches what you like to do: Visiting and company",
        "Tuesday evenings suit you",
    ]


def test_language_words() -> None:
    assert need_languages("Norsk, gjerne også arabisk eller polsk") == {"no", "ar", "pl"}


def test_page_in_norwegian_and_without_profile(
    baerum: Municipality, nursing_home: Service, volunteer: User
) -> None:
    client = client_for(volunteer)
    url = reverse("volunteering:recommended")
    assert "Fill in your volunteer profile" in client.get(url).content.decode()
    bekkestua = DistrictFactory.create(municipality=baerum, name="Bekkestua", slug="bekkestua")
    NeedFactory.create(
        municipality=baerum, service=nursing_home, district=bekkestua, title="Turvenn"
    )
    profiles.save_profile(person=volunteer, fields={}, districts=[bekkestua], consents=[])
    body = client.get(url).content.decode()
    assert "Turvenn" in body
