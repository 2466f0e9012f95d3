from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from dugnad.municipalities.models import Municipality
from dugnad.people import privacy, rules, services
from dugnad.people.models import AuditEntry, Role, RoleAssignment, User
from tests.factories import BuildingFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def platform_admin(db: None) -> User:
    return UserFactory.create(is_superuser=True, is_staff=True)


def test_assigning_a_role_is_audited(baerum: Municipality, platform_admin: User) -> None:
    person = UserFactory.create()
    assignment = services.assign_role(
        actor=platform_admin, user=person, role=Role.CASE_OFFICER, municipality=baerum
    )
    entry = AuditEntry.objects.get(action="role.assigned")
    assert entry.actor == platform_admin
    assert entry.subject == person
    assert entry.municipality == baerum
    assert rules.has_role(person, baerum, Role.CASE_OFFICER)
    services.revoke_role(actor=platform_admin, assignment=assignment)
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(action="role.revoked", subject=person).exists()


def test_only_administrators_may_assign_roles(baerum: Municipality) -> None:
    case_officer = RoleAssignmentFactory.create(role=Role.CASE_OFFICER, municipality=baerum).user
    with pytest.raises(services.PeopleError, match="permission"):
        services.assign_role(
            actor=case_officer, user=UserFactory.create(), role=Role.POLITICIAN, municipality=baerum
        )
    assert not AuditEntry.objects.exists()


def test_municipal_admin_assigns_only_in_own_municipality(
    baerum: Municipality, asker: Municipality
) -> None:
    admin = RoleAssignmentFactory.create(role=Role.MUNICIPAL_ADMIN, municipality=baerum).user
    services.assign_role(
        actor=admin, user=UserFactory.create(), role=Role.POLITICIAN, municipality=baerum
    )
    with pytest.raises(services.PeopleError):
        services.assign_role(
            actor=admin, user=UserFactory.create(), role=Role.POLITICIAN, municipality=asker
        )


def test_scoped_roles_need_the_right_object(
    baerum: Municipality, asker: Municipality, platform_admin: User
) -> None:
    person = UserFactory.create()
    with pytest.raises(services.PeopleError, match="specific object"):
        services.assign_role(
            actor=platform_admin, user=person, role=Role.BOOKING_MANAGER, municipality=baerum
        )
    with pytest.raises(services.PeopleError, match="specific object"):
        services.assign_role(
            actor=platform_admin,
            user=person,
            role=Role.BOOKING_MANAGER,
            municipality=baerum,
            scope=OrganisationFactory.create(municipality=baerum),
        )
    with pytest.raises(services.PeopleError, match="another municipality"):
        services.assign_role(
            actor=platform_admin,
            user=person,
            role=Role.BOOKING_MANAGER,
            municipality=baerum,
            scope=BuildingFactory.create(municipality=asker),
        )
    hall = BuildingFactory.create(municipality=baerum)
    services.assign_role(
        actor=platform_admin,
        user=person,
        role=Role.BOOKING_MANAGER,
        municipality=baerum,
        scope=hall,
    )
    assert rules.has_role_on(person, baerum, hall, Role.BOOKING_MANAGER)
    assert not rules.has_role_on(
        person, baerum, BuildingFactory.create(municipality=baerum), Role.BOOKING_MANAGER
    )
    assert not rules.has_role(person, asker, Role.BOOKING_MANAGER)
    with pytest.raises(services.PeopleError, match="already"):
        services.assign_role(
            actor=platform_admin,
            user=person,
            role=Role.BOOKING_MANAGER,
            municipality=baerum,
            scope=hall,
        )


def test_the_database_refuses_duplicate_roles(baerum: Municipality) -> None:
    from django.db import IntegrityError, transaction

    person = UserFactory.create()
    RoleAssignment.objects.create(user=person, role=Role.POLITICIAN, municipality=baerum)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=person, role=Role.POLITICIAN, municipality=baerum)


def test_export_contains_everything_about_the_person(
    baerum: Municipality, platform_admin: User
) -> None:
    person = UserFactory.create(
        email="kari@example.no", full_name="Kari Nordmann", phone="+4790000000"
    )
    services.assign_role(
        actor=platform_admin, user=person, role=Role.POLITICIAN, municipality=baerum
    )
    data = services.export_personal_data(user=person)
    json.dumps(data)  # must be JSON-ready
    assert data["account"]["email"] == "kari@example.no"
    assert data["account"]["phone"] == "+4790000000"
    assert data["roles"][0]["role"] == Role.POLITICIAN
    assert data["audit_log_about_you"][0]["action"] == "role.assigned"
    assert set(privacy.exporters()) <= set(data)


def test_deleting_an_account_anonymises_and_keeps_references(
    baerum: Municipality, platform_admin: User
) -> None:
    person = UserFactory.create(email="ola@example.no", full_name="Ola Nordmann", phone="123")
    services.assign_role(
        actor=platform_admin, user=person, role=Role.POLITICIAN, municipality=baerum
    )
    entry_about = AuditEntry.objects.get(subject=person)
    services.delete_account(user=person)
    person.refresh_from_db()
    assert person.full_name == ""
    assert person.phone == ""
    assert "ola" not in person.email
    assert not person.is_active
    assert not person.has_usable_password()
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    # Records that refer to the person survive, pointing at the anonymised row.
    entry_about.refresh_from_db()
    assert entry_about.subject_id == person.pk
    assert AuditEntry.objects.filter(action="account.deleted", subject=person).exists()
    with pytest.raises(services.PeopleError):
        services.delete_account(user=person)


def test_deleted_account_is_logged_out_everywhere(baerum_client: Client) -> None:
    person = UserFactory.create()
    other_device = Client(HTTP_HOST="baerum.localhost")
    other_device.force_login(person)
    assert other_device.get("/min-side/").status_code == 200
    services.delete_account(user=person)
    assert other_device.get("/min-side/").status_code == 302
