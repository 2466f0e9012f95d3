"""Waiting lists for taken times, and offers when a booking is cancelled.

A person joins the list of a space and time span that is taken. When a
confirmed booking overlapping that span is cancelled (see
``services.cancel_booking``, which calls :func:`on_booking_cancelled` after
commit), the first entry in order of joining whose span is now free is offered
the time by e-mail: a signed link to confirm within :data:`OFFER_HOURS`. An
offer not confirmed in time expires (``manage.py expire_waitlist_offers`` or
the Celery task in :mod:`dugnad.premises.tasks`, e.g. every 10 minutes) and
the time goes to the next in line. Accepting books through the ordinary
booking service, so the database still refuses any double booking.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from dugnad.after_commit import send_after_commit
from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import User
from dugnad.premises import services
from dugnad.premises.building_config import config_of
from dugnad.premises.models import Booking, Space, WaitlistEntry
from dugnad.premises.opening import leaves_under
from dugnad.premises.season import site_url
from dugnad.premises.tasks import send_plain_email

OFFER_HOURS = 24
SALT = "dugnad.premises.waitlist-offer"
Status = WaitlistEntry.Status


class WaitlistError(Exception):
    """A domain error with a message for the person who caused it."""


@transaction.atomic
def join(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str,
    organisation: Organisation | None = None,
) -> WaitlistEntry:
    """Wait for ``space`` during ``[start, end)``, which is taken now."""
    try:  # who may ask for the space, as for a booking
        purpose = services.check_request(
            actor=actor,
            municipality=municipality,
            space=space,
            purpose=purpose,
            organisation=organisation,
        )
    except services.BookingError as exc:
        raise WaitlistError(str(exc)) from exc
    if end <= start:
        raise WaitlistError(_("The booking must end after it starts."))
    if start < timezone.now():
        raise WaitlistError(_("You cannot book a time that has passed."))
    if not services.overlaps_confirmed(leaf_ids=space.leaf_ids(), start=start, end=end):
        raise WaitlistError(_("This time is free: book it instead of waiting."))
    return WaitlistEntry.objects.create(
        municipality=municipality,
        space=space,
        person=actor,
        organisation=organisation,
        purpose=purpose,
        start=start,
        end=end,
    )


@transaction.atomic
def withdraw(*, actor: User, entry: WaitlistEntry) -> None:
    entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.person_id != actor.pk:
        raise WaitlistError(_("You do not have permission to do this."))
    if entry.status not in (Status.WAITING, Status.OFFERED):
        raise WaitlistError(_("You are no longer on this waiting list."))
    was_offered = entry.status == Status.OFFERED
    WaitlistEntry.objects.filter(pk=entry.pk).update(status=Status.WITHDRAWN)
    if was_offered:
        offer_next(space=entry.space, start=entry.start, end=entry.end)


def on_booking_cancelled(booking_id: int) -> None:
    """Offer the freed time to the waiting list (after the cancellation committed)."""
    booking = Booking.objects.select_related("space").get(pk=booking_id)
    offer_next(space=booking.space, start=booking.start, end=booking.end)


@transaction.atomic
def offer_next(
    *, space: Space, start: datetime.datetime, end: datetime.datetime
) -> WaitlistEntry | None:
    """Offer the first waiting entry (in order of joining) that overlaps the
    freed time and whose whole span is now free."""
    now = timezone.now()
    parents = config_of(space.building_id).parents
    leaves = set(leaves_under(parents, space.pk))
    candidates = (
        WaitlistEntry.objects.select_for_update()
        .filter(
            status=Status.WAITING,
            space__building_id=space.building_id,
            start__lt=end,
            end__gt=start,
            start__gt=now,
        )
        .select_related("space", "person")
        .order_by("created_at", "pk")
    )
    for entry in candidates:
        entry_leaves = leaves_under(parents, entry.space_id)
        if not leaves & set(entry_leaves):
            continue
        if services.overlaps_confirmed(leaf_ids=entry_leaves, start=entry.start, end=entry.end):
            continue
        # already offered to someone earlier in line
        if services.offer_holding(
            building_id=space.building_id,
            parents=parents,
            leaf_ids=entry_leaves,
            start=entry.start,
            end=entry.end,
        ):
            continue
        entry.status = Status.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = now + datetime.timedelta(hours=OFFER_HOURS)
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _notify_offer(entry)
        return entry
    return None


def offer_token(entry: WaitlistEntry) -> str:
    """The signed key of the offer's link (it names the entry and this offer's time)."""
    offered_at = entry.offered_at.isoformat() if entry.offered_at else ""
    return signing.dumps({"entry": entry.pk, "at": offered_at}, salt=SALT)


def entry_for_token(token: str) -> WaitlistEntry | None:
    """The entry a link's token names, if the token is genuine and current."""
    try:
        data = signing.loads(token, salt=SALT, max_age=OFFER_HOURS * 3600 + 3600)
    except signing.BadSignature:
        return None
    entry = WaitlistEntry.objects.select_related("space__building").filter(pk=data["entry"]).first()
    if entry is None or entry.offered_at is None or entry.offered_at.isoformat() != data["at"]:
        return None
    return entry


@transaction.atomic
def accept(*, actor: User, entry: WaitlistEntry) -> Booking:
    """Book the offered time (refused if the offer expired or the time was taken)."""
    entry = WaitlistEntry.objects.select_for_update().select_related("space").get(pk=entry.pk)
    if entry.person_id != actor.pk:
        raise WaitlistError(_("This offer was made to someone else."))
    if entry.status != Status.OFFERED or (
        entry.offer_expires_at is not None and entry.offer_expires_at <= timezone.now()
    ):
        raise WaitlistError(_("This offer is no longer valid."))
    try:
        booking = services.request_booking(
            actor=actor,
            municipality=entry.municipality,
            space=entry.space,
            start=entry.start,
            end=entry.end,
            purpose=entry.purpose,
            organisation=entry.organisation,
        )
    except services.BookingError as exc:
        raise WaitlistError(str(exc)) from exc
    WaitlistEntry.objects.filter(pk=entry.pk).update(status=Status.BOOKED, booking=booking)
    return booking


def expire_offers(now: datetime.datetime | None = None) -> int:
    """Expire offers past their time limit and offer each time to the next in line."""
    now = now or timezone.now()
    expired = 0
    for pk in list(
        WaitlistEntry.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .order_by("offer_expires_at", "pk")
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            entry = (
                WaitlistEntry.objects.select_for_update()
                .select_related("space")
                .filter(pk=pk, status=Status.OFFERED)
                .first()
            )
            if entry is None:
                continue
            WaitlistEntry.objects.filter(pk=pk).update(status=Status.EXPIRED)
            expired += 1
            offer_next(space=entry.space, start=entry.start, end=entry.end)
    return expired


def _notify_offer(entry: WaitlistEntry) -> None:
    person = entry.person
    with override(person.preferred_language):
        start = timezone.localtime(entry.start)
        end = timezone.localtime(entry.end)
        expires = timezone.localtime(entry.offer_expires_at)
        url = site_url(
            entry.municipality, reverse("premises:waitlist-offer", args=[offer_token(entry)])
        )
        values = {
            "space": str(entry.space),
            "when": f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}",
            "expires": f"{date_format(expires, 'DATE_FORMAT')} {expires:%H:%M}",
            "url": url,
        }
        subject = _("A time you waited for is free: %(space)s") % values
        body = (
            _(
                "%(space)s, %(when)s, has become free and you are next on the waiting list. "
                "Confirm the booking before %(expires)s here: %(url)s\n\n"
                "If you do not confirm in time, the time is offered to the next in line."
            )
            % values
        )
    email = person.email
    # Through the task queue: an offer made while a cancellation commits must
    # not keep that request waiting for the mail server.
    send_after_commit(lambda: send_plain_email.delay(subject=subject, body=body, email=email))
