"""Volunteer profiles and contact consents: saving them, and reading them.

A consent is a row per topic with the time it was given; withdrawing sets
``withdrawn_at`` and giving it again adds a new row, so the history stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.municipalities.models import District
from dugnad.people import rules
from dugnad.people.models import User
from dugnad.volunteering.profile_models import (
    ContactConsent,
    ContactTopic,
    Interest,
    Language,
    PartOfDay,
    VolunteerProfile,
)
from dugnad.volunteering.services import VolunteeringError

PROFILE_FIELDS = ("interests", "skills", "languages", "availability", "suits")


def profile_of(person: User) -> VolunteerProfile | None:
    return VolunteerProfile.objects.filter(person=person).first()


def active_topics(person: User) -> set[str]:
    return set(
        ContactConsent.objects.filter(person=person).active().values_list("topic", flat=True)
    )


def has_consent(person: User, topic: str) -> bool:
    return ContactConsent.objects.filter(person=person, topic=topic).active().exists()


def _valid_slots(codes: Iterable[str]) -> list[str]:
    parts = set(PartOfDay.values)
    valid = []
    for code in codes:
        day, _sep, part = code.partition("-")
        if day.isdigit() and 0 <= int(day) <= 6 and part in parts:
            valid.append(code)
    return sorted(set(valid))


@transaction.atomic
def save_profile(
    *,
    person: User,
    fields: dict[str, Any],
    districts: Iterable[District],
    consents: Iterable[str],
) -> VolunteerProfile:
    """Save ``person``'s own profile and the topics they agree to be contacted about."""
    if not rules.is_authenticated(person):
        raise VolunteeringError(_("Please log in first."))
    profile, _created = VolunteerProfile.objects.select_for_update().get_or_create(person=person)
    profile.interests = [c for c in fields.get("interests", []) if c in Interest.values]
    profile.languages = [c for c in fields.get("languages", []) if c in Language.values]
    profile.skills = fields.get("skills", "")
    profile.suits = list(fields.get("suits", []))
    profile.availability = _valid_slots(fields.get("availability", []))
    profile.updated_at = timezone.now()
    profile.save()
    profile.districts.set(list(districts))
    set_consents(person=person, topics=consents)
    return profile


def set_consents(*, person: User, topics: Iterable[str]) -> None:
    """Give the consents in ``topics`` that are not active, withdraw the others."""
    wanted = {t for t in topics if t in ContactTopic.values}
    now = timezone.now()
    active = {c.topic: c for c in ContactConsent.objects.filter(person=person).active()}
    for topic, consent in active.items():
        if topic not in wanted:
            consent.withdrawn_at = now
            consent.save(update_fields=["withdrawn_at"])
    for topic in wanted - set(active):
        ContactConsent.objects.create(person=person, topic=topic, given_at=now)
