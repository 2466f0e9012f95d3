"""The booking pages as residents and booking managers use them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.people.models import User
from dugnad.premises import services
from dugnad.premises.models import Booking, BookingStatus, Space
from tests.factories import SpaceFactory, UserFactory
from tests.premises.test_services import manager_of


def next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def oslo(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def logged_in(person: User) -> Client:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(person)
    return client


@pytest.fixture
def room(baerum: Municipality) -> Space:
    return SpaceFactory.create(municipality=baerum, name="Peisestua")


def booked(room: Space, person: User | None = None, hour: int = 18) -> Booking:
    return services.request_booking(
        actor=person or UserFactory.create(full_name="Kari Nordmann"),
        municipality=room.municipality,
        space=room,
        start=oslo(next_monday(), hour),
        end=oslo(next_monday(), hour + 2),
        purpose="Hemmelig styremøte",
    )


def test_week_view_shows_taken_hours_but_not_who_booked(room: Space, baerum_client: Client) -> None:
    booked(room)
    week = next_monday().isocalendar()
    url = reverse("premises:space-week", args=[room.pk]) + f"?uke={week[0]}-W{week[1]:02d}"
    page = baerum_client.get(url).content.decode()
    assert page.count('data-status="confirmed"') == 2  # 18:00 and 19:00 on Monday
    assert "Hemmelig" not in page
    assert "Kari" not in page
    assert '<th scope="row">18:00</th>' in page
    assert f"?uke={week[0]}-W{week[1] + 1:02d}" in page or "?uke=" in page

    manager_page = logged_in(manager_of(room.building)).get(url).content.decode()
    assert "Hemmelig styremøte (Kari Nordmann)" in manager_page


def test_week_view_falls_back_to_this_week_on_a_bad_week(
    room: Space, baerum_client: Client
) -> None:
    page = baerum_client.get(reverse("premises:space-week", args=[room.pk]) + "?uke=tull")
    assert page.status_code == 200


def test_another_municipalitys_space_is_not_found(
    asker: Municipality, baerum_client: Client
) -> None:
    other = SpaceFactory.create(municipality=asker)
    assert baerum_client.get(reverse("premises:space-week", args=[other.pk])).status_code == 404


def test_booking_through_the_form_and_a_clear_refusal_for_a_taken_time(room: Space) -> None:
    booked(room)
    client = logged_in(UserFactory.create())
    url = reverse("premises:booking-create", args=[room.pk])
    data = {
        "date": next_monday().isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "purpose": "Kormøte",
    }
    refused = client.get(url), client.post(url, data)
    assert refused[0].status_code == 200
    assert refused[1].status_code == 409  # Conflict
    assert "allerede booket" in refused[1].content.decode()
    data["start_time"] = "20:00"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Booking.objects.filter(purpose="Kormøte", status=BookingStatus.CONFIRMED).exists()
    bad = client.post(url, {**data, "end_time": "19:00"})
    assert "aria-invalid" in bad.content.decode()


def test_my_bookings_lists_and_cancels(room: Space) -> None:
    person = UserFactory.create()
    for hour in (8, 10, 12):
        booking = booked(room, person, hour)
    client = logged_in(person)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("premises:my-bookings"))
    assert page.content.decode().count("Hemmelig styremøte") == 3
    assert len(queries) <= 12  # session, user, municipality, roles, one for the list
    client.post(reverse("premises:booking-cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_manager_approves_and_rejects_with_a_reason(room: Space) -> None:
    room.needs_approval = True
    room.save()
    first, second = booked(room, hour=8), booked(room, hour=12)
    client = logged_in(manager_of(room.building))
    listing = client.get(reverse("premises:requests")).content.decode()
    assert listing.count("Hemmelig styremøte") == 2
    decide = reverse("premises:booking-decide", args=[second.pk])
    no_reason = client.post(decide, {"action": "reject", "reason": ""})
    assert no_reason.status_code == 200
    assert "aria-invalid" in no_reason.content.decode()
    client.post(decide, {"action": "reject", "reason": "Stengt for vask."})
    client.post(reverse("premises:booking-decide", args=[first.pk]), {"action": "approve"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.CONFIRMED, BookingStatus.REJECTED)
    assert second.rejection_reason == "Stengt for vask."
