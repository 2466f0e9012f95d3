"""Deleting an account frees the person's shift places for the people waiting."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.people.services import delete_account
from dugnad.volunteering import services
from dugnad.volunteering.models import ShiftSignup, SignupStatus
from tests.factories import NeedFactory, ShiftFactory, ShiftSignupFactory, UserFactory
from tests.volunteering.test_services import accepted

pytestmark = pytest.mark.django_db


def test_deleting_an_account_gives_the_place_to_the_first_waiting(
    baerum: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    need = NeedFactory.create(municipality=baerum, title="Kafévert")
    shift = ShiftFactory.create(municipality=baerum, need=need, places=1)
    leaving, first, second = UserFactory.create_batch(3)
    for person in (leaving, first, second):
        accepted(need, person)
    services.take_shift(person=leaving, shift=shift)
    services.take_shift(person=first, shift=shift, join_waiting_list=True)
    services.take_shift(person=second, shift=shift, join_waiting_list=True)
    start = timezone.now() - datetime.timedelta(days=3)
    past = ShiftFactory.create(
        municipality=baerum, need=need, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    ShiftSignupFactory.create(municipality=baerum, shift=past, person=leaving)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=leaving)
    assert not ShiftSignup.objects.filter(person=leaving).exists()
    statuses = dict(ShiftSignup.objects.filter(shift=shift).values_list("person", "status"))
    assert statuses == {first.pk: SignupStatus.CONFIRMED, second.pk: SignupStatus.WAITING}
    assert [m.to for m in mail.outbox] == [[first.email]]
