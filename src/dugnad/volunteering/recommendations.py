"""Open needs recommended for one person, with the reasons shown.

The database narrows and fetches; Python scores. Every published need of the
municipality that the person has not already answered is read as a small
tuple (one query, no model instances), scored against the profile with set
operations, and only the best ``SHIFT_CANDIDATES`` are looked at again for
their future shifts (one query) to score availability. The chosen needs are
then fetched as models for display (one query). Five queries in all, whatever
the number of volunteers and needs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dugnad.municipalities.models import District, Municipality
from dugnad.people.models import User
from dugnad.volunteering.models import Engagement, EngagementStatus, Need, Shift, Suits
from dugnad.volunteering.profile_models import (
    LANGUAGE_WORDS,
    Interest,
    Language,
    PartOfDay,
    VolunteerProfile,
    part_of_day,
    slot,
)

SHIFT_CANDIDATES = 60

# Weights: being near and speaking a needed language count most.
NEAR = 3
LANGUAGE = 3
AVAILABLE = 2
SUITS = 2
INTEREST = 2
REMOTE = 1


@dataclass
class Recommendation:
    need: Need
    score: int
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    pk: int
    created_at: datetime.datetime
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def need_languages(text: str) -> set[str]:
    """The language codes a need's free-text languages field names."""
    lowered = text.lower()
    return {code for code, words in LANGUAGE_WORDS.items() if any(w in lowered for w in words)}


def _part_sentence(weekday: int, part: str) -> str:
    day = str(WEEKDAYS[weekday])
    if part == PartOfDay.MORNING:
        return capfirst(_("%(weekday)s mornings suit you") % {"weekday": day})
    if part == PartOfDay.AFTERNOON:
        return capfirst(_("%(weekday)s afternoons suit you") % {"weekday": day})
    return capfirst(_("%(weekday)s evenings suit you") % {"weekday": day})


def recommend(*, person: User, municipality: Municipality, limit: int = 10) -> list[Recommendation]:
    """The best ``limit`` published needs for ``person``; empty without a profile."""
    profile = VolunteerProfile.objects.filter(person=person).first()
    if profile is None:
        return []
    districts = dict(
        District.objects.filter(
            pk__in=profile.districts.through.objects.filter(  # type: ignore[attr-defined]
                volunteerprofile_id=profile.pk
            ).values("district_id"),
            municipality=municipality,
        ).values_list("pk", "name")
    )
    languages = set(profile.languages) - {Language.NORWEGIAN}
    suits = set(profile.suits)
    interests = set(profile.interests)
    availability = set(profile.availability)
    suits_labels = dict(Suits.choices)
    interest_labels = dict(Interest.choices)
    language_labels = dict(Language.choices)

    answered = Engagement.objects.filter(person=person).exclude(status=EngagementStatus.WITHDRAWN)
    rows = (
        Need.objects.published()
        .filter(municipality=municipality)
        .exclude(pk__in=answered.values("need_id"))
        .values_list(
            "pk", "created_at", "district_id", "is_remote", "suits", "interests", "languages"
        )
    )
    candidates: list[_Candidate] = []
    for pk, created_at, district_id, is_remote, need_suits, need_interests, need_langs in rows:
        candidate = _Candidate(pk=pk, created_at=created_at)
        if district_id in districts:
            candidate.score += NEAR
            candidate.reasons.append(
                _("Near you, in %(district)s") % {"district": districts[district_id]}
            )
        elif is_remote:
            candidate.score += REMOTE
            candidate.reasons.append(_("Can be done from home"))
        if languages and need_langs:
            spoken = sorted(languages & need_languages(need_langs))
            if spoken:
                candidate.score += LANGUAGE
                candidate.reasons.append(
                    _("Uses your %(language)s") % {"language": language_labels[spoken[0]]}
                )
        shared_suits = [code for code in need_suits or () if code in suits]
        if shared_suits:
            candidate.score += SUITS
            candidate.reasons.append(
                _("Meant for people like you: %(group)s") % {"group": suits_labels[shared_suits[0]]}
            )
        shared_interests = [code for code in need_interests or () if code in interests]
        if shared_interests:
            candidate.score += INTEREST
            candidate.reasons.append(
                _("Matches what you like to do: %(interest)s")
                % {"interest": interest_labels[shared_interests[0]]}
            )
        if candidate.score:
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, -c.created_at.timestamp()))
    shortlist = candidates[:SHIFT_CANDIDATES]
    if availability and shortlist:
        _score_shifts(shortlist, availability)
        shortlist.sort(key=lambda c: (-c.score, -c.created_at.timestamp()))
    chosen = shortlist[:limit]
    needs = Need.objects.select_related("service", "organisation", "district").in_bulk(
        [c.pk for c in chosen]
    )
    return [
        Recommendation(need=needs[c.pk], score=c.score, reasons=c.reasons)
        for c in chosen
        if c.pk in needs
    ]


def _score_shifts(shortlist: list[_Candidate], availability: set[str]) -> None:
    """Add a reason for the first future shift of each need that fits a free slot."""
    by_pk = {c.pk: c for c in shortlist}
    zone = timezone.get_current_timezone()
    matched: set[int] = set()
    shifts: Any = (
        Shift.objects.filter(need_id__in=by_pk, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .values_list("need_id", "starts_at")
    )
    for need_id, starts_at in shifts:
        if need_id in matched:
            continue
        local = starts_at.astimezone(zone)
        part = part_of_day(local.hour)
        if slot(local.weekday(), part) in availability:
            matched.add(need_id)
            candidate = by_pk[need_id]
            candidate.score += AVAILABLE
            candidate.reasons.append(_part_sentence(local.weekday(), part))
