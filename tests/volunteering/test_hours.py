"""Check-in, hours, history and the PDFs."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import AuditEntry, User
from dugnad.volunteering import hours, services
from dugnad.volunteering.models import EngagementStatus, ShiftSignup
from tests.factories import (
    EngagementFactory,
    NeedFactory,
    ShiftFactory,
    ShiftSignupFactory,
    UserFactory,
)
from tests.volunteering.test_views import client_for

pytestmark = pytest.mark.django_db


def past_signup(
    baerum: Municipality, service: Service, person: User, **need: object
) -> ShiftSignup:
    item = NeedFactory.create(municipality=baerum, service=service, title="Besøksvenn", **need)
    EngagementFactory.create(
        municipality=baerum, need=item, person=person, status=EngagementStatus.ACCEPTED
    )
    start = timezone.now() - datetime.timedelta(days=2)
    shift = ShiftFactory.create(
        municipality=baerum, need=item, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    return ShiftSignupFactory.create(municipality=baerum, shift=shift, person=person)


def test_coordinator_checks_in_and_logs_hours(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    signup = past_signup(baerum, nursing_home, volunteer)
    hours.check_in(actor=coordinator, signup=signup)
    with pytest.raises(services.VolunteeringError, match="already checked in"):
        hours.check_in(actor=coordinator, signup=signup)
    with pytest.raises(services.VolunteeringError, match="between 0 and 24"):
        hours.log_hours(actor=coordinator, signup=signup, hours=Decimal(25))
    with pytest.raises(services.VolunteeringError, match="permission"):
        hours.log_hours(actor=volunteer, signup=signup, hours=Decimal(2))
    hours.log_hours(actor=coordinator, signup=signup, hours=Decimal("2.5"))
    signup.refresh_from_db()
    assert signup.hours_confirmed_by == coordinator
    assert hours.confirmed_hours(hours.history(volunteer)) == Decimal("2.5")
    assert AuditEntry.objects.filter(action="volunteering.log_hours", subject=volunteer).exists()


def test_volunteer_logs_own_hours_and_coordinator_confirms(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    signup = past_signup(baerum, nursing_home, volunteer)
    client = client_for(volunteer)
    client.post(reverse("volunteering:signup-own-hours", args=[signup.pk]), {"hours": "2"})
    signup.refresh_from_db()
    assert signup.hours == Decimal(2)
    assert signup.hours_confirmed_at is None
    assert hours.confirmed_hours(hours.history(volunteer)) == 0
    boss = client_for(coordinator)
    assert boss.get(reverse("volunteering:shift-roster", args=[signup.shift_id])).status_code == 200
    boss.post(reverse("volunteering:signup-hours", args=[signup.pk]), {"action": "confirm"})
    signup.refresh_from_db()
    assert signup.hours_confirmed_by == coordinator
    with pytest.raises(services.VolunteeringError, match="already confirmed"):
        hours.log_own_hours(person=volunteer, signup=signup, hours=Decimal(5))
    body = client.get(reverse("volunteering:history")).content.decode()
    assert "Confirmed hours in total: 2" in body


def test_future_shift_cannot_have_hours_and_past_shift_cannot_be_cancelled(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    future = ShiftSignupFactory.create(
        municipality=baerum,
        shift=ShiftFactory.create(
            municipality=baerum, need=NeedFactory.create(municipality=baerum, service=nursing_home)
        ),
        person=volunteer,
    )
    with pytest.raises(services.VolunteeringError, match="not started"):
        hours.log_hours(actor=coordinator, signup=future, hours=Decimal(2))
    past = past_signup(baerum, nursing_home, volunteer)
    with pytest.raises(services.VolunteeringError, match="already started"):
        services.cancel_shift(person=volunteer, signup=past)


def test_certificate_pdf(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    signup = past_signup(baerum, nursing_home, volunteer)
    client = client_for(volunteer)
    url = reverse("volunteering:certificate", args=[signup.shift.need_id])
    assert client.get(url).status_code == 302  # no confirmed hours yet
    hours.log_hours(actor=coordinator, signup=signup, hours=Decimal(3))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_purpose_letter_pdf(
    baerum: Municipality,
    nursing_home: Service,
    coordinator: User,
    volunteer: User,
    mailoutbox: list[object],
    django_capture_on_commit_callbacks: object,
) -> None:
    item = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    engagement = EngagementFactory.create(municipality=baerum, need=item, person=volunteer)
    client = client_for(volunteer)
    letter = reverse("volunteering:purpose-letter", args=[engagement.pk])
    approve = reverse("volunteering:engagement-purpose-letter", args=[engagement.pk])
    # interest alone gives no letter: the coordinator has not offered the work yet
    page = client.get(reverse("volunteering:mine")).content.decode()
    assert "must approve you for a police certificate" in page
    assert letter not in page
    response = client.get(letter)
    assert response.status_code == 302
    assert not response.content.startswith(b"%PDF")
    # neither the volunteer nor another coordinator can approve it
    assert client.post(approve).status_code in (403, 404)
    stranger = UserFactory.create()
    assert client_for(stranger).post(approve).status_code in (403, 404)
    engagement.refresh_from_db()
    assert engagement.politiattest_letter_approved_at is None
    # the need's coordinator approves it on the volunteers page
    volunteers = client_for(coordinator).get(
        reverse("volunteering:need-volunteers", args=[item.pk])
    )
    assert approve in volunteers.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert client_for(coordinator).post(approve).status_code == 302
    engagement.refresh_from_db()
    assert engagement.politiattest_letter_approved_by == coordinator
    assert AuditEntry.objects.filter(
        action="volunteering.approve_purpose_letter", actor=coordinator, subject=volunteer
    ).exists()
    assert [m.to for m in mailoutbox] == [[volunteer.email]]  # type: ignore[attr-defined]
    assert letter in client.get(reverse("volunteering:mine")).content.decode()
    response = client.get(letter)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # somebody else's engagement, even approved, is not found
    other = EngagementFactory.create(
        municipality=baerum, need=item, politiattest_letter_approved_at=timezone.now()
    )
    assert client.get(reverse("volunteering:purpose-letter", args=[other.pk])).status_code == 404
    # once withdrawn, no letter
    services.withdraw_interest(person=volunteer, engagement=engagement)
    assert client.get(letter).status_code == 302


def test_purpose_letter_approval_rules(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    plain = NeedFactory.create(municipality=baerum, service=nursing_home)
    engagement = EngagementFactory.create(municipality=baerum, need=plain, person=volunteer)
    with pytest.raises(services.VolunteeringError):
        services.approve_purpose_letter(actor=coordinator, engagement=engagement)
    item = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    declined = EngagementFactory.create(
        municipality=baerum, need=item, status=EngagementStatus.DECLINED
    )
    with pytest.raises(services.VolunteeringError):
        services.approve_purpose_letter(actor=coordinator, engagement=declined)
    mine = EngagementFactory.create(municipality=baerum, need=item, person=volunteer)
    with pytest.raises(services.VolunteeringError):
        services.approve_purpose_letter(actor=volunteer, engagement=mine)
    services.approve_purpose_letter(actor=coordinator, engagement=mine)
    with pytest.raises(services.VolunteeringError):
        services.approve_purpose_letter(actor=coordinator, engagement=mine)
