"""Bookings of premises. Each change checks permission and runs in one transaction.

No double booking: a booking occupies its leaf spaces as :class:`BookingSlot`
rows. On PostgreSQL the exclusion constraint ``premises_slot_no_overlap``
refuses a second confirmed slot on the same leaf at an overlapping time, so
two concurrent requests cannot both succeed; the overlap query here only
gives the refusal early. On SQLite every write transaction takes the write
lock at ``BEGIN`` (``transaction_mode: IMMEDIATE``), so the check and the
insert below run with no other writer in between.

Writers of one building also queue on the building's row (``SELECT … FOR
UPDATE``): two transactions inserting conflicting slots at the same moment
would otherwise each wait for the other inside the exclusion check, and
PostgreSQL would end one with a deadlock instead of a clear refusal. The lock
orders the writers; the constraint is what guarantees the invariant.
"""

from __future__ import annotations

from datetime import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from dugnad.directory.models import Organisation
from dugnad.directory.permissions import administers
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.page_cache import bump_content_version
from dugnad.people import audit, rules
from dugnad.people.models import User
from dugnad.premises.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingSlot,
    BookingStatus,
    Building,
    Space,
)
from dugnad.premises.permissions import can_cancel_booking, can_manage_bookings

NO_OVERLAP_CONSTRAINT = "premises_slot_no_overlap"


class BookingError(Exception):
    """A domain error with a message for the person who caused it."""


class BookingConflict(BookingError):
    """The time is already booked (the database refused the overlap)."""

    def __init__(self) -> None:
        super().__init__(_("This time is already booked. Choose another time or space."))


def _check(allowed: bool) -> None:
    if not allowed:
        raise BookingError(_("You do not have permission to do this."))


def overlaps_confirmed(*, leaf_ids: list[int], start: datetime, end: datetime) -> bool:
    """Does a confirmed booking occupy any of the leaves during ``[start, end)``?"""
    return BookingSlot.objects.filter(
        space_id__in=leaf_ids,
        status=BookingStatus.CONFIRMED,
        start__lt=end,
        end__gt=start,
    ).exists()


def _queue_on_building(building_id: int) -> None:
    """Wait for other writers of the building's bookings (no-op on SQLite,
    where the write transaction already excludes every other writer)."""
    list(Building.objects.select_for_update().filter(pk=building_id).values_list("pk"))


def _set_status(booking: Booking, status: str) -> None:
    """Change the booking's status and its slots' (the constraint checks the slots)."""
    if status == BookingStatus.CONFIRMED:
        _queue_on_building(booking.space.building_id)
    if status == BookingStatus.CONFIRMED and overlaps_confirmed(
        leaf_ids=list(booking.slots.values_list("space_id", flat=True)),
        start=booking.start,
        end=booking.end,
    ):
        raise BookingConflict
    try:
        with transaction.atomic():
            Booking.objects.filter(pk=booking.pk).update(status=status)
            BookingSlot.objects.filter(booking=booking).update(status=status)
    except IntegrityError as exc:
        if NO_OVERLAP_CONSTRAINT in str(exc):
            raise BookingConflict from exc
        raise
    booking.status = status
    municipality_id = booking.municipality_id
    transaction.on_commit(lambda: bump_content_version(municipality_id))


@transaction.atomic
def request_booking(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    start: datetime,
    end: datetime,
    purpose: str,
    organisation: Organisation | None = None,
) -> Booking:
    """Book ``space`` for ``[start, end)``: confirmed at once unless the space
    needs approval, then requested. Refused if the time is already booked."""
    _check(rules.is_authenticated(actor))
    if space.municipality_id != municipality.pk or not space.bookable:
        raise BookingError(_("This space cannot be booked."))
    if organisation is not None and not administers(actor, organisation):
        raise BookingError(_("You can only book on behalf of an organisation you administer."))
    if end <= start:
        raise BookingError(_("The booking must end after it starts."))
    if start < timezone.now():
        raise BookingError(_("You cannot book a time that has passed."))
    purpose = purpose.strip()
    if not purpose:
        raise BookingError(_("Say what the booking is for."))
    _queue_on_building(space.building_id)
    leaf_ids = space.leaf_ids()
    if overlaps_confirmed(leaf_ids=leaf_ids, start=start, end=end):
        raise BookingConflict
    status = BookingStatus.REQUESTED if space.needs_approval else BookingStatus.CONFIRMED
    booking = Booking(
        municipality=municipality,
        space=space,
        person=actor,
        organisation=organisation,
        purpose=purpose,
        start=start,
        end=end,
        status=status,
    )
    try:
        with transaction.atomic():
            booking.save()
            BookingSlot.objects.bulk_create(
                BookingSlot(
                    municipality=municipality,
                    booking=booking,
                    space_id=leaf_id,
                    start=start,
                    end=end,
                    status=status,
                )
                for leaf_id in leaf_ids
            )
    except IntegrityError as exc:
        if NO_OVERLAP_CONSTRAINT in str(exc):
            raise BookingConflict from exc
        raise
    _notify(booking)
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update()
        .select_related("space__building", "person")
        .get(pk=booking.pk)
    )


@transaction.atomic
def approve_booking(*, actor: User, booking: Booking) -> Booking:
    """Confirm a requested booking (refused if the time has been booked since)."""
    booking = _locked(booking)
    _check(can_manage_bookings(actor, booking.municipality, booking))
    if booking.status != BookingStatus.REQUESTED:
        raise BookingError(_("Only a requested booking can be approved."))
    _set_status(booking, BookingStatus.CONFIRMED)
    audit.record(
        actor=actor,
        action="premises.booking_approved",
        municipality=booking.municipality,
        subject=booking.person,
        target=booking,
    )
    _notify(booking)
    return booking


@transaction.atomic
def reject_booking(*, actor: User, booking: Booking, reason: str) -> Booking:
    """Turn down a requested booking, telling the person why."""
    booking = _locked(booking)
    _check(can_manage_bookings(actor, booking.municipality, booking))
    if booking.status != BookingStatus.REQUESTED:
        raise BookingError(_("Only a requested booking can be rejected."))
    reason = reason.strip()
    if not reason:
        raise BookingError(_("Give a reason for the rejection."))
    Booking.objects.filter(pk=booking.pk).update(rejection_reason=reason)
    booking.rejection_reason = reason
    _set_status(booking, BookingStatus.REJECTED)
    audit.record(
        actor=actor,
        action="premises.booking_rejected",
        municipality=booking.municipality,
        subject=booking.person,
        target=booking,
        details={"reason": reason},
    )
    _notify(booking)
    return booking


@transaction.atomic
def cancel_booking(*, actor: User, booking: Booking) -> Booking:
    """Cancel a booking that has not ended, by the person who booked or the manager."""
    booking = _locked(booking)
    _check(can_cancel_booking(actor, booking.municipality, booking))
    if booking.status not in ACTIVE_STATUSES:
        raise BookingError(_("This booking is no longer active."))
    if booking.end <= timezone.now():
        raise BookingError(_("This booking has already ended."))
    was_confirmed = booking.status == BookingStatus.CONFIRMED
    _set_status(booking, BookingStatus.CANCELLED)
    if was_confirmed:  # offer the freed time to the waiting list
        from dugnad.premises import waitlist

        booking_id = booking.pk
        transaction.on_commit(lambda: waitlist.on_booking_cancelled(booking_id))
    if booking.person_id != actor.pk:
        audit.record(
            actor=actor,
            action="premises.booking_cancelled",
            municipality=booking.municipality,
            subject=booking.person,
            target=booking,
        )
    _notify(booking)
    return booking


def _when(booking: Booking) -> str:
    start = timezone.localtime(booking.start)
    end = timezone.localtime(booking.end)
    return f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


def _notify(booking: Booking) -> None:
    """Tell the person who booked what happened, once the change is committed."""
    person = booking.person
    with override(person.preferred_language):
        values = {"space": str(booking.space), "when": _when(booking)}
        if booking.status == BookingStatus.CONFIRMED:
            subject = _("Booking confirmed: %(space)s") % values
            body = _("Your booking of %(space)s, %(when)s, is confirmed.") % values
        elif booking.status == BookingStatus.REQUESTED:
            subject = _("Booking request received: %(space)s") % values
            body = (
                _(
                    "We have received your request to book %(space)s, %(when)s. "
                    "The booking manager will answer it."
                )
                % values
            )
        elif booking.status == BookingStatus.REJECTED:
            subject = _("Booking not approved: %(space)s") % values
            body = _(
                "Your request to book %(space)s, %(when)s, was not approved. Reason: %(reason)s"
            ) % {**values, "reason": booking.rejection_reason}
        else:
            subject = _("Booking cancelled: %(space)s") % values
            body = _("The booking of %(space)s, %(when)s, has been cancelled.") % values
    email = person.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
