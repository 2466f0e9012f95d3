"""Volunteering's part of a person's data export and account deletion."""

from __future__ import annotations

from typing import Any

from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.volunteering.models import Engagement, PolitiattestCheck, ShiftSignup


def export_volunteering(user: User) -> dict[str, Any]:
    return {
        "engagements": [
            {
                "need": e.need.title,
                "status": e.status,
                "created_at": e.created_at.isoformat(),
            }
            for e in Engagement.objects.filter(person=user).select_related("need")
        ],
        "shifts": [
            {
                "need": s.shift.need.title,
                "starts_at": s.shift.starts_at.isoformat(),
                "ends_at": s.shift.ends_at.isoformat(),
                "status": s.status,
            }
            for s in ShiftSignup.objects.filter(person=user).select_related("shift__need")
        ],
        "police_certificate_checks": [
            {
                "service": c.service.name if c.service else None,
                "organisation": c.organisation.name if c.organisation else None,
                "checked_on": c.checked_on.isoformat(),
            }
            for c in PolitiattestCheck.objects.filter(person=user).select_related(
                "service", "organisation"
            )
        ],
    }


def erase_volunteering(user: User) -> None:
    """Sign-ups, interests and certificate checks go with the account: the
    places are freed and nothing else needs to be kept."""
    ShiftSignup.objects.filter(person=user).delete()
    Engagement.objects.filter(person=user).delete()
    PolitiattestCheck.objects.filter(person=user).delete()


privacy.register("volunteering", exporter=export_volunteering, eraser=erase_volunteering)
