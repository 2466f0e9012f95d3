"""The helpers for statements written out on hot paths (dugnad.sql)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from dugnad import sql
from dugnad.premises.models import BookingSlot


def test_names_come_from_the_models() -> None:
    assert sql.table(BookingSlot).strip('"`') == BookingSlot._meta.db_table
    assert sql.column(BookingSlot, "space").strip('"`') == "space_id"


def test_an_in_list_needs_values() -> None:
    assert sql.placeholders(3) == "%s, %s, %s"
    with pytest.raises(ValueError, match="at least one"):
        sql.placeholders(0)


def test_datetimes_read_back_are_aware() -> None:
    naive = datetime.datetime(2027, 1, 25, 9, 0)  # noqa: DTZ001 (as SQLite returns it)
    assert sql.read_when(naive) == naive.replace(tzinfo=datetime.UTC)
    assert sql.read_when("2027-01-25 09:00:00") == naive.replace(tzinfo=datetime.UTC)
    aware = timezone.now()
    assert sql.read_when(aware) == aware
    with pytest.raises(TypeError):
        sql.read_when(3)


@pytest.mark.django_db
def test_a_datetime_round_trips_through_the_database() -> None:
    moment = timezone.now().replace(microsecond=0)
    (value,) = sql.fetch_one("SELECT %s", [sql.when(moment)])
    assert sql.read_when(value) == moment
