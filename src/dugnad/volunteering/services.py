"""Changes to volunteer needs and sign-ups.

Each function takes keyword arguments, checks permission, runs in one
transaction and sends its e-mail after the commit. Capacity is held by the
database: taking a shift locks the shift row (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite the IMMEDIATE write transaction serialises writers)
and counts the confirmed sign-ups inside the same transaction.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad import sql
from dugnad.after_commit import mail_after_commit
from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Service
from dugnad.people import audit, rules
from dugnad.people.models import User
from dugnad.volunteering.models import (
    Engagement,
    EngagementStatus,
    Need,
    NeedStatus,
    PolitiattestCheck,
    Shift,
    ShiftSignup,
    SignupStatus,
)
from dugnad.volunteering.permissions import can_coordinate

Owner = Service | Organisation

NEED_FIELDS = (
    "title",
    "description",
    "why",
    "district",
    "address",
    "is_remote",
    "suits",
    "minimum_age",
    "languages",
    "requires_driving_licence",
    "requires_politiattest",
    "contact_name",
    "contact_email",
    "contact_phone",
    "auto_accept",
    "interests",
    "politiattest_renewal_years",
    "escalate_after_days",
)

DEFAULT_RENEWAL_YEARS = 3


class VolunteeringError(Exception):
    """A domain error with a message for the person who caused it."""


class ShiftFull(VolunteeringError):
    """Every place on the shift is taken; the person may join the waiting list."""


class PolitiattestMissing(VolunteeringError):
    """The need requires a police certificate and no valid check is recorded."""


def _check_coordinates(actor: User, obj: Any) -> None:
    if not can_coordinate(actor, None, obj):
        raise VolunteeringError(_("You do not have permission to do this."))


def _check_person(person: User) -> None:
    if not rules.is_authenticated(person):
        raise VolunteeringError(_("Please log in first."))


# --- needs ---------------------------------------------------------------------


@transaction.atomic
def create_need(*, actor: User, owner: Owner, fields: dict[str, Any]) -> Need:
    """A new draft need for ``owner`` (a service or an organisation)."""
    _check_coordinates(actor, owner)
    need = Need(municipality=owner.municipality)
    if isinstance(owner, Service):
        need.service = owner
    else:
        need.organisation = owner
    for name in NEED_FIELDS:
        if name in fields:
            setattr(need, name, fields[name])
    need.save()
    return need


@transaction.atomic
def update_need(*, actor: User, need: Need, fields: dict[str, Any]) -> Need:
    _check_coordinates(actor, need)
    for name in NEED_FIELDS:
        if name in fields:
            setattr(need, name, fields[name])
    need.save()
    return need


@transaction.atomic
def add_shift(
    *,
    actor: User,
    need: Need,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
) -> Shift:
    _check_coordinates(actor, need)
    if ends_at <= starts_at:
        raise VolunteeringError(_("A shift must end after it starts."))
    if places < 1:
        raise VolunteeringError(_("A shift needs at least one place."))
    return Shift.objects.create(
        municipality=need.municipality,
        need=need,
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
    )


@transaction.atomic
def publish_need(*, actor: User, need: Need) -> Need:
    _check_coordinates(actor, need)
    if need.status == NeedStatus.PUBLISHED:
        raise VolunteeringError(_("This need is already published."))
    need.status = NeedStatus.PUBLISHED
    need.save(update_fields=["status"])
    return need


@transaction.atomic
def close_need(*, actor: User, need: Need) -> Need:
    _check_coordinates(actor, need)
    if need.status == NeedStatus.CLOSED:
        raise VolunteeringError(_("This need is already closed."))
    need.status = NeedStatus.CLOSED
    need.save(update_fields=["status"])
    return need


# --- interest and acceptance ---------------------------------------------------------


@transaction.atomic
def express_interest(*, person: User, need: Need) -> Engagement:
    """Say that ``person`` would like to help; accepted at once if the need says so."""
    _check_person(person)
    if need.status != NeedStatus.PUBLISHED:
        raise VolunteeringError(_("This need is not open for volunteers."))
    status = EngagementStatus.ACCEPTED if need.auto_accept else EngagementStatus.INTERESTED
    if status == EngagementStatus.ACCEPTED and needs_politiattest_first(person, need):
        # Automatic acceptance waits for the coordinator to record the certificate.
        status = EngagementStatus.INTERESTED
    engagement = Engagement.objects.filter(need=need, person=person).first()
    if engagement is not None and engagement.status != EngagementStatus.WITHDRAWN:
        raise VolunteeringError(_("You have already said you are interested in this need."))
    if engagement is None:
        try:
            with transaction.atomic():
                engagement = Engagement.objects.create(
                    municipality=need.municipality, need=need, person=person, status=status
                )
        except IntegrityError as exc:
            raise VolunteeringError(
                _("You have already said you are interested in this need.")
            ) from exc
    else:
        engagement.status = status
        engagement.created_at = timezone.now()
        engagement.save(update_fields=["status", "created_at"])
    if status == EngagementStatus.ACCEPTED:
        _mail_accepted(engagement)
    else:
        mail_after_commit(
            _("New volunteer for %(title)s") % {"title": need.title},
            _("%(name)s is interested in “%(title)s”. Accept or decline on the need's page.")
            % {"name": person.full_name or person.email, "title": need.title},
            [need.contact_email],
        )
    return engagement


def _mail_accepted(engagement: Engagement) -> None:
    need = engagement.need
    mail_after_commit(
        _("You are welcome as a volunteer: %(title)s") % {"title": need.title},
        _("You have been accepted for “%(title)s”. You can now take shifts under My volunteering.")
        % {"title": need.title},
        [engagement.person.email],
    )


@transaction.atomic
def accept_volunteer(*, actor: User, engagement: Engagement) -> Engagement:
    _check_coordinates(actor, engagement)
    if engagement.status not in (EngagementStatus.INTERESTED, EngagementStatus.DECLINED):
        raise VolunteeringError(_("Only an interested person can be accepted."))
    if needs_politiattest_first(engagement.person, engagement.need):
        raise PolitiattestMissing(
            _(
                "This need requires a police certificate (politiattest). Record that "
                "%(name)s has shown a valid certificate before you accept them."
            )
            % {"name": engagement.person.full_name or engagement.person.email}
        )
    engagement.status = EngagementStatus.ACCEPTED
    engagement.save(update_fields=["status"])
    _mail_accepted(engagement)
    return engagement


@transaction.atomic
def decline_volunteer(*, actor: User, engagement: Engagement) -> Engagement:
    """Say no to a person; their future shifts on the need are cancelled."""
    _check_coordinates(actor, engagement)
    if engagement.status not in (EngagementStatus.INTERESTED, EngagementStatus.ACCEPTED):
        raise VolunteeringError(_("Only an interested or accepted person can be declined."))
    engagement.status = EngagementStatus.DECLINED
    engagement.save(update_fields=["status"])
    for signup in ShiftSignup.objects.filter(
        shift__need=engagement.need, person=engagement.person, shift__starts_at__gt=timezone.now()
    ).select_related("shift"):
        _remove_signup(signup)
    mail_after_commit(
        _("About your interest in %(title)s") % {"title": engagement.need.title},
        _(
            "Thank you for your interest in “%(title)s”. The coordinator cannot take you on "
            "this time."
        )
        % {"title": engagement.need.title},
        [engagement.person.email],
    )
    return engagement


@transaction.atomic
def withdraw_interest(*, person: User, engagement: Engagement) -> Engagement:
    """The person steps back from a need; their future shifts on it are cancelled."""
    if engagement.person_id != person.pk:
        raise VolunteeringError(_("You do not have permission to do this."))
    if engagement.status == EngagementStatus.WITHDRAWN:
        raise VolunteeringError(_("You have already withdrawn."))
    engagement.status = EngagementStatus.WITHDRAWN
    engagement.save(update_fields=["status"])
    for signup in ShiftSignup.objects.filter(
        shift__need=engagement.need, person=person, shift__starts_at__gt=timezone.now()
    ).select_related("shift"):
        _remove_signup(signup)
    return engagement


# --- police certificate --------------------------------------------------------------


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_valid_until(check: PolitiattestCheck) -> datetime.date:
    """The last day a recorded check counts (older records: three years)."""
    return check.valid_until or add_years(check.checked_on, DEFAULT_RENEWAL_YEARS)


def valid_politiattests(
    people: Iterable[User], need: Need, *, today: datetime.date | None = None
) -> dict[int, PolitiattestCheck]:
    """For each of ``people`` with a check recorded with the need's owner that is
    still valid today: the newest such check (one query for all of them)."""
    today = today or timezone.localdate()
    checks = PolitiattestCheck.objects.filter(person__in=people)
    if need.service_id:
        checks = checks.filter(service_id=need.service_id)
    else:
        checks = checks.filter(organisation_id=need.organisation_id)
    found: dict[int, PolitiattestCheck] = {}
    for check in checks.order_by("-checked_on", "-pk"):
        if check.person_id not in found and check_valid_until(check) >= today:
            found[check.person_id] = check
    return found


def valid_politiattest(
    person: User, need: Need, *, today: datetime.date | None = None
) -> PolitiattestCheck | None:
    """The newest check recorded for ``person`` with the need's owner that is
    still valid today, if any."""
    return valid_politiattests([person], need, today=today).get(person.pk)


def has_politiattest(person: User, need: Need) -> bool:
    """Has a valid police certificate been recorded for ``person`` with the need's owner?"""
    return valid_politiattest(person, need) is not None


def needs_politiattest_first(person: User, need: Need) -> bool:
    """The need requires a certificate and none is recorded (or it has expired)."""
    return need.requires_politiattest and not has_politiattest(person, need)


@transaction.atomic
def record_politiattest(
    *,
    actor: User,
    person: User,
    owner: Owner,
    checked_on: datetime.date,
    renewal_years: int = DEFAULT_RENEWAL_YEARS,
) -> PolitiattestCheck:
    """Record that ``actor`` saw a valid police certificate for ``person``.

    Only the fact is kept (who, for whom, by whom, when); never the certificate.
    """
    _check_coordinates(actor, owner)
    if checked_on > timezone.localdate():
        raise VolunteeringError(_("The date of the check cannot be in the future."))
    engaged = Engagement.objects.filter(person=person).exclude(status=EngagementStatus.WITHDRAWN)
    if isinstance(owner, Service):
        engaged = engaged.filter(need__service=owner)
    else:
        engaged = engaged.filter(need__organisation=owner)
    if not engaged.exists():
        raise VolunteeringError(_("This person has not shown interest in any of your needs."))
    return PolitiattestCheck.objects.create(
        municipality=owner.municipality,
        person=person,
        service=owner if isinstance(owner, Service) else None,
        organisation=owner if isinstance(owner, Organisation) else None,
        checked_by=actor,
        checked_on=checked_on,
        valid_until=add_years(checked_on, renewal_years),
    )


@transaction.atomic
def approve_purpose_letter(*, actor: User, engagement: Engagement) -> Engagement:
    """The coordinator lets ``engagement.person`` download the purpose letter for a
    police certificate (bekreftelse på formål).

    The letter tells the police that the owner has offered the person the work, so it
    is not issued on interest alone; acceptance has to wait for the certificate, so the
    coordinator approves the letter as a step of its own.
    """
    _check_coordinates(actor, engagement)
    engagement = (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("need", "person")
        .get(pk=engagement.pk)
    )
    if not engagement.need.requires_politiattest:
        raise VolunteeringError(_("This need does not require a police certificate."))
    if engagement.status not in (EngagementStatus.INTERESTED, EngagementStatus.ACCEPTED):
        raise VolunteeringError(_("Only an interested or accepted person can get the letter."))
    if engagement.politiattest_letter_approved_at is not None:
        raise VolunteeringError(_("The purpose letter is already approved."))
    engagement.politiattest_letter_approved_at = timezone.now()
    engagement.politiattest_letter_approved_by = actor
    engagement.save(
        update_fields=["politiattest_letter_approved_at", "politiattest_letter_approved_by"]
    )
    audit.record(
        actor=actor,
        action="volunteering.approve_purpose_letter",
        municipality=engagement.municipality,
        subject=engagement.person,
        target=engagement,
    )
    mail_after_commit(
        _("Purpose letter for the police certificate: %(title)s")
        % {"title": engagement.need.title},
        _(
            "The coordinator of “%(title)s” has approved your purpose letter for the police "
            "certificate. Download it under My volunteering and attach it to your application "
            "at politiet.no."
        )
        % {"title": engagement.need.title},
        [engagement.person.email],
    )
    return engagement


# --- shifts ------------------------------------------------------------------------


def _locked(shift: Shift) -> Shift:
    """The shift row, locked until the transaction ends (a no-op on SQLite,
    whose IMMEDIATE transaction already holds the write lock)."""
    return Shift.objects.select_for_update(of=("self",)).select_related("need").get(pk=shift.pk)


def _confirmed_count(shift: Shift) -> int:
    return ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED).count()


@dataclass(frozen=True)
class SignupFacts:
    """What taking a shift needs to know about the person, read in one query:
    accepted for the need, already on the shift, and the confirmed places
    taken when we looked."""

    accepted: bool
    signed_up: bool
    taken: int


# Written out (see dugnad.sql): these run on every "take the shift",
# including each of the many that arrive at once when a shift's last place
# goes.
@functools.cache
def _facts_sql(need: str, shift: str) -> str:
    """The three facts as select items; ``need`` and ``shift`` are what the
    need's and the shift's ids are compared with (a parameter or a column)."""
    engagement, signup = sql.table(Engagement), sql.table(ShiftSignup)
    fields = ("need", "person", "status")
    e_need, e_person, e_status = (sql.column(Engagement, f) for f in fields)
    fields = ("shift", "person", "status")
    s_shift, s_person, s_status = (sql.column(ShiftSignup, f) for f in fields)
    return (
        f"EXISTS (SELECT 1 FROM {engagement} WHERE {e_need} = {need}"  # noqa: S608 (names from the models)
        f" AND {e_person} = %s AND {e_status} = %s),"
        f" EXISTS (SELECT 1 FROM {signup} WHERE {s_shift} = {shift} AND {s_person} = %s),"
        f" (SELECT COUNT(*) FROM {signup} WHERE {s_shift} = {shift} AND {s_status} = %s)"
    )


def _facts_params(person: User) -> list[Any]:
    accepted, confirmed = EngagementStatus.ACCEPTED.value, SignupStatus.CONFIRMED.value
    return [person.pk, accepted, person.pk, confirmed]


@functools.cache
def _shift_and_facts_sql() -> str:
    shift_id = f"s.{sql.column(Shift, 'id')}"
    need_id = f"s.{sql.column(Shift, 'need')}"
    return (
        f"SELECT {sql.select_list(Shift, 's')}, {sql.select_list(Need, 'n')},"  # noqa: S608 (names from the models)
        f" {_facts_sql(need_id, shift_id)}"
        f" FROM {sql.table(Shift)} s JOIN {sql.table(Need)} n"
        f" ON n.{sql.column(Need, 'id')} = {need_id}"
        f" WHERE {shift_id} = %s AND s.{sql.column(Shift, 'municipality')} = %s"
    )


def shift_to_take(*, municipality_id: int, pk: int, person: User) -> tuple[Shift, SignupFacts]:
    """Shift ``pk`` of the municipality with its need, and the facts about
    ``person`` that :func:`take_shift` decides on, in one statement (the
    ORM's two would cost more to build than to run). Raises
    ``Shift.DoesNotExist``."""
    rows = sql.fetch_all(_shift_and_facts_sql(), [*_facts_params(person), pk, municipality_id])
    if not rows:
        raise Shift.DoesNotExist
    row = rows[0]
    shift_columns, need_columns = len(sql.fields(Shift)), len(sql.fields(Need))
    shift = sql.instance(Shift, row[:shift_columns])
    shift.need = sql.instance(Need, row[shift_columns : shift_columns + need_columns])
    accepted, signed_up, taken = row[shift_columns + need_columns :]
    return shift, SignupFacts(bool(accepted), bool(signed_up), int(taken))


def _signup_facts(shift: Shift, person: User) -> SignupFacts:
    accepted, signed_up, taken = sql.fetch_one(
        f"SELECT {_facts_sql('%s', '%s')}",
        [
            shift.need_id,
            person.pk,
            EngagementStatus.ACCEPTED.value,
            shift.pk,
            person.pk,
            shift.pk,
            SignupStatus.CONFIRMED.value,
        ],
    )
    return SignupFacts(bool(accepted), bool(signed_up), int(taken))


def take_shift(
    *,
    person: User,
    shift: Shift,
    join_waiting_list: bool = False,
    facts: SignupFacts | None = None,
) -> ShiftSignup:
    """Put ``person`` on ``shift``; if it is full, raise :class:`ShiftFull`, or put
    them on the waiting list when ``join_waiting_list`` is set.

    Everything that does not depend on the free places is checked before the
    shift's row is locked (on ``facts`` when the caller read them with the
    shift, :func:`shift_to_take`), and a shift already full refuses at once,
    outside any transaction: when many want the last place,
    the lock is held only for the count and the insert, and those who lost
    never queue for it.
    """
    _check_person(person)
    need = shift.need
    if need.status != NeedStatus.PUBLISHED:
        raise VolunteeringError(_("This need is not open for volunteers."))
    if shift.starts_at <= timezone.now():
        raise VolunteeringError(_("This shift has already started."))
    if facts is None:
        facts = _signup_facts(shift, person)
    accepted, signed_up, taken = facts.accepted, facts.signed_up, facts.taken
    if not accepted:
        raise VolunteeringError(
            _("The coordinator must accept you for this need before you can take shifts.")
        )
    if needs_politiattest_first(person, need):
        raise VolunteeringError(
            _(
                "This need requires a police certificate (politiattest). Show it to the "
                "coordinator; you can take shifts once it has been recorded."
            )
        )
    if signed_up:
        raise VolunteeringError(_("You are already signed up for this shift."))
    full = ShiftFull(
        _("This shift is full. You can join the waiting list and get a place if someone cancels.")
    )
    # Full when we look: places only come back by cancellations, so refusing
    # now is what the person would get after waiting for the lock.
    if not join_waiting_list and taken >= shift.places:
        raise full
    try:
        # No savepoint around the insert: a failed insert ends the whole
        # block, which rolls back as the error leaves it.
        with transaction.atomic():
            locked = _locked(shift)  # the count that decides is taken under the lock
            # The need may have closed, or the shift moved, since we looked.
            if locked.need.status != NeedStatus.PUBLISHED:
                raise VolunteeringError(_("This need is not open for volunteers."))
            if locked.starts_at <= timezone.now():
                raise VolunteeringError(_("This shift has already started."))
            taken = _confirmed_count(locked)
            status = SignupStatus.CONFIRMED
            if taken >= locked.places:
                if not join_waiting_list:
                    raise full
                status = SignupStatus.WAITING
            signup = ShiftSignup.objects.create(
                municipality_id=locked.municipality_id,
                shift=locked,
                person=person,
                status=status,
            )
    except IntegrityError as exc:  # the same person's second click, at the same moment
        raise VolunteeringError(_("You are already signed up for this shift.")) from exc
    # The places taken as of this commit, this sign-up included: what the
    # shift's row shows the person, without counting again.
    locked.taken = taken + (status == SignupStatus.CONFIRMED)  # type: ignore[attr-defined]
    return signup


@transaction.atomic
def cancel_shift(*, person: User, signup: ShiftSignup) -> None:
    """Take ``person`` off a shift (or its waiting list); the place goes to the
    first person waiting."""
    if signup.person_id != person.pk:
        raise VolunteeringError(_("You do not have permission to do this."))
    if signup.shift.starts_at <= timezone.now():
        # Past shifts stay: their hours belong to the person's history.
        raise VolunteeringError(_("This shift has already started."))
    _remove_signup(signup)


def _remove_signup(signup: ShiftSignup) -> None:
    shift = _locked(signup.shift)
    was_confirmed = signup.status == SignupStatus.CONFIRMED
    signup.delete()
    if not was_confirmed or _confirmed_count(shift) >= shift.places:
        return
    waiting = (
        ShiftSignup.objects.filter(shift=shift, status=SignupStatus.WAITING)
        .select_related("person")
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return
    waiting.status = SignupStatus.CONFIRMED
    waiting.save(update_fields=["status"])
    mail_after_commit(
        _("You have a place: %(title)s") % {"title": shift.need.title},
        _("A place on “%(title)s” became free and is now yours.") % {"title": shift.need.title},
        [waiting.person.email],
    )
