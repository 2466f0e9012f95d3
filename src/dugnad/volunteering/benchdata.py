"""Generated volunteering data for the benchmarks (``bench/scenarios/volunteering.py``).

Not demo data: many rows, made quickly with ``bulk_create``, in Bærum.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from dugnad.municipalities.models import District, Municipality, Service
from dugnad.people.models import User
from dugnad.volunteering.models import (
    Engagement,
    EngagementStatus,
    Interest,
    Language,
    Need,
    NeedStatus,
    Shift,
    ShiftSignup,
    Suits,
    VolunteerProfile,
)
from dugnad.volunteering.profile_models import PartOfDay

BENCH_SERVICE = "Benk frivillighet (generert)"
LANGUAGE_TEXT = ["norsk", "arabisk", "somali", "polsk", "engelsk", "ukrainsk", "urdu"]


def _service(baerum: Municipality) -> Service:
    service, _created = Service.objects.get_or_create(
        municipality=baerum, name=BENCH_SERVICE, defaults={"kind": Service.Kind.NURSING_HOME}
    )
    return service


def _profile_values(rng: random.Random) -> dict[str, object]:
    return {
        "interests": rng.sample(Interest.values, rng.randint(1, 3)),
        "languages": ["no", *rng.sample(Language.values[1:], rng.randint(0, 2))],
        "suits": rng.sample(Suits.values, rng.randint(0, 2)),
        "availability": sorted(
            {f"{rng.randrange(7)}-{rng.choice(PartOfDay.values)}" for _ in range(rng.randint(1, 6))}
        ),
    }


@transaction.atomic
def generate(*, volunteers: int, needs: int, person_email: str) -> None:
    """``volunteers`` people with profiles and ``needs`` published needs with
    two future shifts each; one more person (``person_email``) to ask for."""
    baerum = Municipality.objects.get(slug="baerum")
    districts = list(District.objects.filter(municipality=baerum))
    service = _service(baerum)
    rng = random.Random(4)  # noqa: S311 (repeatable test data, not secrets)
    have = VolunteerProfile.objects.filter(person__email__endswith=".gen@baerum.demo").count()
    if have < volunteers:
        users = User.objects.bulk_create(
            [
                User(email=f"frivillig{i:05d}.gen@baerum.demo", full_name=f"Frivillig {i}")
                for i in range(have, volunteers)
            ]
        )
        profiles = VolunteerProfile.objects.bulk_create(
            [VolunteerProfile(person=u, **_profile_values(rng)) for u in users]
        )
        through = VolunteerProfile.districts.through
        through.objects.bulk_create(
            [
                through(volunteerprofile_id=p.pk, district_id=rng.choice(districts).pk)
                for p in profiles
            ]
        )
    have = Need.objects.filter(service=service).count()
    if have < needs:
        zone = timezone.get_current_timezone()
        today = timezone.localdate()
        made = Need.objects.bulk_create(
            [
                Need(
                    municipality=baerum,
                    service=service,
                    title=f"Generert oppdrag {i}",
                    description="Generert for ytelsesmåling.",
                    district=rng.choice(districts),
                    is_remote=rng.random() < 0.1,
                    suits=rng.sample(Suits.values, rng.randint(0, 2)),
                    interests=rng.sample(Interest.values, rng.randint(1, 2)),
                    languages=", ".join(rng.sample(LANGUAGE_TEXT, rng.randint(0, 2))),
                    status=NeedStatus.PUBLISHED,
                )
                for i in range(have, needs)
            ]
        )
        shifts = []
        for need in made:
            for _n in range(2):
                day = today + datetime.timedelta(days=rng.randint(1, 28))
                start = datetime.datetime.combine(
                    day, datetime.time(rng.choice([9, 13, 18])), tzinfo=zone
                )
                shifts.append(
                    Shift(
                        municipality=baerum,
                        need=need,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=2),
                        places=3,
                    )
                )
        Shift.objects.bulk_create(shifts)
    person, _created = User.objects.get_or_create(
        email=person_email, defaults={"full_name": "Benk Frivillig"}
    )
    profile, _created = VolunteerProfile.objects.update_or_create(
        person=person,
        defaults={
            "interests": ["visiting", "walks"],
            "languages": ["no", "ar"],
            "suits": ["seniors"],
            "availability": ["1-evening", "3-evening", "5-morning"],
        },
    )
    profile.districts.set(districts[:2])


@transaction.atomic
def signup_race(*, emails: list[str], rounds: int) -> list[int]:
    """``rounds`` fresh shifts with one place each, and ``emails`` accepted
    for their need; returns the shift ids (old race shifts are removed)."""
    baerum = Municipality.objects.get(slug="baerum")
    service = _service(baerum)
    need, _created = Need.objects.get_or_create(
        municipality=baerum,
        service=service,
        title="Kappløp om siste plass",
        defaults={"description": "Generert.", "status": NeedStatus.PUBLISHED},
    )
    need.shifts.all().delete()
    for email in emails:
        user, _created = User.objects.get_or_create(email=email)
        Engagement.objects.update_or_create(
            need=need,
            person=user,
            defaults={"municipality": baerum, "status": EngagementStatus.ACCEPTED},
        )
    start = timezone.now() + datetime.timedelta(days=3)
    shifts = Shift.objects.bulk_create(
        [
            Shift(
                municipality=baerum,
                need=need,
                starts_at=start + datetime.timedelta(hours=i),
                ends_at=start + datetime.timedelta(hours=i, minutes=30),
                places=1,
            )
            for i in range(rounds)
        ]
    )
    assert not ShiftSignup.objects.filter(shift__need=need).exists()  # noqa: S101
    return [s.pk for s in shifts]
