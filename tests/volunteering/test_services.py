"""Sign-up rules: acceptance first, capacity held, police certificate gate."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import Role, User
from dugnad.volunteering import services
from dugnad.volunteering.models import (
    EngagementStatus,
    Need,
    NeedStatus,
    PolitiattestCheck,
    ShiftSignup,
    SignupStatus,
)
from tests.factories import (
    EngagementFactory,
    NeedFactory,
    OrganisationFactory,
    ShiftFactory,
    UserFactory,
)
from tests.volunteering.conftest import grant

pytestmark = pytest.mark.django_db


def accepted(need: Need, person: User) -> None:
    EngagementFactory.create(
        municipality=need.municipality, need=need, person=person, status=EngagementStatus.ACCEPTED
    )


def test_coordinator_creates_publishes_and_closes_a_need(
    coordinator: User, nursing_home: Service
) -> None:
    need = services.create_need(
        actor=coordinator,
        owner=nursing_home,
        fields={"title": "Besøksvenn", "description": "Prat og kaffe", "suits": ["seniors"]},
    )
    assert need.status == NeedStatus.DRAFT
    assert need.service == nursing_home
    services.publish_need(actor=coordinator, need=need)
    assert Need.objects.published().get() == need
    services.close_need(actor=coordinator, need=need)
    assert not Need.objects.published().exists()


def test_others_cannot_post_for_a_service(volunteer: User, nursing_home: Service) -> None:
    with pytest.raises(services.VolunteeringError, match="permission"):
        services.create_need(
            actor=volunteer, owner=nursing_home, fields={"title": "x", "description": "y"}
        )
    assert not Need.objects.exists()


def test_organisation_admin_posts_for_the_organisation(baerum: Municipality) -> None:
    organisation = OrganisationFactory.create(municipality=baerum)
    admin = UserFactory.create()
    grant(admin, Role.ORGANISATION_ADMIN, organisation)
    need = services.create_need(
        actor=admin, owner=organisation, fields={"title": "Sjåfør", "description": "Kjør"}
    )
    assert need.organisation == organisation
    assert need.service is None


def test_a_need_has_exactly_one_owner(baerum: Municipality, nursing_home: Service) -> None:
    organisation = OrganisationFactory.create(municipality=baerum)
    with pytest.raises(IntegrityError):
        Need.objects.create(
            municipality=baerum, service=nursing_home, organisation=organisation, title="x"
        )


def test_interest_waits_for_the_coordinator(
    coordinator: User,
    volunteer: User,
    baerum: Municipality,
    nursing_home: Service,
    django_capture_on_commit_callbacks: Any,
) -> None:
    need = NeedFactory.create(
        municipality=baerum, service=nursing_home, contact_email="lindelia@example.no"
    )
    shift = ShiftFactory.create(municipality=baerum, need=need)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.express_interest(person=volunteer, need=need)
    assert engagement.status == EngagementStatus.INTERESTED
    assert mail.outbox[-1].to == ["lindelia@example.no"]
    with pytest.raises(services.VolunteeringError, match="must accept you"):
        services.take_shift(person=volunteer, shift=shift)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_volunteer(actor=coordinator, engagement=engagement)
    assert mail.outbox[-1].to == [volunteer.email]
    signup = services.take_shift(person=volunteer, shift=shift)
    assert signup.status == SignupStatus.CONFIRMED


def test_interest_twice_is_refused(volunteer: User, baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum)
    services.express_interest(person=volunteer, need=need)
    with pytest.raises(services.VolunteeringError, match="already"):
        services.express_interest(person=volunteer, need=need)


def test_draft_needs_take_no_interest(volunteer: User, baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum, status=NeedStatus.DRAFT)
    with pytest.raises(services.VolunteeringError, match="not open"):
        services.express_interest(person=volunteer, need=need)


def test_auto_accept(
    volunteer: User, baerum: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    need = NeedFactory.create(municipality=baerum, auto_accept=True)
    shift = ShiftFactory.create(municipality=baerum, need=need)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.express_interest(person=volunteer, need=need)
    assert engagement.status == EngagementStatus.ACCEPTED
    assert mail.outbox[-1].to == [volunteer.email]
    assert services.take_shift(person=volunteer, shift=shift).status == SignupStatus.CONFIRMED


def test_never_more_signups_than_places(baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum)
    shift = ShiftFactory.create(municipality=baerum, need=need, places=2)
    people = UserFactory.create_batch(3)
    for person in people:
        accepted(need, person)
    services.take_shift(person=people[0], shift=shift)
    services.take_shift(person=people[1], shift=shift)
    with pytest.raises(services.ShiftFull, match="waiting list"):
        services.take_shift(person=people[2], shift=shift)
    assert ShiftSignup.objects.filter(shift=shift).count() == 2
    waiting = services.take_shift(person=people[2], shift=shift, join_waiting_list=True)
    assert waiting.status == SignupStatus.WAITING
    assert ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED).count() == 2


def test_cancel_frees_the_place_for_the_first_waiting(
    baerum: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    need = NeedFactory.create(municipality=baerum)
    shift = ShiftFactory.create(municipality=baerum, need=need, places=1)
    first, second = UserFactory.create_batch(2)
    accepted(need, first)
    accepted(need, second)
    signup = services.take_shift(person=first, shift=shift)
    services.take_shift(person=second, shift=shift, join_waiting_list=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_shift(person=first, signup=signup)
    assert ShiftSignup.objects.get(shift=shift).person == second
    assert ShiftSignup.objects.get(shift=shift).status == SignupStatus.CONFIRMED
    assert mail.outbox[-1].to == [second.email]


def test_cancel_without_waiting_list_frees_the_place(baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum)
    shift = ShiftFactory.create(municipality=baerum, need=need, places=1)
    person, other = UserFactory.create_batch(2)
    accepted(need, person)
    accepted(need, other)
    signup = services.take_shift(person=person, shift=shift)
    services.cancel_shift(person=person, signup=signup)
    assert not ShiftSignup.objects.exists()
    services.take_shift(person=other, shift=shift)


def test_only_the_person_cancels_their_shift(baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum)
    shift = ShiftFactory.create(municipality=baerum, need=need)
    person, other = UserFactory.create_batch(2)
    accepted(need, person)
    signup = services.take_shift(person=person, shift=shift)
    with pytest.raises(services.VolunteeringError):
        services.cancel_shift(person=other, signup=signup)
    assert ShiftSignup.objects.exists()


def test_politiattest_gate(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    shift = ShiftFactory.create(municipality=baerum, need=need)
    accepted(need, volunteer)
    with pytest.raises(services.VolunteeringError, match="police certificate"):
        services.take_shift(person=volunteer, shift=shift)
    check = services.record_politiattest(
        actor=coordinator, person=volunteer, owner=nursing_home, checked_on=timezone.localdate()
    )
    assert check.checked_by == coordinator
    assert services.take_shift(person=volunteer, shift=shift).status == SignupStatus.CONFIRMED


def test_politiattest_is_per_owner(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    elsewhere = NeedFactory.create(municipality=baerum, requires_politiattest=True)
    here = NeedFactory.create(municipality=baerum, service=nursing_home)
    accepted(here, volunteer)
    accepted(elsewhere, volunteer)
    services.record_politiattest(
        actor=coordinator, person=volunteer, owner=nursing_home, checked_on=timezone.localdate()
    )
    shift = ShiftFactory.create(municipality=baerum, need=elsewhere)
    with pytest.raises(services.VolunteeringError, match="police certificate"):
        services.take_shift(person=volunteer, shift=shift)


def test_politiattest_only_by_the_coordinator_and_not_in_the_future(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home)
    accepted(need, volunteer)
    with pytest.raises(services.VolunteeringError, match="permission"):
        services.record_politiattest(
            actor=volunteer, person=volunteer, owner=nursing_home, checked_on=timezone.localdate()
        )
    with pytest.raises(services.VolunteeringError, match="future"):
        services.record_politiattest(
            actor=coordinator,
            person=volunteer,
            owner=nursing_home,
            checked_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not PolitiattestCheck.objects.exists()


def test_decline_cancels_the_persons_shifts(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home)
    shift = ShiftFactory.create(municipality=baerum, need=need)
    engagement = services.express_interest(person=volunteer, need=need)
    services.accept_volunteer(actor=coordinator, engagement=engagement)
    services.take_shift(person=volunteer, shift=shift)
    services.decline_volunteer(actor=coordinator, engagement=engagement)
    assert not ShiftSignup.objects.exists()


def test_withdraw_and_come_back(volunteer: User, baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum, auto_accept=True)
    shift = ShiftFactory.create(municipality=baerum, need=need)
    engagement = services.express_interest(person=volunteer, need=need)
    services.take_shift(person=volunteer, shift=shift)
    services.withdraw_interest(person=volunteer, engagement=engagement)
    assert not ShiftSignup.objects.exists()
    assert services.express_interest(person=volunteer, need=need).status == "accepted"


def test_shift_must_end_after_it_starts(coordinator: User, nursing_home: Service) -> None:
    need = NeedFactory.create(municipality=nursing_home.municipality, service=nursing_home)
    start = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(services.VolunteeringError, match="end after"):
        services.add_shift(actor=coordinator, need=need, starts_at=start, ends_at=start, places=1)


def test_export_and_erase_the_persons_volunteering(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    from dugnad.people.services import export_personal_data
    from dugnad.volunteering.privacy import erase_volunteering

    need = NeedFactory.create(municipality=baerum, service=nursing_home, title="Turvenn")
    shift = ShiftFactory.create(municipality=baerum, need=need)
    accepted(need, volunteer)
    services.take_shift(person=volunteer, shift=shift)
    services.record_politiattest(
        actor=coordinator, person=volunteer, owner=nursing_home, checked_on=timezone.localdate()
    )
    data = export_personal_data(user=volunteer)["volunteering"]
    assert data["engagements"][0]["need"] == "Turvenn"
    assert data["shifts"][0]["status"] == SignupStatus.CONFIRMED
    assert data["police_certificate_checks"][0]["service"] == nursing_home.name
    erase_volunteering(volunteer)
    assert not ShiftSignup.objects.exists()
    assert not PolitiattestCheck.objects.exists()


def test_cannot_accept_without_a_recorded_police_certificate(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    engagement = services.express_interest(person=volunteer, need=need)
    with pytest.raises(services.PolitiattestMissing, match="police certificate"):
        services.accept_volunteer(actor=coordinator, engagement=engagement)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.INTERESTED
    services.record_politiattest(
        actor=coordinator, person=volunteer, owner=nursing_home, checked_on=timezone.localdate()
    )
    assert services.accept_volunteer(actor=coordinator, engagement=engagement).status == "accepted"


def test_an_expired_check_does_not_count(
    coordinator: User, volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(
        municipality=baerum,
        service=nursing_home,
        requires_politiattest=True,
        politiattest_renewal_years=1,
    )
    engagement = services.express_interest(person=volunteer, need=need)
    check = services.record_politiattest(
        actor=coordinator,
        person=volunteer,
        owner=nursing_home,
        checked_on=timezone.localdate() - datetime.timedelta(days=400),
        renewal_years=need.politiattest_renewal_years,
    )
    assert check.valid_until is not None
    assert check.valid_until < timezone.localdate()
    with pytest.raises(services.PolitiattestMissing):
        services.accept_volunteer(actor=coordinator, engagement=engagement)


def test_auto_accept_waits_for_the_police_certificate(
    volunteer: User, baerum: Municipality, nursing_home: Service
) -> None:
    need = NeedFactory.create(
        municipality=baerum, service=nursing_home, requires_politiattest=True, auto_accept=True
    )
    assert services.express_interest(person=volunteer, need=need).status == "interested"
