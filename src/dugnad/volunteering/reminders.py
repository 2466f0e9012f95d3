"""Reminders sent by a scheduled job: the day before a shift (e-mail, and SMS
for people who gave a phone number and agreed to text messages), and before a
recorded police certificate check runs out.

Each reminder is claimed by setting its sent-marker in an ``UPDATE … WHERE
marker IS NULL`` before it is sent, so running the job twice, or two jobs at
once, never sends the same reminder twice.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.after_commit import send_after_commit
from dugnad.people.models import User
from dugnad.sms import InvalidNumber, send_sms
from dugnad.volunteering.models import ContactTopic, PolitiattestCheck, ShiftSignup, SignupStatus
from dugnad.volunteering.permissions import coordinator_assignments
from dugnad.volunteering.profile_models import ContactConsent
from dugnad.volunteering.services import check_valid_until

logger = logging.getLogger(__name__)

# How long before a police certificate check runs out its reminder goes.
RENEWAL_NOTICE_DAYS = 30


def _language(person: User) -> str:
    return person.preferred_language or "nb"


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
    return start, datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )


def _claim(model: type[ShiftSignup] | type[PolitiattestCheck], pk: int, marker: str) -> bool:
    now = timezone.now()
    return bool(model.objects.filter(pk=pk, **{f"{marker}__isnull": True}).update(**{marker: now}))


def send_shift_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a place on a shift that starts tomorrow; returns how many."""
    now = now or timezone.now()
    start, end = _day_bounds(timezone.localtime(now).date() + datetime.timedelta(days=1))
    due = ShiftSignup.objects.filter(
        status=SignupStatus.CONFIRMED,
        reminded_at__isnull=True,
        shift__starts_at__gte=start,
        shift__starts_at__lt=end,
    ).select_related(
        "person", "shift__need__service", "shift__need__organisation", "shift__need__district"
    )
    sms_people = set(
        ContactConsent.objects.active()
        .filter(topic=ContactTopic.SMS, person__in=due.values("person_id"))
        .values_list("person_id", flat=True)
    )
    sent = 0
    for signup in due:
        with transaction.atomic():
            if not _claim(ShiftSignup, signup.pk, "reminded_at"):
                continue  # another run took it
            _remind(signup, with_sms=signup.person_id in sms_people)
        sent += 1
    return sent


def _remind(signup: ShiftSignup, *, with_sms: bool) -> None:
    person, shift, need = signup.person, signup.shift, signup.shift.need
    with translation.override(_language(person)):
        when = date_format(timezone.localtime(shift.starts_at), "l j. F H:i")
        place = need.address or (need.district.name if need.district_id and need.district else "")
        subject = _("Reminder: %(title)s tomorrow") % {"title": need.title}
        body = _(
            "Hello! A reminder that you volunteer for “%(title)s” (%(owner)s) tomorrow, "
            "%(when)s. %(place)s\nIf you cannot come, cancel the shift under My volunteering "
            "so that someone else can take it."
        ) % {"title": need.title, "owner": need.owner.name, "when": when, "place": place}
        text = _("Reminder: %(title)s tomorrow %(when)s. Cancel under My volunteering.") % {
            "title": need.title,
            "when": when,
        }
    to, phone = person.email, person.phone

    def deliver() -> None:
        if to:
            send_mail(subject, body, None, [to])
        if with_sms and phone:
            try:
                send_sms(phone, text)
            except InvalidNumber:
                logger.warning("Shift reminder: no valid mobile number for person %s", person.pk)

    send_after_commit(deliver)


def _coordinators(check: PolitiattestCheck) -> Iterable[str]:
    """The e-mail addresses of the people who coordinate the check's owner."""
    owner = check.service or check.organisation
    if owner is None:
        return []
    people = coordinator_assignments(check.municipality_id, type(owner), [owner.pk])
    addresses = set(people.values_list("user__email", flat=True))
    if check.checked_by is not None:
        addresses.add(check.checked_by.email)
    return sorted(a for a in addresses if a)


def send_renewal_reminders(*, today: datetime.date | None = None) -> int:
    """Tell volunteer and coordinators when a check runs out within
    ``RENEWAL_NOTICE_DAYS``; once per check. Returns how many checks."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS)
    due = PolitiattestCheck.objects.filter(renewal_reminded_at__isnull=True).select_related(
        "person", "service", "organisation", "checked_by"
    )
    sent = 0
    for check in due:
        valid_until = check_valid_until(check)
        if not today <= valid_until <= horizon:
            continue
        with transaction.atomic():
            if not _claim(PolitiattestCheck, check.pk, "renewal_reminded_at"):
                continue
            owner = check.service or check.organisation
            name = owner.name if owner else ""
            person = check.person
            with translation.override(_language(person)):
                subject = _("Your police certificate for %(owner)s must be renewed") % {
                    "owner": name
                }
                body = _(
                    "The police certificate you showed %(owner)s counts until %(date)s. Apply "
                    "for a new one in good time (you can download the purpose letter under My "
                    "volunteering) and show it to the coordinator."
                ) % {"owner": name, "date": date_format(valid_until, "j. F Y")}
                staff_subject = _("A police certificate runs out: %(name)s") % {
                    "name": person.full_name or person.email
                }
                staff_body = _(
                    "The police certificate check recorded for %(name)s at %(owner)s counts "
                    "until %(date)s. Record the new certificate when it has been shown."
                ) % {
                    "name": person.full_name or person.email,
                    "owner": name,
                    "date": date_format(valid_until, "j. F Y"),
                }
            staff = list(_coordinators(check))
            to = person.email

            def deliver(
                subject: str = subject,
                body: str = body,
                to: str = to,
                staff_subject: str = staff_subject,
                staff_body: str = staff_body,
                staff: list[str] = staff,
            ) -> None:
                if to:
                    send_mail(subject, body, None, [to])
                if staff:
                    send_mail(staff_subject, staff_body, None, staff)

            send_after_commit(deliver)
        sent += 1
    return sent
