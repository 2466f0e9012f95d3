"""Rules of the people module."""

from __future__ import annotations

from typing import Any

from dugnad.people.models import Role
from dugnad.people.rules import has_role, is_platform_admin, register


def can_manage_roles(user: Any, municipality: Any, obj: Any) -> bool:
    return is_platform_admin(user) or has_role(user, municipality, Role.MUNICIPAL_ADMIN)


register("people.manage_roles", can_manage_roles)
register("people.view_audit_log", lambda user, municipality, obj: is_platform_admin(user))
