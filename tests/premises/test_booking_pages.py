"""Pages for prices, weekly bookings, closed hours and the invoice basis."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dugnad.municipalities.models import Municipality
from dugnad.premises.models import Booking, BookingSeries, BookingStatus, RenterType, Space
from tests.factories import (
    BuildingFactory,
    OpeningHoursFactory,
    SpaceFactory,
    TariffFactory,
    UserFactory,
)
from tests.premises.test_rules import local, next_weekday
from tests.premises.test_services import manager_of
from tests.premises.test_views import logged_in


@pytest.fixture
def hall(baerum: Municipality) -> Space:
    """Open Tuesdays 16–22; private renters pay 300 kroner an hour."""
    building = BuildingFactory.create(municipality=baerum, name="Rykkinn fritidshus")
    OpeningHoursFactory.create(municipality=baerum, building=building)
    TariffFactory.create(municipality=baerum, building=building, price_per_hour_ore=30000)
    return SpaceFactory.create(municipality=baerum, building=building, name="Idrettshallen")


def test_price_is_shown_before_the_booking_is_sent(hall: Space) -> None:
    client = logged_in(UserFactory.create())
    tuesday = next_weekday(1)
    url = reverse("premises:booking-create", args=[hall.pk])
    form = {
        "date": tuesday.isoformat(),
        "start_time": "18:00",
        "end_time": "19:30",
        "purpose": "Bursdag",
    }
    page = client.post(url, {**form, "action": "preview"})
    assert page.status_code == 200
    assert "450,00" in page.content.decode()
    assert not Booking.objects.exists()
    closed = client.post(url, {**form, "start_time": "12:00", "action": "preview"})
    assert 'data-color="warning"' in closed.content.decode()  # closed then
    assert client.post(url, {**form, "action": "send"}).status_code == 302
    assert Booking.objects.get().price_ore == 45000


def test_weekly_booking_previews_collisions_then_books_the_rest(
    hall: Space, django_capture_on_commit_callbacks
) -> None:
    first = next_weekday(1)
    other = UserFactory.create()
    taken = first + datetime.timedelta(weeks=1)
    Booking.objects.all().delete()
    client_other = logged_in(other)
    client_other.post(
        reverse("premises:booking-create", args=[hall.pk]),
        {
            "date": taken.isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "purpose": "Turnering",
            "action": "send",
        },
    )
    client = logged_in(UserFactory.create())
    url = reverse("premises:series-create", args=[hall.pk])
    form = {
        "first_date": first.isoformat(),
        "last_date": (first + datetime.timedelta(weeks=3)).isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "purpose": "Innebandy",
    }
    page = client.post(url, {**form, "action": "preview"}).content.decode()
    assert page.count('name="dates"') == 4
    assert page.count(" disabled") == 1
    assert 'data-problem="true"' in page
    assert "1\u00a0800,00" in page  # three dates × 600 kroner
    assert not BookingSeries.objects.exists()
    chosen = [
        (first + datetime.timedelta(weeks=week)).isoformat() for week in range(4) if week != 1
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**form, "action": "send", "dates": chosen})
    assert response.status_code == 302
    series = BookingSeries.objects.get()
    assert series.bookings.filter(status=BookingStatus.CONFIRMED).count() == 3
    assert mail.outbox[0].attachments[0][0] == "booking.ics"

    mine = client.get(reverse("premises:my-bookings")).content.decode()
    assert reverse("premises:series-cancel", args=[series.pk]) in mine
    client.post(reverse("premises:series-cancel", args=[series.pk]))
    assert not series.bookings.active().exists()


def test_a_refused_date_refuses_the_whole_series(hall: Space) -> None:
    first = next_weekday(1)
    client = logged_in(UserFactory.create())
    response = client.post(
        reverse("premises:series-create", args=[hall.pk]),
        {
            "first_date": first.isoformat(),
            "last_date": (first + datetime.timedelta(weeks=1)).isoformat(),
            "start_time": "19:00",
            "end_time": "21:00",
            "purpose": "Innebandy",
            "action": "send",
            "dates": [first.isoformat(), (first + datetime.timedelta(days=1)).isoformat()],
        },
    )
    assert response.status_code == 200  # Wednesday is closed: nothing is booked
    assert not Booking.objects.exists()
    assert not BookingSeries.objects.exists()


def test_week_view_shows_closed_hours_in_a_constant_number_of_queries(
    hall: Space, django_assert_num_queries
) -> None:
    monday = next_weekday(0)
    week = monday.isocalendar()
    url = reverse("premises:space-week", args=[hall.pk]) + f"?uke={week[0]}-W{week[1]:02d}"
    client = Client(HTTP_HOST="baerum.localhost")
    client.get(url)  # warm the caches of the municipality, the site and the building
    # (the space tree comes from the building's configuration in memory)
    with django_assert_num_queries(6) as captured:
        page = client.get(url).content.decode()
    assert page.count('data-status="closed"') == 16 * 7 - 6  # open Tuesday 16–22
    person = UserFactory.create()
    for week_number in range(3):
        day = monday + datetime.timedelta(days=1, weeks=week_number)
        Booking.objects.create(
            municipality=hall.municipality,
            space=hall,
            person=person,
            purpose="x",
            start=local(day, 18),
            end=local(day, 19),
        )
    with django_assert_num_queries(len(captured.captured_queries)):
        client.get(url)


def test_invoice_basis_lists_confirmed_paid_bookings_of_the_managers_buildings(
    hall: Space, baerum: Municipality
) -> None:
    tuesday = next_weekday(1)
    person = UserFactory.create(full_name="=HYPERLINK(1)")
    paid = Booking.objects.create(
        municipality=baerum,
        space=hall,
        person=person,
        purpose="Bursdag",
        start=local(tuesday, 18),
        end=local(tuesday, 20),
        price_ore=60000,
        renter_type=RenterType.PRIVATE,
        status=BookingStatus.CONFIRMED,
    )
    Booking.objects.create(  # free: not invoiced
        municipality=baerum,
        space=hall,
        person=person,
        purpose="Gratis",
        start=local(tuesday, 20),
        end=local(tuesday, 21),
        status=BookingStatus.CONFIRMED,
    )
    elsewhere = SpaceFactory.create(municipality=baerum)
    Booking.objects.create(  # another building: not this manager's
        municipality=baerum,
        space=elsewhere,
        person=person,
        purpose="Annet",
        start=local(tuesday, 18),
        end=local(tuesday, 20),
        price_ore=100,
        status=BookingStatus.CONFIRMED,
    )
    client = logged_in(manager_of(hall.building))
    url = reverse("premises:invoice-basis")
    assert client.get(url).status_code == 200  # the form
    response = client.get(url, {"fra": tuesday.isoformat(), "til": tuesday.isoformat()})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][0] == "booking_id"
    assert [row[0] for row in rows[1:]] == [str(paid.pk)]
    assert rows[1][7] == "'=HYPERLINK(1)"  # not a formula
    assert rows[1][11:] == ["2.00", "300.00", "600.00"]
    resident = logged_in(UserFactory.create())
    assert resident.get(url).status_code == 403


def test_admin_edits_hours_closures_and_tariffs_of_a_building(hall: Space) -> None:
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    url = reverse("admin:premises_building_change", args=[hall.building_id])
    page = client.get(url)
    assert page.status_code == 200
    assert b"opening_hours-0-weekday" in page.content
