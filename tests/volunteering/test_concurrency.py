"""Twenty people race for the last place on a shift: exactly one gets it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from dugnad.people.models import User
from dugnad.volunteering import services
from dugnad.volunteering.models import EngagementStatus, ShiftSignup, SignupStatus
from tests.factories import (
    EngagementFactory,
    MunicipalityFactory,
    NeedFactory,
    ShiftFactory,
    UserFactory,
)

RACERS = 20


@pytest.mark.django_db(transaction=True)
def test_last_place_goes_to_exactly_one() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL (DATABASE_URL=postgres://…): row locks are what is tested; "
            "SQLite serialises all writers with its IMMEDIATE transactions."
        )
    municipality = MunicipalityFactory.create()
    need = NeedFactory.create(municipality=municipality)
    shift = ShiftFactory.create(municipality=municipality, need=need, places=3)
    early = UserFactory.create_batch(2)
    racers = UserFactory.create_batch(RACERS)
    for person in early + racers:
        EngagementFactory.create(
            municipality=municipality, need=need, person=person, status=EngagementStatus.ACCEPTED
        )
    for person in early:
        services.take_shift(person=person, shift=shift)

    barrier = threading.Barrier(RACERS)
    won: list[User] = []
    full: list[User] = []
    errors: list[BaseException] = []

    def race(person: User) -> None:
        try:
            barrier.wait()
            services.take_shift(person=person, shift=shift)
            won.append(person)
        except services.ShiftFull:
            full.append(person)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(p,)) for p in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert len(won) == 1
    assert len(full) == RACERS - 1
    confirmed = ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED)
    assert confirmed.count() == shift.places
