"""The Mentor programme: mentors with work experience paired with newcomers
(immigrants and refugees) for six months.

Profiles for both sides; suggested pairs with reasons (shared profession,
languages, district); a coordinator confirms a pair (the database holds that a
person is in at most one active pair per side); meetings are logged by either
member or the coordinator; after six months both sides answer a short end
evaluation (once each, held by a unique constraint).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.directory.queries import LANGUAGES
from dugnad.municipalities.models import District, Municipality
from dugnad.people import audit, rules
from dugnad.people.models import User
from dugnad.volunteering.models import (
    MentorEvaluation,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorSide,
    PairStatus,
)
from dugnad.volunteering.permissions import may_follow, side_of

PROGRAMME_LENGTH = datetime.timedelta(days=183)  # six months
SUGGESTIONS_PER_PARTICIPANT = 3
# Languages nearly everyone in the programme shares say little about a pair.
COMMON_LANGUAGES = {"nb"}


class MentorError(Exception):
    """A domain error with a message for the person who caused it."""


def _check_manages(actor: User, municipality: Municipality) -> None:
    if not rules.allows("volunteering.manage_programmes", actor, municipality):
        raise MentorError(_("You do not have permission to do this."))


# --- profiles -------------------------------------------------------------------------


@transaction.atomic
def save_profile(
    *,
    person: User,
    municipality: Municipality,
    side: str,
    profession: str,
    languages: list[str],
    interests: str,
    district: District | None,
    goals: str,
) -> MentorProfile:
    if not rules.is_authenticated(person):
        raise MentorError(_("Please log in first."))
    if side not in MentorSide.values:
        raise MentorError(_("Choose mentor or participant."))
    profile, _created = MentorProfile.objects.select_for_update().get_or_create(
        municipality=municipality, person=person, side=side, defaults={"profession": profession}
    )
    profile.profession = profession
    profile.languages = [code for code in languages if code in LANGUAGES]
    profile.interests = interests
    profile.district = district
    profile.goals = goals
    profile.active = True
    profile.save()
    return profile


# --- suggestions ------------------------------------------------------------------------


@dataclass
class Suggestion:
    mentor: MentorProfile
    mentee: MentorProfile
    score: int
    reasons: list[list[str]]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4}


def reasons_for(mentor: MentorProfile, mentee: MentorProfile) -> tuple[int, list[list[str]]]:
    """Score and reasons (``[kind, value]``, shown by :func:`reason_text`)."""
    score = 0
    reasons: list[list[str]] = []
    shared_words = _words(mentor.profession) & _words(mentee.profession)
    if shared_words:
        score += 3
        reasons.append(["profession", mentor.profession])
    shared = [c for c in mentee.languages if c in mentor.languages and c not in COMMON_LANGUAGES]
    for code in shared:
        score += 2
        reasons.append(["language", code])
    if mentor.district_id and mentor.district_id == mentee.district_id:
        score += 1
        reasons.append(["district", mentor.district.name if mentor.district else ""])
    shared_interests = _words(mentor.interests) & _words(mentee.interests)
    if shared_interests:
        score += 1
        reasons.append(["interests", ", ".join(sorted(shared_interests))])
    return score, reasons


def reason_text(reason: list[str]) -> str:
    kind, value = reason[0], reason[1]
    if kind == "profession":
        return _("Same field: %(value)s") % {"value": value}
    if kind == "language":
        return _("Both speak %(language)s") % {"language": LANGUAGES.get(value, value)}
    if kind == "district":
        return _("Both live in %(district)s") % {"district": value}
    return _("Shared interests: %(value)s") % {"value": value}


def suggestions(municipality: Municipality) -> list[Suggestion]:
    """For each active participant without a pair, the best mentors without a
    pair, best first, with the reasons. Two queries."""
    in_pairs = MentorPair.objects.filter(municipality=municipality, status=PairStatus.ACTIVE)
    busy = set(in_pairs.values_list("mentor_id", flat=True)) | set(
        in_pairs.values_list("mentee_id", flat=True)
    )
    profiles = [
        p
        for p in MentorProfile.objects.filter(municipality=municipality, active=True)
        .select_related("person", "district")
        .order_by("created_at", "pk")
        if p.pk not in busy
    ]
    mentors = [p for p in profiles if p.side == MentorSide.MENTOR]
    result = []
    for mentee in (p for p in profiles if p.side == MentorSide.MENTEE):
        ranked = []
        for mentor in mentors:
            if mentor.person_id == mentee.person_id:
                continue
            score, reasons = reasons_for(mentor, mentee)
            if score > 0:
                ranked.append(Suggestion(mentor, mentee, score, reasons))
        ranked.sort(key=lambda s: (-s.score, s.mentor.pk))
        result.extend(ranked[:SUGGESTIONS_PER_PARTICIPANT])
    return result


# --- pairs ------------------------------------------------------------------------------


@transaction.atomic
def confirm_pair(
    *,
    actor: User,
    mentor: MentorProfile,
    mentee: MentorProfile,
    starts_on: datetime.date | None = None,
) -> MentorPair:
    _check_manages(actor, mentor.municipality)
    if mentor.side != MentorSide.MENTOR or mentee.side != MentorSide.MENTEE:
        raise MentorError(_("Pair a mentor with a participant."))
    if mentor.municipality_id != mentee.municipality_id:
        raise MentorError(_("Pair a mentor with a participant."))
    if mentor.person_id == mentee.person_id:
        raise MentorError(_("A person cannot be their own mentor."))
    if not (mentor.active and mentee.active):
        raise MentorError(_("Both profiles must be active to be paired."))
    start = starts_on or timezone.localdate()
    _score, reasons = reasons_for(mentor, mentee)
    try:
        with transaction.atomic():
            pair = MentorPair.objects.create(
                municipality=mentor.municipality,
                mentor=mentor,
                mentee=mentee,
                reasons=reasons,
                starts_on=start,
                ends_on=start + PROGRAMME_LENGTH,
                confirmed_by=actor,
            )
    except IntegrityError as exc:
        raise MentorError(_("One of them is already in an active pair.")) from exc
    audit.record(
        actor=actor,
        action="volunteering.mentor_pair_confirmed",
        municipality=pair.municipality,
        target=pair,
    )
    return pair


@transaction.atomic
def end_pair(*, actor: User, pair: MentorPair, cancelled: bool = False) -> MentorPair:
    _check_manages(actor, pair.municipality)
    pair.status = PairStatus.CANCELLED if cancelled else PairStatus.ENDED
    pair.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="volunteering.mentor_pair_cancelled"
        if cancelled
        else "volunteering.mentor_pair_ended",
        municipality=pair.municipality,
        target=pair,
    )
    return pair


@transaction.atomic
def log_meeting(
    *, actor: User, pair: MentorPair, held_on: datetime.date, notes: str
) -> MentorMeeting:
    if not may_follow(actor, pair.municipality, pair):
        raise MentorError(_("You do not have permission to do this."))
    if pair.status != PairStatus.ACTIVE:
        raise MentorError(_("The pair has ended; meetings can no longer be logged."))
    if held_on > timezone.localdate():
        raise MentorError(_("Log meetings that have taken place."))
    return MentorMeeting.objects.create(
        municipality=pair.municipality, pair=pair, held_on=held_on, notes=notes, logged_by=actor
    )


def evaluation_due(pair: MentorPair) -> bool:
    return pair.status == PairStatus.ENDED or timezone.localdate() >= pair.ends_on


@transaction.atomic
def submit_evaluation(
    *, person: User, pair: MentorPair, rating: int, goals_met: str, comment: str
) -> MentorEvaluation:
    """The person's side of the end evaluation, once."""
    side = side_of(person, pair)
    if side is None:
        raise MentorError(_("Only the mentor and the participant answer the evaluation."))
    if not evaluation_due(pair):
        raise MentorError(_("The evaluation opens when the six months are over."))
    try:
        with transaction.atomic():
            return MentorEvaluation.objects.create(
                municipality=pair.municipality,
                pair=pair,
                side=side,
                rating=rating,
                goals_met=goals_met,
                comment=comment,
            )
    except IntegrityError as exc:
        raise MentorError(_("You have already answered the evaluation.")) from exc
