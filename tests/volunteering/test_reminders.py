"""Shift reminders, renewal reminders and escalation: sent once, to the right people."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dugnad import sms
from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import Role, User
from dugnad.volunteering import escalation, profiles, reminders, services, tasks
from dugnad.volunteering.models import Engagement
from tests.factories import (
    EngagementFactory,
    NeedFactory,
    PolitiattestCheckFactory,
    ServiceFactory,
    ShiftFactory,
    ShiftSignupFactory,
    UserFactory,
)
from tests.volunteering.conftest import grant
from tests.volunteering.test_views import client_for

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def test_shift_reminder_by_mail_and_sms_once(
    baerum: Municipality,
    nursing_home: Service,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    sms.outbox.clear()
    need = NeedFactory.create(municipality=baerum, service=nursing_home, title="Besøksvenn")
    shift = ShiftFactory.create(
        municipality=baerum, need=need, starts_at=tomorrow_at(17), ends_at=tomorrow_at(19)
    )
    texted = UserFactory.create(phone="912 34 567", preferred_language="en")
    profiles.set_consents(person=texted, topics=["sms"])
    no_consent = UserFactory.create(phone="98765432")
    ShiftSignupFactory.create(municipality=baerum, shift=shift, person=texted)
    ShiftSignupFactory.create(municipality=baerum, shift=shift, person=no_consent)
    later = ShiftFactory.create(municipality=baerum, need=need)  # in a week
    ShiftSignupFactory.create(municipality=baerum, shift=later, person=texted)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_shift_reminders() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([texted.email, no_consent.email])
    english = next(m for m in mailoutbox if m.to == [texted.email])
    assert english.subject == "Reminder: Besøksvenn tomorrow"
    assert [m.to for m in sms.outbox] == ["+4791234567"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteering_reminders", stdout=None)
        assert tasks.send_reminders()["shifts"] == 0
    assert len(mailoutbox) == 2
    assert len(sms.outbox) == 1


def test_renewal_reminder_to_volunteer_and_coordinator_once(
    baerum: Municipality,
    nursing_home: Service,
    coordinator: User,
    volunteer: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    today = timezone.localdate()
    PolitiattestCheckFactory.create(
        municipality=baerum,
        service=nursing_home,
        person=volunteer,
        checked_by=coordinator,
        checked_on=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=20),
    )
    PolitiattestCheckFactory.create(  # far from expiry
        municipality=baerum,
        service=nursing_home,
        checked_on=today,
        valid_until=services.add_years(today, 3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_renewal_reminders() == 1
        assert reminders.send_renewal_reminders() == 0
    assert {m.to[0] for m in mailoutbox} == {volunteer.email, coordinator.email}


def test_escalation_to_the_volunteer_centre(
    baerum: Municipality,
    nursing_home: Service,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    centre = ServiceFactory.create(
        municipality=baerum,
        name="Bærum Frivilligsentral",
        kind=Service.Kind.VOLUNTEER_CENTRE,
        email="frivilligsentral@baerum.demo",
    )
    centre_worker = UserFactory.create()
    grant(centre_worker, Role.VOLUNTEER_COORDINATOR, centre)
    need = NeedFactory.create(municipality=baerum, service=nursing_home, title="Turvenn")
    quick = NeedFactory.create(municipality=baerum, service=nursing_home, escalate_after_days=2)
    now = timezone.now()
    old = EngagementFactory.create(
        municipality=baerum, need=need, created_at=now - datetime.timedelta(days=6)
    )
    EngagementFactory.create(  # four days: not yet
        municipality=baerum, need=need, created_at=now - datetime.timedelta(days=4)
    )
    EngagementFactory.create(
        municipality=baerum, need=quick, created_at=now - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation.escalate_unanswered() == 2
        call_command("volunteering_escalate", stdout=None)
    assert Engagement.objects.filter(escalated_at__isnull=False).count() == 2
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {"frivilligsentral@baerum.demo", centre_worker.email}
    body = client_for(centre_worker).get(reverse("volunteering:escalated")).content.decode()
    assert "Turvenn" in body
    assert old.person.email in body
