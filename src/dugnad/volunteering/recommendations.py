"""Open needs recommended for one person, with the reasons shown.

The database filters and scores: the published needs of the municipality
that the person has not answered are given points with the weights below
(district, remote, who it suits, kind of work, a language named; JSON lists
compared as text, which both databases can do), and only the best
``SHIFT_CANDIDATES`` come back, as small tuples. Python works out the
reasons for that bounded set (the same tests), adds points for a future
shift in a slot the person is free (one query for those needs' shifts),
re-ranks, and fetches the chosen needs as models for display. Five queries
in all, whatever the number of volunteers and needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Q, TextField, Value, When
from django.db.models.functions import Cast
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
    score: int = 0
    reasons: list[tuple[str, Any]] = field(default_factory=list)


def _any(conditions: Iterable[Q]) -> Q:
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


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
            pk__in=profile.districts.through.objects.filter(volunteerprofile_id=profile.pk).values(
                "district_id"
            ),
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
    # Only the words of the languages the person speaks are looked for.
    words = [(code, LANGUAGE_WORDS[code]) for code in sorted(languages)]

    # The database scores with the same weights and keeps the best
    # SHIFT_CANDIDATES; Python then works out the reasons for those only.
    # JSON lists are compared as text, which both databases can do.
    def points(condition: Q, weight: int) -> Case:
        return Case(When(condition, then=Value(weight)), default=Value(0))

    score: Any = points(Q(district_id__in=list(districts)), NEAR) + points(
        ~Q(district_id__in=list(districts)) & Q(is_remote=True), REMOTE
    )
    if suits:
        score += points(_any(Q(suits_text__contains=f'"{code}"') for code in suits), SUITS)
    if interests:
        score += points(
            _any(Q(interests_text__contains=f'"{code}"') for code in interests), INTEREST
        )
    if words:
        score += points(
            _any(Q(languages__icontains=w) for _code, ws in words for w in ws), LANGUAGE
        )
    rows = (
        Need.objects.published()
        .filter(municipality=municipality)
        .exclude(pk__in=answered.values("need_id"))
        .annotate(
            suits_text=Cast("suits", TextField()), interests_text=Cast("interests", TextField())
        )
        .annotate(score=score)
        .filter(score__gt=0)
        .order_by("-score", "-pk")
        .values_list(
            "pk",
            "district_id",
            "is_remote",
            "suits_text",
            "interests_text",
            "languages",
        )[:SHIFT_CANDIDATES]
    )
    suit_marks = [(code, f'"{code}"') for code in sorted(suits)]
    interest_marks = [(code, f'"{code}"') for code in sorted(interests)]
    candidates: list[_Candidate] = []
    for pk, district_id, is_remote, need_suits, need_interests, need_langs in rows:
        points_ = 0
        reasons: list[tuple[str, Any]] = []
        if district_id in districts:
            points_ += NEAR
            reasons.append(("near", district_id))
        elif is_remote:
            points_ += REMOTE
            reasons.append(("remote", None))
        if words and need_langs:
            lowered = need_langs.lower()
            spoken = next((c for c, ws in words if any(w in lowered for w in ws)), None)
            if spoken is not None:
                points_ += LANGUAGE
                reasons.append(("language", spoken))
        if suit_marks and need_suits:
            shared = next((c for c, mark in suit_marks if mark in need_suits), None)
            if shared is not None:
                points_ += SUITS
                reasons.append(("suits", shared))
        if interest_marks and need_interests:
            shared = next((c for c, mark in interest_marks if mark in need_interests), None)
            if shared is not None:
                points_ += INTEREST
                reasons.append(("interest", shared))
        if points_:
            candidates.append(_Candidate(pk, points_, reasons))
    shortlist = candidates
    if availability and shortlist:
        _score_shifts(shortlist, availability)
        shortlist.sort(key=lambda c: (-c.score, -c.pk))
    chosen = shortlist[:limit]
    needs = Need.objects.select_related("service", "organisation", "district").in_bulk(
        [c.pk for c in chosen]
    )
    # Sentences only for what is shown: translating is the costly part.
    sentences = {
        "near": lambda v: _("Near you, in %(district)s") % {"district": districts[v]},
        "remote": lambda v: _("Can be done from home"),
        "language": lambda v: _("Uses your %(language)s") % {"language": language_labels[v]},
        "suits": lambda v: _("Meant for people like you: %(group)s") % {"group": suits_labels[v]},
        "interest": lambda v: (
            _("Matches what you like to do: %(interest)s") % {"interest": interest_labels[v]}
        ),
        "slot": lambda v: _part_sentence(*v),
    }
    return [
        Recommendation(
            need=needs[c.pk],
            score=c.score,
            reasons=[str(sentences[kind](value)) for kind, value in c.reasons],
        )
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
            candidate.reasons.append(("slot", (local.weekday(), part)))
