"""The premises demo: rooms and a divisible gym in the demo buildings, and
this week's bookings, loaded again without duplicates."""

from __future__ import annotations

import pytest

from dugnad.municipalities.demo import foundation
from dugnad.people.models import User
from dugnad.premises import demo
from dugnad.premises.models import (
    Booking,
    BookingSeries,
    BookingStatus,
    OpeningHours,
    Space,
    Tariff,
)
from dugnad.premises.permissions import can_manage_bookings


@pytest.mark.django_db
def test_demo_is_idempotent_and_bookable() -> None:
    foundation.load()
    assert demo.load() > len(demo.BOOKINGS)  # this week's and a season of weekly ones
    assert BookingSeries.objects.count() == len(demo.SERIES)
    assert OpeningHours.objects.exists()
    assert Tariff.objects.exists()
    spaces, bookings = Space.objects.count(), Booking.objects.count()
    assert demo.load() == 0
    assert (Space.objects.count(), Booking.objects.count()) == (spaces, bookings)

    gym = Space.objects.get(name="Gymsalen")
    assert len(gym.leaf_ids()) == 2
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 1
    manager = User.objects.get(email="utleie@baerum.demo")
    fornebu = Space.objects.get(name="Storsalen").building
    assert can_manage_bookings(manager, fornebu.municipality, fornebu)


@pytest.mark.django_db
def test_demo_season_round_is_proposed_once() -> None:
    from dugnad.premises.models import AllocatedSlot, SeasonApplication, SeasonRound

    foundation.load()
    demo.load()
    season_round = SeasonRound.objects.get()
    assert season_round.status == SeasonRound.Status.PROPOSED
    assert SeasonApplication.objects.count() == 5
    slots = AllocatedSlot.objects.count()
    assert 0 < slots < 12  # some wishes collide (whole hall against its halves)
    demo.load()
    assert (SeasonApplication.objects.count(), AllocatedSlot.objects.count()) == (5, slots)
