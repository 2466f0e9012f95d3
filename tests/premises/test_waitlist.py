"""Waiting lists: join a taken time, get it offered in order when the booking
is cancelled, confirm by the signed link, or lose it to the next in line."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.premises import services, waitlist
from dugnad.premises.models import Booking, BookingStatus, Space, WaitlistEntry
from tests.factories import BuildingFactory, OrganisationFactory, SpaceFactory, UserFactory

Status = WaitlistEntry.Status


def at(hour: int, days: int = 7) -> datetime.datetime:
    base = timezone.now().replace(minute=0, second=0, microsecond=0)
    return (base + datetime.timedelta(days=days)).replace(hour=hour)


@pytest.fixture
def hall(baerum: Municipality) -> Space:
    building = BuildingFactory.create(municipality=baerum)
    whole = SpaceFactory.create(municipality=baerum, building=building, name="Hele hallen")
    SpaceFactory.create(municipality=baerum, building=building, parent=whole, name="Halvdel A")
    SpaceFactory.create(municipality=baerum, building=building, parent=whole, name="Halvdel B")
    return whole


def book(space: Space, start: int, end: int) -> Booking:
    return services.request_booking(
        actor=UserFactory.create(),
        municipality=space.municipality,
        space=space,
        start=at(start),
        end=at(end),
        purpose="Kamp",
    )


def join(space: Space, start: int, end: int) -> WaitlistEntry:
    return waitlist.join(
        actor=UserFactory.create(),
        municipality=space.municipality,
        space=space,
        start=at(start),
        end=at(end),
        purpose="Trening",
    )


def test_only_a_taken_time_has_a_waiting_list(hall: Space) -> None:
    with pytest.raises(waitlist.WaitlistError, match="free"):
        join(hall, 17, 19)
    book(hall, 17, 19)
    half = hall.parts.get(name="Halvdel A")
    assert join(half, 18, 19).status == Status.WAITING  # the whole hall takes the half


def test_cancellation_offers_in_order_and_the_link_books(
    hall: Space, client: Client, django_capture_on_commit_callbacks: object
) -> None:
    booking = book(hall, 17, 19)
    half = hall.parts.get(name="Halvdel A")
    first = join(half, 17, 18)
    second = join(hall, 17, 19)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.cancel_booking(actor=booking.person, booking=booking)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.OFFERED
    assert second.status == Status.WAITING  # the time is offered to one at a time
    offer = next(m for m in mail.outbox if m.to == [first.person.email])
    link = re.search(r"https?://\S+/venteliste/tilbud/\S+/", str(offer.body))
    assert link
    path = link.group(0).split("localhost", 1)[-1]
    client.force_login(second.person)
    response = client.post(path, HTTP_HOST="baerum.localhost")
    assert response.status_code == 200
    assert "noen andre" in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.OFFERED  # someone else's link does nothing
    client.force_login(first.person)
    response = client.post(path, HTTP_HOST="baerum.localhost")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.BOOKED
    assert first.booking is not None
    assert first.booking.status == BookingStatus.CONFIRMED


def test_expiry_moves_the_offer_to_the_next_in_line(
    hall: Space, django_capture_on_commit_callbacks: object
) -> None:
    booking = book(hall, 17, 19)
    first = join(hall, 17, 19)
    second = join(hall, 18, 19)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.cancel_booking(actor=booking.person, booking=booking)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    assert waitlist.expire_offers() == 0
    WaitlistEntry.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        call_command("expire_waitlist_offers", stdout=io.StringIO())
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert second.status == Status.OFFERED
    assert [m.to for m in mail.outbox] == [[second.person.email]]
    with pytest.raises(waitlist.WaitlistError, match="no longer valid"):
        waitlist.accept(actor=first.person, entry=first)


def test_a_forged_token_shows_no_offer(baerum: Municipality, client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get("/lokaler/venteliste/tilbud/forged/", HTTP_HOST="baerum.localhost")
    assert response.status_code == 200
    assert "gjelder ikke lenger" in response.content.decode()
    assert waitlist.entry_for_token("forged") is None


def test_an_open_offer_holds_the_time_for_the_person_it_was_offered_to(
    hall: Space, django_capture_on_commit_callbacks: object
) -> None:
    booking = book(hall, 17, 19)
    half = hall.parts.get(name="Halvdel A")
    first = join(half, 17, 18)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.cancel_booking(actor=booking.person, booking=booking)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    # Someone else cannot take the offered half, nor the whole hall over it...
    for space in (half, hall):
        with pytest.raises(services.BookingError, match="waiting list"):
            book(space, 17, 18)
    # ...but the other half, and other times, stay free.
    book(hall.parts.get(name="Halvdel B"), 17, 18)
    book(half, 18, 19)
    # The person it was offered to takes it.
    assert waitlist.accept(actor=first.person, entry=first).status == BookingStatus.CONFIRMED


def test_an_open_offer_holds_the_time_against_weekly_bookings_too(
    hall: Space, django_capture_on_commit_callbacks: object
) -> None:
    booking = book(hall, 17, 19)
    first = join(hall, 17, 19)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.cancel_booking(actor=booking.person, booking=booking)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    with pytest.raises(services.BookingError, match="waiting list"):
        services.request_series(
            actor=UserFactory.create(),
            municipality=hall.municipality,
            space=hall,
            dates=[timezone.localtime(at(17)).date()],
            start_time=timezone.localtime(at(17)).time(),
            end_time=timezone.localtime(at(18)).time(),
            purpose="Fast trening",
        )


def test_taken_and_held_are_read_in_one_query(
    hall: Space, django_capture_on_commit_callbacks: object
) -> None:
    """The check under the lock reads both branches of its one statement."""
    booking = book(hall, 17, 19)
    half = hall.parts.get(name="Halvdel A")
    first = join(half, 17, 18)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.cancel_booking(actor=booking.person, booking=booking)
    first.refresh_from_db()
    other = hall.parts.get(name="Halvdel B")
    book(other, 17, 18)  # the other half taken; the offered half held
    parents = {s.pk: s.parent_id for s in Space.objects.filter(building=hall.building)}
    leaves = sorted(hall.leaf_ids())
    someone = UserFactory.create()

    def check(leaf_ids: list[int]) -> tuple[bool, datetime.datetime | None]:
        return services._taken_or_held(
            building_id=hall.building_id,
            parents=parents,
            leaf_ids=leaf_ids,
            start=at(17),
            end=at(18),
            exclude_person=someone,
        )

    assert check(leaves) == (True, None)  # the whole hall: one half is booked
    taken, held = check([half.pk])
    assert not taken
    assert held == first.offer_expires_at
    assert check([half.pk])[1] is not None
    assert services._taken_or_held(
        building_id=hall.building_id,
        parents=parents,
        leaf_ids=[half.pk],
        start=at(17),
        end=at(18),
        exclude_person=first.person,
    ) == (False, None)  # the offer is theirs


def test_joining_asks_what_a_booking_asks(hall: Space, asker: Municipality) -> None:
    book(hall, 17, 19)
    person = UserFactory.create()
    ask = {"actor": person, "space": hall, "start": at(17), "end": at(18)}
    with pytest.raises(waitlist.WaitlistError, match="Say what the booking is for"):
        waitlist.join(municipality=hall.municipality, purpose="  ", **ask)  # type: ignore[arg-type]
    with pytest.raises(waitlist.WaitlistError, match="cannot be booked"):
        waitlist.join(municipality=asker, purpose="Trening", **ask)  # type: ignore[arg-type]
    other = OrganisationFactory.create(municipality=hall.municipality)
    with pytest.raises(waitlist.WaitlistError, match="organisation you administer"):
        waitlist.join(
            municipality=hall.municipality,
            purpose="Trening",
            organisation=other,
            **ask,  # type: ignore[arg-type]
        )
    assert not WaitlistEntry.objects.exists()
