"""The directory's part of a person's data export and account deletion."""

from __future__ import annotations

from typing import Any

from dugnad.directory.models import ClaimStatus, OrganisationClaim
from dugnad.people import privacy
from dugnad.people.models import User


def export_claims(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": claim.organisation.name,
            "role_in_organisation": claim.role_in_organisation,
            "message": claim.message,
            "status": claim.status,
            "created_at": claim.created_at.isoformat(),
            "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
            "decision_note": claim.decision_note,
        }
        for claim in OrganisationClaim.objects.filter(claimant=user).select_related("organisation")
    ]


def erase_claims(user: User) -> None:
    """Pending requests go; decided ones stay as records of the decision, with the
    person's own words removed (the account row itself is anonymised)."""
    claims = OrganisationClaim.objects.filter(claimant=user)
    claims.filter(status=ClaimStatus.PENDING).delete()
    claims.update(message="", role_in_organisation="")


privacy.register("organisation_claims", exporter=export_claims, eraser=erase_claims)
