from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from dugnad.people import rules
from dugnad.people.api_auth import api_requires
from dugnad.people.models import RoleAssignment

router = Router(tags=["me"])


class RoleOut(Schema):
    role: str
    municipality: str
    scope: str | None


class MeOut(Schema):
    email: str
    full_name: str
    is_platform_admin: bool
    roles: list[RoleOut]


@router.get("", response=MeOut, summary="The logged-in person and their roles")
@api_requires(rules.AUTHENTICATED)
def me(request: HttpRequest) -> MeOut:
    user = request.user
    assignments = RoleAssignment.objects.filter(user=user).select_related("municipality")  # type: ignore[misc]
    return MeOut(
        email=user.email,  # type: ignore[union-attr]
        full_name=user.full_name,  # type: ignore[union-attr]
        is_platform_admin=bool(user.is_superuser),
        roles=[
            RoleOut(
                role=a.role,
                municipality=a.municipality.name,
                scope=str(a.scope) if a.scope_type_id else None,
            )
            for a in assignments
        ],
    )
