"""The one permission layer every view and API endpoint goes through.

A *rule* is a named predicate ``(user, municipality, obj) -> bool``. Modules
register their rules here (in their ``permissions.py``); views declare theirs
with :func:`dugnad.people.decorators.requires`, API operations with
:func:`dugnad.people.api_auth.api_requires`. The permission matrix test reads
the declared rule of every URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

if TYPE_CHECKING:
    from dugnad.municipalities.models import Municipality
    from dugnad.people.models import User

AnyUser = "User | AnonymousUser"
Predicate = Callable[[Any, "Municipality | None", Any], bool]

_RULES: dict[str, Predicate] = {}

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def register(name: str, predicate: Predicate) -> None:
    if name in _RULES and _RULES[name] is not predicate:
        raise ValueError(f"Permission rule {name!r} is registered twice.")
    _RULES[name] = predicate


def rule(name: str) -> Callable[[Predicate], Predicate]:
    """Decorator form of :func:`register`."""

    def decorate(predicate: Predicate) -> Predicate:
        register(name, predicate)
        return predicate

    return decorate


def rule_names() -> list[str]:
    return sorted(_RULES)


def allows(
    name: str,
    user: User | AnonymousUser,
    municipality: Municipality | None,
    obj: object | None = None,
) -> bool:
    """May ``user`` do ``name`` (to ``obj``) in ``municipality``?"""
    try:
        predicate = _RULES[name]
    except KeyError as exc:
        raise LookupError(f"Unknown permission rule {name!r}.") from exc
    return bool(predicate(user, municipality, obj))


# --- building blocks ---------------------------------------------------------


def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_platform_admin(user: Any) -> bool:
    return is_authenticated(user) and bool(user.is_superuser)


def has_role(user: Any, municipality: Municipality | None, *roles: str) -> bool:
    """Holds any of ``roles`` in ``municipality`` (on any scope)."""
    if not is_authenticated(user) or municipality is None:
        return False
    return _role_set(user, municipality).intersection(roles) != set()


def has_role_on(
    user: Any, municipality: Municipality | None, obj: models.Model, *roles: str
) -> bool:
    """Holds any of ``roles`` on exactly ``obj`` in ``municipality``."""
    if not is_authenticated(user) or municipality is None:
        return False
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return any(
        (role, content_type.pk, obj.pk) in _scoped_roles(user, municipality) for role in roles
    )


def _assignments(user: Any, municipality: Municipality) -> list[tuple[str, int | None, int | None]]:
    """The person's roles in the municipality, loaded once per request/user object."""
    cache: dict[int, list[tuple[str, int | None, int | None]]] = user.__dict__.setdefault(
        "_dugnad_roles", {}
    )
    if municipality.pk not in cache:
        from dugnad.people.models import RoleAssignment

        cache[municipality.pk] = list(
            RoleAssignment.objects.filter(user=user, municipality=municipality).values_list(
                "role", "scope_type_id", "scope_id"
            )
        )
    return cache[municipality.pk]


def _role_set(user: Any, municipality: Municipality) -> set[str]:
    return {role for role, _, _ in _assignments(user, municipality)}


def _scoped_roles(user: Any, municipality: Municipality) -> set[tuple[str, int | None, int | None]]:
    return set(_assignments(user, municipality))


def forget_cached_roles(user: Any) -> None:
    user.__dict__.pop("_dugnad_roles", None)


# --- rules every module shares -------------------------------------------------

register(PUBLIC, lambda user, municipality, obj: True)
register(AUTHENTICATED, lambda user, municipality, obj: is_authenticated(user))
register("platform.admin", lambda user, municipality, obj: is_platform_admin(user))
