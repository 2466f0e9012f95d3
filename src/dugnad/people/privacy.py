"""Personal data: what the platform holds about a person, and erasing it.

Each module registers an *exporter* (returns its part of the person's data as
JSON-ready values) and, where it holds personal data, an *eraser* (deletes or
anonymises it, keeping what law requires, e.g. grant decisions). The data
export and account deletion on Min side call all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dugnad.people.models import AuditEntry, RoleAssignment, User, with_scopes

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    _EXPORTERS[section] = exporter
    if eraser is not None:
        _ERASERS[section] = eraser


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> dict[str, Eraser]:
    return dict(_ERASERS)


def _export_account(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "preferred_language": user.preferred_language,
        "home_municipality": str(user.home_municipality) if user.home_municipality else None,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }


def _export_roles(user: User) -> list[dict[str, Any]]:
    return [
        {
            "role": a.role,
            "role_name": str(a.get_role_display()),
            "municipality": a.municipality.name,
            "on": str(a.scope) if a.scope_type_id else None,
            "granted_at": a.granted_at.isoformat(),
        }
        for a in with_scopes(
            list(RoleAssignment.objects.filter(user=user).select_related("municipality"))
        )
    ]


def _export_audit(user: User) -> list[dict[str, Any]]:
    """What staff did with this person's data (GDPR art. 15: who processed it)."""
    return [
        {
            "time": e.created_at.isoformat(),
            "action": e.action,
            "by": str(e.actor) if e.actor_id else None,
            "object": e.target_repr,
        }
        for e in AuditEntry.objects.filter(subject=user).select_related("actor")
    ]


def _erase_roles(user: User) -> None:
    RoleAssignment.objects.filter(user=user).delete()


register("account", exporter=_export_account)
register("roles", exporter=_export_roles, eraser=_erase_roles)
register("audit_log_about_you", exporter=_export_audit)
