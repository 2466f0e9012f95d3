"""Booking services: confirmation, approval, cancellation and, above all, no
double booking — also across a whole hall and its parts."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, User
from dugnad.premises import services
from dugnad.premises.models import Booking, BookingSlot, BookingStatus, Building, Space
from tests.factories import (
    BuildingFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SpaceFactory,
    UserFactory,
)


def at(hour: int, days: int = 7) -> datetime.datetime:
    base = datetime.datetime.now(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    return (base + datetime.timedelta(days=days)).replace(hour=hour)


def manager_of(building: Building) -> User:
    user: User = UserFactory.create()
    RoleAssignmentFactory.create(
        user=user,
        role=Role.BOOKING_MANAGER,
        municipality=building.municipality,
        scope_type=ContentType.objects.get_for_model(building),
        scope_id=building.pk,
    )
    return user


def book(space: Space, start: int, end: int, person: User | None = None) -> Booking:
    return services.request_booking(
        actor=person or UserFactory.create(),
        municipality=space.municipality,
        space=space,
        start=at(start),
        end=at(end),
        purpose="Øving",
    )


@pytest.fixture
def hall(baerum: Municipality) -> Space:
    """A sports hall with two halves, the second split in two thirds' worth."""
    building = BuildingFactory.create(municipality=baerum, name="Levre skole")
    whole = SpaceFactory.create(municipality=baerum, building=building, name="Hallen")
    SpaceFactory.create(municipality=baerum, building=building, name="Halvdel A", parent=whole)
    half_b = SpaceFactory.create(
        municipality=baerum, building=building, name="Halvdel B", parent=whole
    )
    SpaceFactory.create(municipality=baerum, building=building, name="B1", parent=half_b)
    SpaceFactory.create(municipality=baerum, building=building, name="B2", parent=half_b)
    return whole


def test_a_free_space_is_confirmed_at_once_and_the_person_told(baerum: Municipality) -> None:
    space = SpaceFactory.create(municipality=baerum)
    booking = book(space, 17, 19)
    assert booking.status == BookingStatus.CONFIRMED
    assert list(booking.slots.values_list("space_id", "status")) == [(space.pk, "confirmed")]


@pytest.mark.django_db(transaction=True)
def test_confirmation_mail_is_sent_after_commit(baerum: Municipality) -> None:
    space = SpaceFactory.create(
        municipality=baerum,
        name="Salen",
        building=BuildingFactory.create(municipality=baerum, name="Grendehus 0"),
    )
    book(space, 17, 19)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Booking bekreftet: Grendehus 0: Salen"  # in their language


def test_overlapping_booking_is_refused_touching_one_is_not(baerum: Municipality) -> None:
    space = SpaceFactory.create(municipality=baerum)
    book(space, 17, 19)
    with pytest.raises(services.BookingConflict, match="already booked"):
        book(space, 18, 20)
    assert book(space, 19, 20).status == BookingStatus.CONFIRMED  # [17, 19) and [19, 20)
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2


def test_whole_hall_blocks_its_parts_and_parts_block_the_whole(hall: Space) -> None:
    assert [Space.objects.get(pk=pk).name for pk in hall.leaf_ids()] == [
        "Halvdel A",
        "B1",
        "B2",
    ]
    third = Space.objects.get(name="B1")
    half_a = Space.objects.get(name="Halvdel A")
    half_b = Space.objects.get(name="Halvdel B")
    book(third, 17, 18)
    with pytest.raises(services.BookingConflict):
        book(hall, 17, 19)
    with pytest.raises(services.BookingConflict):
        book(half_b, 16, 18)
    assert book(half_a, 17, 18).status == BookingStatus.CONFIRMED  # the other half is free
    whole = book(hall, 20, 22)
    assert whole.slots.count() == 3
    with pytest.raises(services.BookingConflict):
        book(Space.objects.get(name="B2"), 21, 23)


def test_requests_wait_for_approval_and_approval_runs_through_the_same_check(
    baerum: Municipality,
) -> None:
    space = SpaceFactory.create(municipality=baerum, needs_approval=True)
    manager = manager_of(space.building)
    first = book(space, 17, 19)
    second = book(space, 18, 20)
    assert {first.status, second.status} == {BookingStatus.REQUESTED}
    services.approve_booking(actor=manager, booking=first)
    with pytest.raises(services.BookingConflict):
        services.approve_booking(actor=manager, booking=second)
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED
    services.reject_booking(actor=manager, booking=second, reason="Salen er opptatt.")
    second.refresh_from_db()
    assert second.status == BookingStatus.REJECTED
    assert set(second.slots.values_list("status", flat=True)) == {"rejected"}


def test_only_the_buildings_manager_decides_and_a_reason_is_required(
    baerum: Municipality,
) -> None:
    space = SpaceFactory.create(municipality=baerum, needs_approval=True)
    other_manager = manager_of(BuildingFactory.create(municipality=baerum))
    booking = book(space, 17, 19)
    with pytest.raises(services.BookingError, match="permission"):
        services.approve_booking(actor=other_manager, booking=booking)
    with pytest.raises(services.BookingError, match="permission"):
        services.approve_booking(actor=booking.person, booking=booking)
    with pytest.raises(services.BookingError, match="reason"):
        services.reject_booking(actor=manager_of(space.building), booking=booking, reason=" ")


def test_cancelling_frees_the_time(baerum: Municipality) -> None:
    space = SpaceFactory.create(municipality=baerum)
    booking = book(space, 17, 19)
    with pytest.raises(services.BookingError, match="permission"):
        services.cancel_booking(actor=UserFactory.create(), booking=booking)
    services.cancel_booking(actor=booking.person, booking=booking)
    assert book(space, 17, 19).status == BookingStatus.CONFIRMED


def test_bad_input_is_refused_with_a_reason(baerum: Municipality, asker: Municipality) -> None:
    space = SpaceFactory.create(municipality=baerum)
    person = UserFactory.create()
    cases: list[tuple[dict[str, object], str]] = [
        ({"start": at(19), "end": at(17)}, "end after"),
        ({"start": at(10, days=-1), "end": at(11, days=-1)}, "passed"),
        ({"municipality": asker}, "cannot be booked"),
        ({"organisation": OrganisationFactory.create(municipality=baerum)}, "administer"),
        ({"purpose": "  "}, "for"),
    ]
    for overrides, message in cases:
        arguments: dict[str, object] = {
            "actor": person,
            "municipality": baerum,
            "space": space,
            "start": at(17),
            "end": at(19),
            "purpose": "Møte",
            **overrides,
        }
        with pytest.raises(services.BookingError, match=message):
            services.request_booking(**arguments)  # type: ignore[arg-type]


def test_booking_on_behalf_of_an_organisation_the_person_administers(
    baerum: Municipality,
) -> None:
    organisation: Organisation = OrganisationFactory.create(municipality=baerum)
    person = UserFactory.create()
    RoleAssignmentFactory.create(
        user=person,
        role=Role.ORGANISATION_ADMIN,
        municipality=baerum,
        scope_type=ContentType.objects.get_for_model(organisation),
        scope_id=organisation.pk,
    )
    booking = services.request_booking(
        actor=person,
        municipality=baerum,
        space=SpaceFactory.create(municipality=baerum),
        start=at(17),
        end=at(19),
        purpose="Korpsøving",
        organisation=organisation,
    )
    assert booking.organisation == organisation


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraint exists only on PostgreSQL (set DATABASE_URL to run this)",
)
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overlapping_confirmed_slots_directly(
    baerum: Municipality,
) -> None:
    """Even code that skips the service's check cannot double-book."""
    from django.db import IntegrityError

    space = SpaceFactory.create(municipality=baerum)
    first = book(space, 17, 19)
    with pytest.raises(IntegrityError, match=services.NO_OVERLAP_CONSTRAINT):
        BookingSlot.objects.create(
            municipality=baerum,
            booking=Booking.objects.create(
                municipality=baerum,
                space=space,
                person=first.person,
                purpose="Snik",
                start=at(18),
                end=at(20),
                status=BookingStatus.CONFIRMED,
            ),
            space=space,
            start=at(18),
            end=at(20),
            status=BookingStatus.CONFIRMED,
        )


REQUESTS = 60


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers, so there is no race to test; "
    "run with DATABASE_URL=postgres://… to test the exclusion constraint under load",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_conflicting_requests_give_exactly_one_booking(hall: Space) -> None:
    """60 threads at once book overlapping times of the whole hall, its half B
    and the third B1 (every pair shares the leaf B1)."""
    people = [UserFactory.create() for _ in range(REQUESTS)]
    spaces = [hall, Space.objects.get(name="Halvdel B"), Space.objects.get(name="B1")]
    barrier = threading.Barrier(REQUESTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        space = spaces[index % len(spaces)]
        try:
            barrier.wait(timeout=30)
            translation.activate("en")  # each thread starts with the default language
            services.request_booking(
                actor=people[index],
                municipality=hall.municipality,
                space=space,
                start=at(17) + datetime.timedelta(minutes=index % 30),
                end=at(19),
                purpose=f"Trening {index}",
            )
            result = "booked"
        except services.BookingConflict as exc:
            result = "refused" if "already booked" in str(exc) else f"odd: {exc}"
        except Exception as exc:  # noqa: BLE001 (any other failure fails the test below)
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(set(outcomes)) == ["booked", "refused"], outcomes
    assert outcomes.count("booked") == 1
    assert outcomes.count("refused") == REQUESTS - 1
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1


def _release_when_someone_waits_for_a_lock(release: threading.Event) -> None:
    """Set ``release`` once a session of this database waits for a lock (or
    after 20 s, so the test ends either way)."""
    try:
        for _ in range(400):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                (waiting,) = cursor.fetchone()
            if waiting:
                break
            time.sleep(0.05)
    finally:
        release.set()
        connections.close_all()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to wait for")
@pytest.mark.django_db(transaction=True)
def test_a_booker_waiting_for_the_lock_sees_what_was_booked_meanwhile(hall: Space) -> None:
    """The check under the lock is a statement of its own, so it sees a
    booking committed while this booker waited for the lock and refuses
    before trying an insert (the exclusion constraint is the last guard, not
    the way a contested time is refused)."""
    first, second = UserFactory.create_batch(2)
    holding = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def book_and_hold() -> None:
        try:
            with transaction.atomic():
                services.request_booking(
                    actor=first,
                    municipality=hall.municipality,
                    space=hall,
                    start=at(17),
                    end=at(19),
                    purpose="Først",
                )
                holding.set()
                release.wait(timeout=30)  # commits when the other booker is queued
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
            holding.set()
        finally:
            connections.close_all()

    holder = threading.Thread(target=book_and_hold)
    holder.start()
    assert holding.wait(timeout=30)
    threading.Thread(target=_release_when_someone_waits_for_a_lock, args=(release,)).start()
    with CaptureQueriesContext(connection) as captured, pytest.raises(services.BookingConflict):
        services.request_booking(
            actor=second,
            municipality=hall.municipality,
            space=Space.objects.get(name="B1"),
            start=at(18),
            end=at(20),
            purpose="Etter",
        )
    holder.join(timeout=30)
    assert not errors
    statements = [query["sql"] for query in captured.captured_queries]
    assert any("FOR NO KEY UPDATE" in sql for sql in statements)  # it queued
    assert not any(sql.lstrip().upper().startswith("INSERT") for sql in statements), statements
    assert Booking.objects.get().person == first
