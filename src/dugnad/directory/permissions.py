"""Who may do what in the directory."""

from __future__ import annotations

from typing import Any

from dugnad.directory.models import Organisation, OrganisationClaim
from dugnad.people.models import Role
from dugnad.people.rules import (
    has_role,
    has_role_on,
    is_authenticated,
    is_platform_admin,
    register,
)

STAFF_ROLES = (Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN)


def is_directory_staff(user: Any, municipality: Any) -> bool:
    """Case officers and municipal administrators keep the directory."""
    return is_platform_admin(user) or has_role(user, municipality, *STAFF_ROLES)


def administers(user: Any, organisation: Organisation) -> bool:
    return has_role_on(user, organisation.municipality, organisation, Role.ORGANISATION_ADMIN)


def can_edit_organisation(user: Any, municipality: Any, organisation: Any) -> bool:
    if not isinstance(organisation, Organisation):
        return False
    return is_platform_admin(user) or administers(user, organisation)


def can_decide_claim(user: Any, municipality: Any, claim: Any) -> bool:
    """A case officer of the municipality, or an administrator of an umbrella
    council the organisation is a member of."""
    if not is_authenticated(user):
        return False
    if claim is None:  # the list of claims: anyone who decides some
        return is_directory_staff(user, municipality) or has_role(
            user, municipality, Role.ORGANISATION_ADMIN
        )
    if not isinstance(claim, OrganisationClaim) or claim.claimant_id == user.pk:
        return False
    if is_directory_staff(user, claim.municipality):
        return True
    return any(administers(user, council) for council in claim.organisation.member_of.all())


register("directory.claim", lambda user, municipality, obj: is_authenticated(user))
register("directory.edit_organisation", can_edit_organisation)
register("directory.decide_claims", can_decide_claim)
register("directory.hide_organisation", lambda u, m, o: is_directory_staff(u, m))
