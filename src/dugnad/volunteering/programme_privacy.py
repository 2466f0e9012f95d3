"""The personal data of call-outs, health ambassadors and Mentor in a person's
data export, and what account deletion removes."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.volunteering.models import (
    CalloutRecipient,
    MentorEvaluation,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    Responder,
)


def export_programmes(user: User) -> dict[str, Any]:
    pairs = MentorPair.objects.filter(Q(mentor__person=user) | Q(mentee__person=user))
    return {
        "call_out_registrations": [
            {
                "emergency_volunteer": r.is_emergency_volunteer,
                "health_ambassador": r.is_health_ambassador,
                "skills": r.skills,
                "languages": r.languages,
                "districts": [d.name for d in r.districts.all()],
                "phone": r.phone,
                "by_email": r.by_email,
                "by_sms": r.by_sms,
                "consent_at": r.consent_at.isoformat(),
            }
            for r in Responder.objects.filter(person=user).prefetch_related("districts")
        ],
        "call_outs_received": [
            {
                "call_out": c.callout.title,
                "starts_at": c.callout.starts_at.isoformat(),
                "email": c.email,
                "phone": c.phone,
                "status": c.status,
                "answer": c.answer,
                "answered_at": c.answered_at.isoformat() if c.answered_at else None,
            }
            for c in CalloutRecipient.objects.filter(person=user).select_related("callout")
        ],
        "mentor_profiles": [
            {
                "side": p.side,
                "profession": p.profession,
                "languages": p.languages,
                "interests": p.interests,
                "district": p.district.name if p.district else None,
                "goals": p.goals,
            }
            for p in MentorProfile.objects.filter(person=user).select_related("district")
        ],
        "mentor_pairs": [
            {
                "mentor": str(p.mentor.person),
                "participant": str(p.mentee.person),
                "status": p.status,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat(),
                "meetings": [
                    {"date": m.held_on.isoformat(), "notes": m.notes} for m in p.meetings.all()
                ],
                "evaluations": [
                    {
                        "side": e.side,
                        "rating": e.rating,
                        "goals_met": e.goals_met,
                        "comment": e.comment,
                    }
                    for e in p.evaluations.all()
                ],
            }
            for p in pairs.select_related("mentor__person", "mentee__person")
        ],
    }


def erase_programmes(user: User) -> None:
    """Registrations, received call-outs and Mentor profiles go with the account;
    a pair goes with either profile (cascade), with its meetings and evaluations.
    The call-out itself stays (it is the municipality's), with one recipient fewer."""
    CalloutRecipient.objects.filter(person=user).delete()
    Responder.objects.filter(person=user).delete()
    pairs = MentorPair.objects.filter(Q(mentor__person=user) | Q(mentee__person=user))
    MentorMeeting.objects.filter(pair__in=pairs).delete()
    MentorEvaluation.objects.filter(pair__in=pairs).delete()
    pairs.delete()
    MentorProfile.objects.filter(person=user).delete()


privacy.register("volunteering_programmes", exporter=export_programmes, eraser=erase_programmes)
