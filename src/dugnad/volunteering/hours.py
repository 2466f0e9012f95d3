"""Check-in on a shift and the hours volunteered.

A coordinator checks a volunteer in and logs hours, which then count as
confirmed; or the volunteer logs their own hours after the shift has started,
and they count once a coordinator confirms them. Only confirmed hours go on
the certificate of volunteering.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.municipalities.models import Municipality
from dugnad.people import audit
from dugnad.people.models import User
from dugnad.volunteering.models import Need, Shift, ShiftSignup, SignupStatus
from dugnad.volunteering.services import VolunteeringError, _check_coordinates

MAX_HOURS = Decimal(24)


def _locked(signup: ShiftSignup) -> ShiftSignup:
    return (
        ShiftSignup.objects.select_for_update(of=("self",))
        .select_related("shift__need", "person")
        .get(pk=signup.pk)
    )


def _check_hours(hours: Decimal) -> None:
    if hours <= 0 or hours > MAX_HOURS:
        raise VolunteeringError(_("Give the hours as a number between 0 and 24."))


# People may be checked in from an hour before the shift starts.
CHECK_IN_LEAD = datetime.timedelta(hours=1)


def check_in_open(shift: Shift) -> bool:
    """Can people be checked in (and hours logged) on ``shift`` yet?"""
    return shift.starts_at <= timezone.now() + CHECK_IN_LEAD


def _check_confirmed_and_started(signup: ShiftSignup) -> None:
    if signup.status != SignupStatus.CONFIRMED:
        raise VolunteeringError(_("Only people with a place on the shift can be checked in."))
    if not check_in_open(signup.shift):
        raise VolunteeringError(_("The shift has not started yet."))


@transaction.atomic
def check_in(*, actor: User, signup: ShiftSignup) -> ShiftSignup:
    """The coordinator marks that the volunteer came (from an hour before the start)."""
    _check_coordinates(actor, signup)
    signup = _locked(signup)
    _check_confirmed_and_started(signup)
    if signup.checked_in_at is not None:
        raise VolunteeringError(_("The volunteer is already checked in."))
    signup.checked_in_at = timezone.now()
    signup.save(update_fields=["checked_in_at"])
    audit.record(
        actor=actor,
        action="volunteering.check_in",
        municipality=signup.municipality,
        subject=signup.person,
        target=signup,
    )
    return signup


@transaction.atomic
def log_hours(*, actor: User, signup: ShiftSignup, hours: Decimal) -> ShiftSignup:
    """The coordinator logs (or corrects) the hours; they count as confirmed."""
    _check_coordinates(actor, signup)
    _check_hours(hours)
    signup = _locked(signup)
    _check_confirmed_and_started(signup)
    now = timezone.now()
    signup.checked_in_at = signup.checked_in_at or now
    signup.hours = hours
    signup.hours_confirmed_at = now
    signup.hours_confirmed_by = actor
    signup.save(
        update_fields=["checked_in_at", "hours", "hours_confirmed_at", "hours_confirmed_by"]
    )
    audit.record(
        actor=actor,
        action="volunteering.log_hours",
        municipality=signup.municipality,
        subject=signup.person,
        target=signup,
        details={"hours": str(hours)},
    )
    return signup


@transaction.atomic
def log_own_hours(*, person: User, signup: ShiftSignup, hours: Decimal) -> ShiftSignup:
    """The volunteer logs their hours; a coordinator confirms them later."""
    if signup.person_id != person.pk:
        raise VolunteeringError(_("You do not have permission to do this."))
    _check_hours(hours)
    signup = _locked(signup)
    if signup.status != SignupStatus.CONFIRMED or signup.shift.starts_at > timezone.now():
        raise VolunteeringError(_("You can log hours once the shift has started."))
    if signup.hours_confirmed_at is not None:
        raise VolunteeringError(_("The coordinator has already confirmed your hours."))
    signup.hours = hours
    signup.save(update_fields=["hours"])
    return signup


@transaction.atomic
def confirm_hours(*, actor: User, signup: ShiftSignup) -> ShiftSignup:
    _check_coordinates(actor, signup)
    signup = _locked(signup)
    if signup.hours is None:
        raise VolunteeringError(_("No hours have been logged for this shift."))
    if signup.hours_confirmed_at is not None:
        raise VolunteeringError(_("The hours are already confirmed."))
    signup.hours_confirmed_at = timezone.now()
    signup.hours_confirmed_by = actor
    signup.save(update_fields=["hours_confirmed_at", "hours_confirmed_by"])
    audit.record(
        actor=actor,
        action="volunteering.confirm_hours",
        municipality=signup.municipality,
        subject=signup.person,
        target=signup,
        details={"hours": str(signup.hours)},
    )
    return signup


# --- reads ---------------------------------------------------------------------------


def history(person: User) -> QuerySet[ShiftSignup]:
    """The person's shifts that have started, newest first."""
    return (
        ShiftSignup.objects.filter(
            person=person, status=SignupStatus.CONFIRMED, shift__starts_at__lte=timezone.now()
        )
        .select_related("shift__need__service", "shift__need__organisation", "hours_confirmed_by")
        .order_by("-shift__starts_at", "-pk")
    )


def confirmed_hours(signups: QuerySet[ShiftSignup]) -> Decimal:
    total = signups.filter(hours_confirmed_at__isnull=False).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


@dataclass
class NeedHours:
    need: Need
    hours: Decimal
    first: datetime.date
    last: datetime.date
    signed_off_by: User | None


def hours_by_need(person: User, municipality: Municipality | None = None) -> list[NeedHours]:
    """Confirmed hours per need (in ``municipality`` if given: each municipality's
    site shows its own), with the period and who signed them off last."""
    found: dict[int, NeedHours] = {}
    confirmed = history(person).filter(hours_confirmed_at__isnull=False)
    if municipality is not None:
        confirmed = confirmed.filter(municipality=municipality)
    for signup in confirmed.order_by("shift__starts_at"):
        need = signup.shift.need
        entry = found.get(need.pk)
        day = timezone.localtime(signup.shift.starts_at).date()
        if entry is None:
            found[need.pk] = NeedHours(
                need, signup.hours or Decimal(0), day, day, signup.hours_confirmed_by
            )
        else:
            entry.hours += signup.hours or Decimal(0)
            entry.last = day
            entry.signed_off_by = signup.hours_confirmed_by or entry.signed_off_by
    return list(found.values())
