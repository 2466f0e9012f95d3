"""Authentication backends: Django's and allauth's, with a cheaper user lookup.

Every request of a logged-in person loads the person from the session's user
id (``get_user``). Django's backends ask the ORM, which builds and compiles the
same short query on every request (about 0.5 ms of CPU, more than running it).
Here the statement is written out once, as on the other hot paths
(:mod:`dugnad.sql`); the person is the same model instance the ORM would give,
and who may log in is decided by the inherited backends, unchanged.
"""

from __future__ import annotations

import functools
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from dugnad import sql
from dugnad.people.models import User


@functools.cache
def _user_sql(vendor: str) -> str:  # quoting is the engine's
    return (
        f"SELECT {sql.select_list(User, 'u')} FROM {sql.table(User)} u"  # noqa: S608 (names from the model)
        f" WHERE u.{sql.column(User, 'id')} = %s"
    )


def user_by_id(user_id: Any) -> User | None:
    """The person with primary key ``user_id``, or None."""
    rows = sql.fetch_all(_user_sql(connection.vendor), [user_id])
    return sql.instance(User, rows[0]) if rows else None


class _SessionUserLookup:
    def get_user(self, user_id: Any) -> User | None:
        user = user_by_id(user_id)
        if user is None or not self.user_can_authenticate(user):  # type: ignore[attr-defined]
            return None
        return user


class ModelBackend(_SessionUserLookup, DjangoModelBackend):
    """Django's backend (log-in by e-mail and password, permissions)."""


class AuthenticationBackend(_SessionUserLookup, AllauthBackend):
    """allauth's backend (log-in through the account pages)."""
