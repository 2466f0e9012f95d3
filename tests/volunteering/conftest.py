from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import Role, User
from tests.factories import RoleAssignmentFactory, ServiceFactory, UserFactory


def grant(user: User, role: str, scope: Any) -> None:
    RoleAssignmentFactory.create(
        user=user,
        role=role,
        municipality=scope.municipality,
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
    )


@pytest.fixture
def nursing_home(baerum: Municipality) -> Service:
    return ServiceFactory.create(municipality=baerum, name="Lindelia bo- og behandlingssenter")


@pytest.fixture
def coordinator(nursing_home: Service) -> User:
    user = UserFactory.create(full_name="Kari Koordinator")
    grant(user, Role.VOLUNTEER_COORDINATOR, nursing_home)
    return user


@pytest.fixture
def volunteer(db: None) -> User:
    return UserFactory.create(full_name="Vera Frivillig")
