"""A person's bookings are in their data export; deleting the account frees
their upcoming bookings."""

from __future__ import annotations

from dugnad.municipalities.models import Municipality
from dugnad.people.services import delete_account, export_personal_data
from dugnad.premises.models import BookingStatus, CalendarFeed
from tests.factories import CalendarFeedFactory, SpaceFactory, UserFactory
from tests.premises.test_services import book


def test_export_and_deletion(baerum: Municipality) -> None:
    space = SpaceFactory.create(municipality=baerum)
    person = UserFactory.create()
    booking = book(space, 17, 19, person)
    exported = export_personal_data(user=person)["bookings"]
    assert [(b["purpose"], b["status"]) for b in exported] == [("Øving", "confirmed")]

    feed = CalendarFeedFactory.create(municipality=baerum, person=person)
    delete_account(user=person)
    assert not CalendarFeed.objects.filter(pk=feed.pk).exists()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert book(space, 17, 19).status == BookingStatus.CONFIRMED


def test_season_applications_and_waiting_lists(baerum: Municipality) -> None:
    from dugnad.premises.models import WaitlistEntry
    from tests.factories import SeasonWishFactory, WaitlistEntryFactory

    person = UserFactory.create()
    wish = SeasonWishFactory.create(municipality=baerum, application__person=person)
    WaitlistEntryFactory.create(municipality=baerum, person=person)
    exported = export_personal_data(user=person)
    assert exported["season_applications"][0]["wishes"][0]["start"] == "18:00"
    assert exported["season_applications"][0]["organisation"] == (
        wish.application.organisation.name
    )
    assert exported["waiting_lists"][0]["purpose"] == "Korøving"

    delete_account(user=person)
    assert not WaitlistEntry.objects.exists()
    wish.application.refresh_from_db()  # the organisation's case stays


def test_deletion_offers_the_freed_time_to_the_waiting_list(
    baerum: Municipality, django_capture_on_commit_callbacks: object
) -> None:
    from dugnad.premises import waitlist
    from dugnad.premises.models import WaitlistEntry
    from tests.premises.test_services import at

    space = SpaceFactory.create(municipality=baerum)
    person = UserFactory.create()
    booking = book(space, 17, 19, person)
    sequence = booking.sequence
    waiting = UserFactory.create()
    entry = waitlist.join(
        actor=waiting,
        municipality=baerum,
        space=space,
        start=at(17),
        end=at(19),
        purpose="Korøving",
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        delete_account(user=person)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.sequence == sequence + 1  # calendar clients see the cancellation
    assert set(booking.slots.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.OFFERED
