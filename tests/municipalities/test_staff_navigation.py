"""Min side is where staff find their work: every link on it opens for the
person who sees it (never a 403), and each role sees the pages it may open."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import Role, User
from tests.factories import (
    OrganisationFactory,
    RoleAssignmentFactory,
    ServiceFactory,
    UserFactory,
)

ROLES = [str(role.value) for role in Role] + ["resident", "platform_admin"]
# Links that are not pages to open with GET (files to download, forms of their own).
NOT_PAGES = ("/min-side/mine-data", "/admin/")


@pytest.fixture
def staff(baerum: Municipality) -> dict[str, User]:
    organisation = OrganisationFactory.create(municipality=baerum)
    service = ServiceFactory.create(municipality=baerum)
    centre = ServiceFactory.create(municipality=baerum, kind=Service.Kind.VOLUNTEER_CENTRE)
    scoped: dict[str, Any] = {
        Role.ORGANISATION_MEMBER: organisation,
        Role.ORGANISATION_ADMIN: organisation,
        Role.VOLUNTEER_COORDINATOR: service,
    }
    result = {
        "resident": UserFactory.create(),
        "platform_admin": UserFactory.create(is_superuser=True, is_staff=True),
    }
    for role in Role:
        user = UserFactory.create()
        scope = scoped.get(role)
        RoleAssignmentFactory.create(
            user=user,
            role=role,
            municipality=baerum,
            scope_type=ContentType.objects.get_for_model(scope) if scope else None,
            scope_id=scope.pk if scope else None,
        )
        result[str(role.value)] = user
    centre_worker = UserFactory.create()
    RoleAssignmentFactory.create(
        user=centre_worker,
        role=Role.VOLUNTEER_COORDINATOR,
        municipality=baerum,
        scope_type=ContentType.objects.get_for_model(centre),
        scope_id=centre.pk,
    )
    result["volunteer_centre"] = centre_worker
    return result


def _links(html: str) -> list[str]:
    main = html[html.index('<main id="main"') : html.index("</main>")]
    return sorted(set(re.findall(r'href="(/[^"]*)"', main)))


@pytest.mark.parametrize("role", [*ROLES, "volunteer_centre"])
def test_every_link_on_my_page_opens(staff: dict[str, User], role: str) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(staff[role])
    response = client.get(reverse("people:my-page"))
    assert response.status_code == 200
    for href in _links(response.content.decode()):
        if href.startswith(NOT_PAGES):
            continue
        answer = client.get(href)
        assert answer.status_code in (200, 302), f"{role}: {href} answered {answer.status_code}"


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("resident", ["volunteering:mine", "volunteering:profile"], ["volunteering:overview"]),
        (
            "case_officer",
            ["volunteering:overview", "directory:claims"],
            ["volunteering:callouts", "volunteering:coordinate"],
        ),
        (
            "municipal_admin",
            ["volunteering:overview", "volunteering:callouts", "people:roles"],
            ["volunteering:coordinate", "volunteering:escalated"],
        ),
        (
            "volunteer_coordinator",
            ["volunteering:coordinate", "volunteering:overview", "volunteering:mentor-coordinate"],
            ["volunteering:escalated", "people:roles"],
        ),
        ("volunteer_centre", ["volunteering:escalated"], []),
        ("organisation_admin", ["volunteering:coordinate"], ["volunteering:overview"]),
    ],
)
def test_my_page_shows_the_pages_of_each_role(
    staff: dict[str, User], role: str, shown: list[str], hidden: list[str]
) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(staff[role])
    links = _links(client.get(reverse("people:my-page")).content.decode())
    for name in shown:
        assert reverse(name) in links, f"{role} should see {name}"
    for name in hidden:
        assert reverse(name) not in links, f"{role} should not see {name}"
