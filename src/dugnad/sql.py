"""Helpers for the few statements written out in SQL on hot paths.

The ORM builds and compiles a query on every call: for a short query that is
0.3–1 ms of CPU against 0.05–0.1 ms to run it. Where a request runs such a
query many times over, or many requests arrive at once (the last place on a
shift, a contested hall), the services write the statement out with these
helpers instead. Table and column names still come from the models, values
are always parameters, and every statement is plain SQL that SQLite and
PostgreSQL both run (or one branch per engine). The helpers use the default
database connection, the only one the project has; statements cached with
``functools.cache`` take the engine as an argument where they differ by it.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[models.Model], field: str) -> str:
    found = model._meta.get_field(field)
    if not isinstance(found, models.Field) or not found.concrete or found.column is None:
        raise ValueError(f"{model.__name__}.{field} has no column")
    return connection.ops.quote_name(found.column)


def placeholders(count: int) -> str:
    """``%s, %s, …`` for an ``IN (…)`` list of ``count`` values."""
    if count < 1:
        raise ValueError("an IN list needs at least one value")
    return ", ".join(["%s"] * count)


def when(value: datetime.datetime) -> Any:
    """An aware datetime as the database stores it (UTC text on SQLite), as
    the ORM would pass it. A naive one is refused: the ORM would read it in
    the local time zone, SQLite here as UTC."""
    if timezone.is_naive(value):
        raise ValueError(f"a naive datetime: {value!r}")
    return connection.ops.adapt_datetimefield_value(value)


def read_when(value: Any) -> datetime.datetime:
    """A datetime column's value read back by a raw cursor, timezone-aware."""
    if isinstance(value, str):  # SQLite without its converters
        value = datetime.datetime.fromisoformat(value)
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"not a datetime: {value!r}")
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def fetch_all(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def fetch_one(sql: str, params: list[Any]) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise LookupError("the statement returned no row")
    return tuple(row)


def select_list(model: type[models.Model], alias: str) -> str:
    """Every concrete column of ``model`` under the table alias ``alias``, in
    field order, for :func:`instance`."""
    return ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields(model))


def instance(model: type[M], values: tuple[Any, ...]) -> M:
    """A model instance from the values of :func:`select_list`, converted as
    the ORM converts them (booleans, JSON and datetimes on SQLite, …)."""
    converted = []
    for field, value in zip(fields(model), values, strict=True):
        for converter in _converters(field):
            value = converter(value, field.cached_col, connection)
        converted.append(value)
    names = [field.attname for field in fields(model)]
    made: M = model.from_db(connection.alias, names, converted)
    return made


def fields(model: type[models.Model]) -> tuple[models.Field[Any, Any], ...]:
    """The columns :func:`select_list` selects, in order."""
    return tuple(model._meta.concrete_fields)


def _converters(field: models.Field[Any, Any]) -> list[Any]:
    # Kept per engine. The backend's converters may be bound to the
    # connection of the thread that first asked; they read only settings that
    # are the same for every connection of the engine (the time zone).
    key = (connection.vendor, field)
    found = _CONVERTERS.get(key)
    if found is None:
        expression = field.cached_col
        found = _CONVERTERS[key] = [
            *connection.ops.get_db_converters(expression),
            *expression.get_db_converters(connection),
        ]
    return found


_CONVERTERS: dict[tuple[str, Any], list[Any]] = {}
