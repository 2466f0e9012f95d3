"""The session's person, loaded by the project's authentication backends."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.test import Client, RequestFactory

from dugnad.municipalities.models import Municipality
from dugnad.people.backends import AuthenticationBackend, ModelBackend, user_by_id
from dugnad.people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_person_is_the_instance_the_orm_gives(baerum: Municipality) -> None:
    person = UserFactory.create(full_name="Kari Nordmann", home_municipality=baerum)
    loaded = user_by_id(person.pk)
    assert loaded is not None
    expected = User.objects.get(pk=person.pk)
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded.last_login == expected.last_login
    assert not loaded._state.adding
    assert user_by_id(person.pk + 1000) is None


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_an_inactive_or_unknown_person_is_nobody(backend: Any) -> None:
    active, inactive = UserFactory.create(), UserFactory.create(is_active=False)
    assert backend().get_user(active.pk) == active
    assert backend().get_user(inactive.pk) is None
    assert backend().get_user(inactive.pk + 1000) is None


@pytest.mark.parametrize("path", settings.AUTHENTICATION_BACKENDS)
def test_a_session_of_either_backend_is_the_person_logged_in(
    baerum: Municipality, path: str
) -> None:
    person = UserFactory.create()
    client = Client()
    client.force_login(person, backend=path)
    request = RequestFactory().get("/")
    request.session = client.session
    assert get_user(request) == person
    # A password change elsewhere ends the session (its hash no longer matches).
    person.set_password("a-new-long-password-9")
    person.save()
    assert get_user(request).is_anonymous
