"""Subscribed calendars: secret addresses for a person and an organisation."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role
from dugnad.premises.models import Booking, BookingStatus, CalendarFeed
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.premises.test_views import logged_in


def uids(response_content: bytes) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(response_content).walk("VEVENT")}


@pytest.mark.django_db
def test_personal_and_organisation_feeds_show_only_their_bookings(baerum: Municipality) -> None:
    person = UserFactory.create()
    organisation: Organisation = OrganisationFactory.create(
        municipality=baerum, name="Bekkestua IL"
    )
    RoleAssignmentFactory.create(
        user=person,
        role=Role.ORGANISATION_ADMIN,
        municipality=baerum,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    mine = BookingFactory.create(municipality=baerum, person=person)
    club = BookingFactory.create(municipality=baerum, organisation=organisation)
    BookingFactory.create(municipality=baerum)  # someone else's
    BookingFactory.create(municipality=baerum, person=person, status=BookingStatus.CANCELLED)

    client = logged_in(person)
    page = client.get(reverse("premises:feeds")).content.decode()
    own = CalendarFeed.objects.get(person=person)
    shared = CalendarFeed.objects.get(organisation=organisation)
    assert own.token in page
    assert shared.token in page

    anonymous = Client(HTTP_HOST="baerum.localhost")
    response = anonymous.get(reverse("premises:feed", args=[own.token]))
    assert response["Content-Type"].startswith("text/calendar")
    assert uids(response.content) == {f"premises-booking-{mine.pk}@dugnad"}
    response = anonymous.get(reverse("premises:feed", args=[shared.token]))
    assert uids(response.content) == {f"premises-booking-{club.pk}@dugnad"}
    assert b"Bekkestua IL" in response.content  # the calendar's name

    old = own.token
    client.post(reverse("premises:feeds"), {"reset": ""})
    own.refresh_from_db()
    assert own.token != old
    assert anonymous.get(reverse("premises:feed", args=[old])).status_code == 404
    assert Booking.objects.count() == 4


@pytest.mark.django_db
def test_only_administrators_reset_an_organisations_feed(baerum: Municipality) -> None:
    organisation = OrganisationFactory.create(municipality=baerum)
    client = logged_in(UserFactory.create())
    client.post(reverse("premises:feeds"), {"reset": str(organisation.pk)})
    assert not CalendarFeed.objects.filter(organisation=organisation).exists()
