from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.test import Client

from dugnad.municipalities.models import Municipality
from dugnad.people.models import AuditEntry, Role, RoleAssignment
from dugnad.premises.models import Building
from tests.factories import BuildingFactory, RoleAssignmentFactory, UserFactory


def _admin_client(client: Client, municipality: Municipality) -> Client:
    admin = RoleAssignmentFactory.create(role=Role.MUNICIPAL_ADMIN, municipality=municipality).user
    client.force_login(admin)
    return client


def test_municipal_admin_gives_a_scoped_role(baerum_client: Client, baerum: Municipality) -> None:
    _admin_client(baerum_client, baerum)
    hall = BuildingFactory.create(municipality=baerum, name="Fornebu senter")
    person = UserFactory.create(email="per@example.no")
    page = baerum_client.get("/kommune/roller/").content.decode()
    assert "Fornebu senter" in page
    response = baerum_client.post(
        "/kommune/roller/",
        {
            "email": "PER@example.no",
            "role": Role.BOOKING_MANAGER,
            "scope": f"premises.building:{hall.pk}",
        },
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert assignment.scope == hall
    assert AuditEntry.objects.filter(action="role.assigned", subject=person).exists()
    assert "Fornebu senter" in baerum_client.get("/kommune/roller/").content.decode()


def test_wrong_input_is_explained_and_nothing_saved(
    baerum_client: Client, baerum: Municipality
) -> None:
    _admin_client(baerum_client, baerum)
    UserFactory.create(email="per@example.no")
    unknown = baerum_client.post(
        "/kommune/roller/", {"email": "nobody@example.no", "role": Role.POLITICIAN, "scope": ""}
    )
    assert unknown.status_code == 200
    assert 'aria-invalid="true"' in unknown.content.decode()
    missing_scope = baerum_client.post(
        "/kommune/roller/", {"email": "per@example.no", "role": Role.BOOKING_MANAGER, "scope": ""}
    )
    assert missing_scope.status_code == 200
    assert "ds-error-summary" in missing_scope.content.decode()
    assert RoleAssignment.objects.filter(user__email="per@example.no").count() == 0


def test_another_municipalitys_objects_cannot_be_chosen(
    baerum_client: Client, baerum: Municipality, asker: Municipality
) -> None:
    _admin_client(baerum_client, baerum)
    UserFactory.create(email="per@example.no")
    asker_hall = BuildingFactory.create(municipality=asker, name="Asker kulturhus")
    assert "Asker kulturhus" not in baerum_client.get("/kommune/roller/").content.decode()
    response = baerum_client.post(
        "/kommune/roller/",
        {
            "email": "per@example.no",
            "role": Role.BOOKING_MANAGER,
            "scope": f"premises.building:{asker_hall.pk}",
        },
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user__email="per@example.no").exists()


def test_revoke_and_scoping(
    baerum_client: Client, baerum: Municipality, asker: Municipality
) -> None:
    _admin_client(baerum_client, baerum)
    own = RoleAssignmentFactory.create(role=Role.POLITICIAN, municipality=baerum)
    other = RoleAssignmentFactory.create(role=Role.POLITICIAN, municipality=asker)
    assert baerum_client.get(f"/kommune/roller/{own.pk}/fjern/").status_code == 405
    assert baerum_client.post(f"/kommune/roller/{other.pk}/fjern/").status_code == 404
    assert baerum_client.post(f"/kommune/roller/{own.pk}/fjern/").status_code == 302
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()
    assert RoleAssignment.objects.filter(pk=other.pk).exists()


def test_roles_list_query_count_is_fixed(
    baerum_client: Client, baerum: Municipality, django_assert_num_queries: Any
) -> None:
    _admin_client(baerum_client, baerum)
    building_type = ContentType.objects.get_for_model(Building)
    for _ in range(10):
        RoleAssignmentFactory.create(
            role=Role.BOOKING_MANAGER,
            municipality=baerum,
            scope_type=building_type,
            scope_id=BuildingFactory.create(municipality=baerum).pk,
        )
    baerum_client.get("/kommune/roller/")
    # session, user, the admin's roles, the form's scope choices (one per kind:
    # organisations, services, buildings), the list with its people, and the
    # buildings the roles are held on — however many rows there are.
    with django_assert_num_queries(8):
        response = baerum_client.get("/kommune/roller/")
    assert response.content.decode().count("Grendehus") >= 20
