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


@pytest.mark.django_db
def test_removing_an_administrator_gives_the_organisation_a_new_feed_address(
    baerum: Municipality,
) -> None:
    from dugnad.directory import services as directory_services
    from dugnad.people import services as people_services
    from dugnad.people.models import RoleAssignment
    from dugnad.premises import services

    organisation: Organisation = OrganisationFactory.create(municipality=baerum)
    admins = UserFactory.create_batch(3)
    for admin in admins:
        RoleAssignmentFactory.create(
            user=admin,
            role=Role.ORGANISATION_ADMIN,
            municipality=baerum,
            scope_type=ContentType.objects.get_for_model(Organisation),
            scope_id=organisation.pk,
        )
    member = UserFactory.create()
    RoleAssignmentFactory.create(
        user=member,
        role=Role.ORGANISATION_MEMBER,
        municipality=baerum,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    other = OrganisationFactory.create(municipality=baerum)
    RoleAssignmentFactory.create(
        user=admins[1],
        role=Role.ORGANISATION_ADMIN,
        municipality=baerum,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=other.pk,
    )
    feed = services.calendar_feed(actor=admins[0], municipality=baerum, organisation=organisation)
    other_feed = services.calendar_feed(actor=admins[1], municipality=baerum, organisation=other)
    anonymous = Client(HTTP_HOST="baerum.localhost")

    def token() -> str:
        feed.refresh_from_db()
        return feed.token

    first = token()
    # removing a plain member changes nothing
    directory_services.remove_member(
        actor=admins[0],
        organisation=organisation,
        assignment=RoleAssignment.objects.on(organisation).get(user=member),
    )
    assert token() == first
    # the organisation removes an administrator: the old address stops working
    directory_services.remove_member(
        actor=admins[0],
        organisation=organisation,
        assignment=RoleAssignment.objects.on(organisation).get(user=admins[1]),
    )
    second = token()
    assert second != first
    assert anonymous.get(reverse("premises:feed", args=[first])).status_code == 404
    assert anonymous.get(reverse("premises:feed", args=[second])).status_code == 200
    # the removed administrator's other organisation keeps its address
    assert CalendarFeed.objects.get(pk=other_feed.pk).token == other_feed.token
    # staff revoke a role, or an administrator deletes the account: a new address too
    platform_admin = UserFactory.create(is_superuser=True, is_staff=True)
    people_services.revoke_role(
        actor=platform_admin,
        assignment=RoleAssignment.objects.on(organisation).get(user=admins[2]),
    )
    third = token()
    assert third not in (first, second)
    people_services.delete_account(user=admins[0])
    assert token() not in (first, second, third)
