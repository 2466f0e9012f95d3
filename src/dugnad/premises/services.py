"""Bookings of premises. Each change checks permission and runs in one transaction.

No double booking: a booking occupies its leaf spaces as :class:`BookingSlot`
rows. On PostgreSQL the exclusion constraint ``premises_slot_no_overlap``
refuses a second confirmed slot on the same leaf at an overlapping time, so
two concurrent requests cannot both succeed; the overlap query here only
gives the refusal early. On SQLite every write transaction takes the write
lock at ``BEGIN`` (``transaction_mode: IMMEDIATE``), so the check and the
insert below run with no other writer in between.

Writers of the same leaf spaces also queue on those spaces' rows (``SELECT …
FOR NO KEY UPDATE``, in id order): two transactions inserting conflicting
slots at the same moment would otherwise each wait for the other inside the
exclusion check, and PostgreSQL would end one with a deadlock instead of a
clear refusal. The lock orders the writers of a space (bookings of other
rooms of the building do not wait); the constraint is what guarantees the
invariant.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from dugnad import sql
from dugnad.after_commit import send_after_commit
from dugnad.directory.models import Organisation
from dugnad.directory.permissions import administers
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.page_cache import bump_content_version
from dugnad.people import audit, rules
from dugnad.people.models import Role, User
from dugnad.premises import pricing
from dugnad.premises.building_config import config_of
from dugnad.premises.models import (
    ACTIVE_STATUSES,
    MAX_PHOTOS,
    Booking,
    BookingSeries,
    BookingSlot,
    BookingStatus,
    Building,
    BuildingPhoto,
    CalendarFeed,
    Space,
    WhoMayBook,
    new_feed_token,
)
from dugnad.premises.opening import OpeningCalendar, leaves_under
from dugnad.premises.opening import zone as opening_zone
from dugnad.premises.permissions import can_cancel_booking, can_manage_bookings
from dugnad.premises.tasks import send_booking_email

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


# The overlap and the waiting-list hold are asked on every booking request,
# and when many want the same time all at once (see dugnad.sql).
@functools.cache
def _overlap_sql(leaves: int, vendor: str) -> str:
    """Parameters: the leaf ids, the status, start, end."""
    slot = BookingSlot
    space, status = sql.column(slot, "space"), sql.column(slot, "status")
    start, end = sql.column(slot, "start"), sql.column(slot, "end")
    if vendor == "postgresql":
        # The exclusion constraint's own GiST index answers (space, range):
        # written as two comparisons, the planner reads that whole index.
        during = f"tstzrange({start}, {end}, '[)') && tstzrange(%s, %s, '[)')"
    else:
        during = f"{end} > %s AND {start} < %s"
    return (
        f"SELECT 1 FROM {sql.table(slot)} WHERE {space} IN ({sql.placeholders(leaves)})"  # noqa: S608 (names from the models)
        f" AND {status} = %s AND {during} LIMIT 1"
    )


def overlaps_confirmed(
    *, leaf_ids: list[int], start: datetime.datetime, end: datetime.datetime
) -> bool:
    """Does a confirmed booking occupy any of the leaves during ``[start, end)``?"""
    if end <= start or not leaf_ids:
        return False  # an empty time occupies nothing (and is refused by the rules)
    params = [*leaf_ids, BookingStatus.CONFIRMED.value, sql.when(start), sql.when(end)]
    return bool(sql.fetch_all(_overlap_sql(len(leaf_ids), connection.vendor), params))


@functools.cache
def _offers_sql(excluding_person: bool, tagged: bool = False) -> str:
    """Open offers in a building at a time; ``tagged`` puts a 1 before each
    row (for :func:`_taken_or_held_sql`)."""
    from dugnad.premises.models import WaitlistEntry

    entry = WaitlistEntry
    space_id, person, status, expires, start, end = (
        sql.column(entry, f)
        for f in ("space", "person", "status", "offer_expires_at", "start", "end")
    )
    return (
        f"SELECT {'1, ' if tagged else ''}e.{space_id}, e.{expires} FROM {sql.table(entry)} e"  # noqa: S608 (names from the models)
        f" JOIN {sql.table(Space)} s ON s.{sql.column(Space, 'id')} = e.{space_id}"
        f" WHERE s.{sql.column(Space, 'building')} = %s AND e.{status} = %s"
        f" AND e.{expires} > %s AND e.{start} < %s AND e.{end} > %s"
        + (f" AND e.{person} <> %s" if excluding_person else "")
    )


def _offers_params(
    building_id: int, start: datetime.datetime, end: datetime.datetime, exclude: User | None
) -> list[Any]:
    from dugnad.premises.models import WaitlistEntry

    params: list[Any] = [
        building_id,
        WaitlistEntry.Status.OFFERED.value,
        sql.when(timezone.now()),
        sql.when(end),
        sql.when(start),
    ]
    if exclude is not None:
        params.append(exclude.pk)
    return params


def _held_until(
    offers: list[tuple[Any, ...]], parents: dict[int, int | None], leaf_ids: list[int]
) -> datetime.datetime | None:
    wanted = set(leaf_ids)
    for space_id, expires in offers:
        if wanted.intersection(leaves_under(parents, space_id)):
            return sql.read_when(expires)
    return None


def offer_holding(
    *,
    building_id: int,
    parents: dict[int, int | None],
    leaf_ids: list[int],
    start: datetime.datetime,
    end: datetime.datetime,
    exclude_person: User | None = None,
) -> datetime.datetime | None:
    """Until when an open waiting-list offer (to someone other than
    ``exclude_person``) holds any of these leaves at this time; None: not held.
    A freed time is offered to the list in order; while the offer runs, nobody
    else can take it, and it is not offered twice."""
    offers = sql.fetch_all(
        _offers_sql(exclude_person is not None),
        _offers_params(building_id, start, end, exclude_person),
    )
    return _held_until(offers, parents, leaf_ids)


@functools.cache
def _taken_or_held_sql(leaves: int, excluding_person: bool, vendor: str) -> str:
    # One round trip under the lock: a first row (0, NULL, NULL) when the
    # time is taken, then the open offers (1, space, expiry).
    overlap = _overlap_sql(leaves, vendor)
    offers = _offers_sql(excluding_person, tagged=True)
    return f"SELECT 0, NULL, NULL WHERE EXISTS ({overlap}) UNION ALL {offers}"


def _taken_or_held(
    *,
    building_id: int,
    parents: dict[int, int | None],
    leaf_ids: list[int],
    start: datetime.datetime,
    end: datetime.datetime,
    exclude_person: User,
) -> tuple[bool, datetime.datetime | None]:
    """:func:`overlaps_confirmed` and :func:`offer_holding` in one query."""
    if end <= start or not leaf_ids:
        return False, None
    rows = sql.fetch_all(
        _taken_or_held_sql(len(leaf_ids), True, connection.vendor),
        [
            *leaf_ids,
            BookingStatus.CONFIRMED.value,
            sql.when(start),
            sql.when(end),
            *_offers_params(building_id, start, end, exclude_person),
        ],
    )
    if any(kind == 0 for kind, _space, _expires in rows):
        return True, None
    offers = [(space, expires) for kind, space, expires in rows if kind == 1]
    return False, _held_until(offers, parents, leaf_ids)


def queue_on_leaves(leaf_ids: list[int]) -> None:
    """Wait for other writers of these leaf spaces: lock their rows in id
    order, so a whole hall and its half queue in one order and never deadlock
    (no-op on SQLite, where the write transaction excludes every other
    writer). ``FOR NO KEY UPDATE`` leaves inserts that only refer to a space
    (its foreign key's ``KEY SHARE`` lock) unblocked."""
    if connection.vendor != "postgresql" or not leaf_ids:
        return
    sql.fetch_all(_lock_sql(len(leaf_ids)), sorted(leaf_ids))


@functools.cache
def _lock_sql(leaves: int) -> str:
    space_id = sql.column(Space, "id")
    return (
        f"SELECT {space_id} FROM {sql.table(Space)} WHERE {space_id} IN"  # noqa: S608 (names from the models)
        f" ({sql.placeholders(leaves)}) ORDER BY {space_id} FOR NO KEY UPDATE"
    )


def _set_status(booking: Booking, status: str) -> None:
    """Change the booking's status and its slots' (the constraint checks the slots)."""
    if status == BookingStatus.CONFIRMED:
        leaf_ids = list(booking.slots.values_list("space_id", flat=True))
        queue_on_leaves(leaf_ids)
        if overlaps_confirmed(leaf_ids=leaf_ids, start=booking.start, end=booking.end):
            raise BookingConflict
    # No savepoint of its own: every caller runs in an atomic block that
    # rolls back (to its savepoint, when nested) as the error leaves it.
    try:
        Booking.objects.filter(pk=booking.pk).update(status=status, sequence=F("sequence") + 1)
        BookingSlot.objects.filter(booking=booking).update(status=status)
    except IntegrityError as exc:
        if NO_OVERLAP_CONSTRAINT in str(exc):
            raise BookingConflict from exc
        raise
    booking.status = status
    booking.sequence += 1
    municipality_id = booking.municipality_id
    transaction.on_commit(lambda: bump_content_version(municipality_id))


STAFF_ROLES = (Role.MUNICIPAL_ADMIN, Role.BOOKING_MANAGER, Role.CASE_OFFICER)


def _rule_problem(
    *,
    actor: User,
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    organisation: Organisation | None,
    opening: OpeningCalendar,
    manager: bool,
) -> str | None:
    """Why the space's rules refuse ``[start, end)``, or ``None``. The building's
    booking manager is not bound by who may book, length or how far ahead."""
    if end <= start:
        return _("The booking must end after it starts.")
    if start < timezone.now():
        return _("You cannot book a time that has passed.")
    if not manager:
        who = space.rule("who_may_book")
        if who == WhoMayBook.ORGANISATIONS and organisation is None:
            return _("Only registered organisations can book this space. Book on behalf of one.")
        if who == WhoMayBook.STAFF and not (
            rules.is_platform_admin(actor)
            or rules.has_role(actor, space.municipality, *STAFF_ROLES)
        ):
            return _("Only municipal staff can book this space.")
        minutes = (end - start).total_seconds() / 60
        if minutes < space.rule("min_minutes"):
            return _("The booking must last at least %(minutes)s minutes.") % {
                "minutes": space.rule("min_minutes")
            }
        if minutes > space.rule("max_minutes"):
            return _("The booking can last at most %(minutes)s minutes.") % {
                "minutes": space.rule("max_minutes")
            }
        latest = timezone.localdate() + datetime.timedelta(days=space.rule("max_days_ahead"))
        if timezone.localtime(start).date() > latest:
            return _("This space can be booked at most %(days)s days ahead.") % {
                "days": space.rule("max_days_ahead")
            }
    reason = opening.closed_reason(space.pk, start, end)
    if reason is not None:
        if reason:
            return _("The space is closed then (%(reason)s).") % {"reason": reason}
        return _("The space is closed then. See the opening hours.")
    return None


def check_request(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    purpose: str,
    organisation: Organisation | None,
) -> str:
    """What every request for a space must pass, whatever the time (a
    booking, a series, a place on the waiting list); the purpose, stripped."""
    _check(rules.is_authenticated(actor))
    if space.municipality_id != municipality.pk or not space.bookable:
        raise BookingError(_("This space cannot be booked."))
    if organisation is not None and not administers(actor, organisation):
        raise BookingError(_("You can only book on behalf of an organisation you administer."))
    purpose = purpose.strip()
    if not purpose:
        raise BookingError(_("Say what the booking is for."))
    return purpose


def _insert(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    leaf_ids: list[int],
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str,
    organisation: Organisation | None,
    commercial: bool,
    price: pricing.Price,
    series: BookingSeries | None = None,
) -> Booking:
    """Write one booking and its slots. The caller holds the locks of the leaf
    spaces (``queue_on_leaves``), so everything that can be worked out before
    (rules, price, leaves) is. Single bookings and every date of a series pass
    here: a confirmed booking or an open waiting-list offer refuses them."""
    taken, held_until = _taken_or_held(
        building_id=space.building_id,
        parents=config_of(space.building_id).parents,
        leaf_ids=leaf_ids,
        start=start,
        end=end,
        exclude_person=actor,
    )
    if taken:
        raise BookingConflict
    if held_until is not None:
        raise BookingError(
            _(
                "This time is offered to the next person on the waiting list until "
                "%(time)s. Try again after that, or choose another time."
            )
            % {"time": date_format(timezone.localtime(held_until), "SHORT_DATETIME_FORMAT")}
        )
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
        price_ore=price.total_ore,
        renter_type=price.renter_type,
        commercial=commercial,
        series=series,
    )
    booking.save()
    write_slots(booking, leaf_ids)
    return booking


def write_slots(booking: Booking, leaf_ids: list[int]) -> None:
    """Occupy the booking's leaf spaces for its time: one row per leaf, with
    the booking's status. On PostgreSQL the exclusion constraint refuses a
    confirmed row that overlaps another (BookingConflict). Every booking's
    slots are written here, season publications' too. No savepoint of its
    own: the caller's atomic block rolls back as the error leaves it."""
    try:
        BookingSlot.objects.bulk_create(
            BookingSlot(
                municipality_id=booking.municipality_id,
                booking=booking,
                space_id=leaf_id,
                start=booking.start,
                end=booking.end,
                status=booking.status,
            )
            for leaf_id in leaf_ids
        )
    except IntegrityError as exc:
        if NO_OVERLAP_CONSTRAINT in str(exc):
            raise BookingConflict from exc
        raise


def request_booking(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str,
    organisation: Organisation | None = None,
    commercial: bool = False,
) -> Booking:
    """Book ``space`` for ``[start, end)``: confirmed at once unless the space
    needs approval, then requested. Refused if the time is already booked or
    the space's rules or opening hours do not allow it."""
    purpose = check_request(
        actor=actor,
        municipality=municipality,
        space=space,
        purpose=purpose,
        organisation=organisation,
    )
    config = config_of(space.building_id)
    parents = config.parents
    leaf_ids = leaves_under(parents, space.pk)
    # Already taken when we look: refuse at once, before the rules, the price
    # and the lock queue (when many want the same time, most are refused).
    if overlaps_confirmed(leaf_ids=leaf_ids, start=start, end=end):
        raise BookingConflict
    local = timezone.localtime(start).date()
    opening = OpeningCalendar(
        space.building,
        local,
        local,
        preloaded=(parents, list(config.hours), config.closures_between(local, local)),
    )
    problem = _rule_problem(
        actor=actor,
        space=space,
        start=start,
        end=end,
        organisation=organisation,
        opening=opening,
        manager=can_manage_bookings(actor, municipality, space),
    )
    if problem:
        raise BookingError(problem)
    price = pricing.price_of(
        space=space,
        start=start,
        end=end,
        organisation=organisation,
        commercial=commercial,
        parents=parents,
        all_tariffs=config.tariffs,
    )
    # Only the decisive part is a transaction: a request refused above never
    # opened one (most, when many want the same time).
    with transaction.atomic():
        queue_on_leaves(leaf_ids)
        booking = _insert(
            actor=actor,
            municipality=municipality,
            space=space,
            leaf_ids=leaf_ids,
            start=start,
            end=end,
            purpose=purpose,
            organisation=organisation,
            commercial=commercial,
            price=price,
        )
        _notify([booking])
    return booking


def quote(
    *,
    actor: User,
    space: Space,
    start: datetime.datetime,
    end: datetime.datetime,
    organisation: Organisation | None = None,
    commercial: bool = False,
) -> tuple[pricing.Price, str]:
    """The price of a booking before it is sent, and why it would be refused
    (empty if the rules and opening hours allow it; a read, nothing is saved)."""
    local = timezone.localtime(start).date()
    problem = _rule_problem(
        actor=actor,
        space=space,
        start=start,
        end=end,
        organisation=organisation,
        opening=OpeningCalendar(space.building, local, local),
        manager=can_manage_bookings(actor, space.municipality, space),
    )
    if problem is None and overlaps_confirmed(leaf_ids=space.leaf_ids(), start=start, end=end):
        problem = str(BookingConflict())
    price = pricing.price_of(
        space=space, start=start, end=end, organisation=organisation, commercial=commercial
    )
    return price, problem or ""


@dataclass
class PlannedDate:
    """One date of a planned series and, if it cannot be booked, why not."""

    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    problem: str = ""


def weekly_dates(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The same weekday as ``first``, every week up to ``last``."""
    return [first + datetime.timedelta(weeks=week) for week in range((last - first).days // 7 + 1)]


def quote_series(
    *,
    space: Space,
    plan: list[PlannedDate],
    organisation: Organisation | None,
    commercial: bool,
) -> tuple[pricing.Price | None, str]:
    """The price of one date of a weekly series and the total, in kroner, for the
    dates that can be booked (every date costs the same: same hours, same renter)."""
    if not plan:
        return None, ""
    config = config_of(space.building_id)
    price = pricing.price_of(
        space=space,
        start=plan[0].start,
        end=plan[0].end,
        organisation=organisation,
        commercial=commercial,
        parents=config.parents,
        all_tariffs=config.tariffs,
    )
    bookable = sum(1 for item in plan if not item.problem)
    return price, pricing.format_kroner(price.total_ore * bookable)


def request_conflicts(booking: Booking) -> bool:
    """Does a request, if approved, collide with a confirmed booking (shown to
    the manager before deciding)?"""
    return booking.status == BookingStatus.REQUESTED and overlaps_confirmed(
        leaf_ids=booking.space.leaf_ids(), start=booking.start, end=booking.end
    )


def plan_series(
    *,
    actor: User,
    space: Space,
    first_date: datetime.date,
    last_date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    organisation: Organisation | None = None,
) -> list[PlannedDate]:
    """The weekly dates from ``first_date`` to ``last_date``, each with the
    reason it cannot be booked (taken, closed, a holiday, the rules), if any.
    A read: a constant number of queries however many weeks."""
    zone = opening_zone()
    dates = weekly_dates(first_date, last_date)
    planned = [
        PlannedDate(
            day,
            datetime.datetime.combine(day, start_time, tzinfo=zone),
            datetime.datetime.combine(day, end_time, tzinfo=zone),
        )
        for day in dates
    ]
    if not planned:
        return planned
    opening = OpeningCalendar(space.building, first_date, last_date)
    manager = can_manage_bookings(actor, space.municipality, space)
    taken = list(
        BookingSlot.objects.filter(
            space_id__in=space.leaf_ids(),
            status=BookingStatus.CONFIRMED,
            start__lt=planned[-1].end,
            end__gt=planned[0].start,
        ).values_list("start", "end")
    )
    for item in planned:
        problem = _rule_problem(
            actor=actor,
            space=space,
            start=item.start,
            end=item.end,
            organisation=organisation,
            opening=opening,
            manager=manager,
        )
        if problem is None and any(s < item.end and e > item.start for s, e in taken):
            problem = _("Already booked")
        item.problem = problem or ""
    return planned


MAX_SERIES_DATES = 60


@transaction.atomic
def request_series(
    *,
    actor: User,
    municipality: Municipality,
    space: Space,
    dates: list[datetime.date],
    start_time: datetime.time,
    end_time: datetime.time,
    purpose: str,
    organisation: Organisation | None = None,
    commercial: bool = False,
) -> BookingSeries:
    """Book ``space`` weekly on the chosen ``dates``: all of them or none (any
    date that is taken or not allowed refuses the whole series, naming it)."""
    purpose = check_request(
        actor=actor,
        municipality=municipality,
        space=space,
        purpose=purpose,
        organisation=organisation,
    )
    dates = sorted(set(dates))
    if not dates:
        raise BookingError(_("Choose at least one date."))
    if len(dates) > MAX_SERIES_DATES:
        raise BookingError(
            _("A series can have at most %(count)s dates.") % {"count": MAX_SERIES_DATES}
        )
    zone = opening_zone()
    opening = OpeningCalendar(space.building, dates[0], dates[-1])
    manager = can_manage_bookings(actor, municipality, space)
    price = pricing.price_of(
        space=space,
        start=datetime.datetime.combine(dates[0], start_time, tzinfo=zone),
        end=datetime.datetime.combine(dates[0], end_time, tzinfo=zone),
        organisation=organisation,
        commercial=commercial,
        parents=opening.parents,
    )  # the same for every date: the same hours and renter
    leaf_ids = opening.leaves(space.pk)
    queue_on_leaves(leaf_ids)
    series = BookingSeries.objects.create(
        municipality=municipality,
        space=space,
        person=actor,
        organisation=organisation,
        purpose=purpose,
        first_date=dates[0],
        last_date=dates[-1],
        start_time=start_time,
        end_time=end_time,
    )
    bookings: list[Booking] = []
    for day in dates:
        start = datetime.datetime.combine(day, start_time, tzinfo=zone)
        end = datetime.datetime.combine(day, end_time, tzinfo=zone)
        label = date_format(day, "SHORT_DATE_FORMAT")
        problem = _rule_problem(
            actor=actor,
            space=space,
            start=start,
            end=end,
            organisation=organisation,
            opening=opening,
            manager=manager,
        )
        if problem:
            raise BookingError(f"{label}: {problem}")
        try:
            bookings.append(
                _insert(
                    actor=actor,
                    municipality=municipality,
                    space=space,
                    leaf_ids=leaf_ids,
                    start=start,
                    end=end,
                    purpose=purpose,
                    organisation=organisation,
                    commercial=commercial,
                    price=price,
                    series=series,
                )
            )
        except BookingConflict as exc:
            raise BookingError(f"{label}: {exc}") from exc
    _notify(bookings, series=series)
    return series


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
    _notify([booking])
    return booking


@transaction.atomic
def approve_series(*, actor: User, series: BookingSeries) -> list[Booking]:
    """Confirm every requested date of a series at once: all or none (a date
    booked by someone else since refuses the lot, naming it); one e-mail."""
    _check(can_manage_bookings(actor, series.municipality, series.space))
    requested = list(
        Booking.objects.select_for_update()
        .filter(series=series, status=BookingStatus.REQUESTED)
        .select_related("space__building", "person")
        .order_by("start")
    )
    if not requested:
        raise BookingError(_("No dates of this series wait for approval."))
    for booking in requested:
        try:
            _set_status(booking, BookingStatus.CONFIRMED)
        except BookingConflict as exc:
            label = date_format(timezone.localtime(booking.start).date(), "SHORT_DATE_FORMAT")
            raise BookingError(f"{label}: {exc}") from exc
    audit.record(
        actor=actor,
        action="premises.series_approved",
        municipality=series.municipality,
        subject=requested[0].person,
        target=series,
        details={"dates": len(requested)},
    )
    _notify(requested, series=series)
    return requested


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
    _notify([booking])
    return booking


def _deadline_passed(actor: User, booking: Booking) -> bool:
    """Has the space's cancellation deadline passed for ``actor`` (not the manager)?"""
    if can_manage_bookings(actor, booking.municipality, booking):
        return False
    hours = booking.space.rule("cancel_hours")
    return booking.start - datetime.timedelta(hours=hours) < timezone.now()


@transaction.atomic
def cancel_booking(*, actor: User, booking: Booking, notify: bool = True) -> Booking:
    """Cancel a booking that has not ended, by the person who booked (before
    the cancellation deadline) or the manager."""
    booking = _locked(booking)
    _check(can_cancel_booking(actor, booking.municipality, booking))
    if booking.status not in ACTIVE_STATUSES:
        raise BookingError(_("This booking is no longer active."))
    if booking.end <= timezone.now():
        raise BookingError(_("This booking has already ended."))
    if _deadline_passed(actor, booking):
        raise BookingError(
            _(
                "Bookings of this space can be cancelled until %(hours)s hours before they "
                "start. Contact the booking manager."
            )
            % {"hours": booking.space.rule("cancel_hours")}
        )
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
    if notify:
        _notify([booking])
    return booking


@transaction.atomic
def cancel_series(*, actor: User, series: BookingSeries) -> list[Booking]:
    """Cancel every date of a series that can still be cancelled (not ended,
    not past the deadline for the person who booked); one e-mail for all."""
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    candidates = list(
        series.bookings.active()
        .filter(end__gt=timezone.now())
        .select_related("space__building", "person")
        .order_by("start")
    )
    if not candidates:
        raise BookingError(_("This booking is no longer active."))
    cancelled = [
        cancel_booking(actor=actor, booking=booking, notify=False)
        for booking in candidates
        if not _deadline_passed(actor, booking)
    ]
    if not cancelled:
        raise BookingError(
            _(
                "The remaining dates are past the cancellation deadline. "
                "Contact the booking manager."
            )
        )
    _notify(cancelled, series=series)
    return cancelled


@transaction.atomic
def update_building_information(
    *, actor: User, building: Building, access_information: str, universal_design: str
) -> Building:
    """The building's access and universal-design information (its managers)."""
    _check(can_manage_bookings(actor, building.municipality, building))
    building.access_information = access_information.strip()
    building.universal_design = universal_design.strip()
    building.save(update_fields=["access_information", "universal_design"])
    municipality_id = building.municipality_id
    transaction.on_commit(lambda: bump_content_version(municipality_id))
    return building


@transaction.atomic
def add_photo(*, actor: User, building: Building, image: Any, alt_text: str) -> BuildingPhoto:
    """Add a photo (type and size are checked by the model's validators)."""
    _check(can_manage_bookings(actor, building.municipality, building))
    list(Building.objects.select_for_update().filter(pk=building.pk).values_list("pk"))
    if BuildingPhoto.objects.filter(building=building).count() >= MAX_PHOTOS:
        raise BookingError(
            _("A building can have at most %(count)s photos.") % {"count": MAX_PHOTOS}
        )
    alt_text = alt_text.strip()
    if not alt_text:
        raise BookingError(_("Describe what the photo shows."))
    photo = BuildingPhoto(
        municipality=building.municipality, building=building, image=image, alt_text=alt_text
    )
    try:
        photo.full_clean()
    except ValidationError as exc:
        raise BookingError(" ".join(exc.messages)) from exc
    photo.save()
    return photo


@transaction.atomic
def remove_photo(*, actor: User, photo: BuildingPhoto) -> None:
    _check(can_manage_bookings(actor, photo.municipality, photo.building))
    photo.image.delete(save=False)
    photo.delete()


def calendar_feed(
    *, actor: User, municipality: Municipality, organisation: Organisation | None = None
) -> CalendarFeed:
    """The person's own feed, or an organisation's (for its administrators);
    made on first use."""
    _check(rules.is_authenticated(actor))
    if organisation is not None:
        _check(administers(actor, organisation))
        feed, _created = CalendarFeed.objects.get_or_create(
            municipality=municipality, organisation=organisation
        )
    else:
        feed, _created = CalendarFeed.objects.get_or_create(municipality=municipality, person=actor)
    return feed


@transaction.atomic
def reset_calendar_feed(
    *, actor: User, municipality: Municipality, organisation: Organisation | None = None
) -> CalendarFeed:
    """A new secret address: calendars subscribed to the old one stop updating."""
    feed = calendar_feed(actor=actor, municipality=municipality, organisation=organisation)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


def _when(booking: Booking) -> str:
    start = timezone.localtime(booking.start)
    end = timezone.localtime(booking.end)
    return f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


def _notify(bookings: list[Booking], *, series: BookingSeries | None = None) -> None:
    """Tell the person who booked what happened, with a calendar file, once the
    change is committed. A series gets one e-mail for all its dates."""
    booking = bookings[0]
    person = booking.person
    with override(person.preferred_language):
        values = {"space": str(booking.space), "when": _when(booking)}
        if series is not None:
            values["when"] = _("%(count)s dates from %(first)s, %(time)s") % {
                "count": len(bookings),
                "first": date_format(timezone.localtime(booking.start), "DATE_FORMAT"),
                "time": f"{timezone.localtime(booking.start):%H:%M}–"
                f"{timezone.localtime(booking.end):%H:%M}",
            }
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
        if booking.price_ore:
            total = sum(item.price_ore for item in bookings)
            body += "\n\n" + _("Price: NOK %(price)s.") % {"price": pricing.format_kroner(total)}
        body += "\n\n" + _("The attached calendar file adds the booking to your calendar.")
    active = booking.status in ACTIVE_STATUSES
    method = "REQUEST" if active else "CANCEL"
    email = person.email

    booking_ids = [item.pk for item in bookings]
    # Sent by the task queue after the commit: the person gets their answer
    # without waiting for the calendar file and the mail server (inline when
    # no broker is configured).
    send_after_commit(
        lambda: send_booking_email.delay(
            booking_ids=booking_ids, subject=subject, body=body, email=email, method=method
        )
    )
