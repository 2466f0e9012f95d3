"""Volunteering's part of a person's data export and account deletion."""

from __future__ import annotations

from typing import Any

from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.volunteering.models import (
    ContactConsent,
    Engagement,
    PolitiattestCheck,
    ShiftSignup,
    VolunteerProfile,
)


def _profile(user: User) -> dict[str, Any] | None:
    profile = VolunteerProfile.objects.filter(person=user).first()
    if profile is None:
        return None
    return {
        "interests": profile.interests,
        "skills": profile.skills,
        "languages": profile.languages,
        "districts": [d.name for d in profile.districts.all()],
        "availability": profile.availability,
        "suits": profile.suits,
        "updated_at": profile.updated_at.isoformat(),
    }


def export_volunteering(user: User) -> dict[str, Any]:
    return {
        "profile": _profile(user),
        "contact_consents": [
            {
                "topic": c.topic,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in ContactConsent.objects.filter(person=user)
        ],
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
                "checked_in_at": s.checked_in_at.isoformat() if s.checked_in_at else None,
                "hours": str(s.hours) if s.hours is not None else None,
                "hours_confirmed_at": (
                    s.hours_confirmed_at.isoformat() if s.hours_confirmed_at else None
                ),
            }
            for s in ShiftSignup.objects.filter(person=user).select_related("shift__need")
        ],
        "police_certificate_checks": [
            {
                "service": c.service.name if c.service else None,
                "organisation": c.organisation.name if c.organisation else None,
                "checked_on": c.checked_on.isoformat(),
                "valid_until": c.valid_until.isoformat() if c.valid_until else None,
            }
            for c in PolitiattestCheck.objects.filter(person=user).select_related(
                "service", "organisation"
            )
        ],
    }


def erase_volunteering(user: User) -> None:
    """Sign-ups (with their hours), interests, certificate checks, the profile
    and the consent history go with the account: the places are freed and
    nothing else needs to be kept. A freed place on an upcoming shift goes to
    the first person on its waiting list, as when the person cancels."""
    from django.utils import timezone

    from dugnad.volunteering.services import _remove_signup

    for signup in (
        ShiftSignup.objects.filter(person=user, shift__starts_at__gt=timezone.now())
        .select_related("shift")
        .order_by("shift__starts_at", "pk")
    ):
        _remove_signup(signup)
    ShiftSignup.objects.filter(person=user).delete()
    Engagement.objects.filter(person=user).delete()
    PolitiattestCheck.objects.filter(person=user).delete()
    VolunteerProfile.objects.filter(person=user).delete()
    ContactConsent.objects.filter(person=user).delete()


privacy.register("volunteering", exporter=export_volunteering, eraser=erase_volunteering)
