"""Demo data of call-outs and programmes in Bærum (idempotent): health
ambassadors speaking Arabic, Somali, Tigrinya, Polish and Urdu; emergency
volunteers; a past call-out with answers; and Mentor pairs."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from dugnad.municipalities.demo.foundation import _person
from dugnad.municipalities.models import District, Municipality
from dugnad.people.models import User
from dugnad.volunteering.models import (
    Answer,
    Callout,
    CalloutRecipient,
    CalloutStatus,
    DeliveryStatus,
    MentorEvaluation,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorSide,
    PairStatus,
    Responder,
    Skill,
)

# (e-mail name, full name, languages, district, skills, ambassador)
RESPONDERS = [
    ("hodan.warsame", "Hodan Warsame", ["so", "nb", "en"], "Rykkinn", [Skill.INTERPRETER], True),
    ("amira.haddad", "Amira Haddad", ["ar", "nb"], "Sandvika", [Skill.HEALTH], True),
    ("senait.tesfay", "Senait Tesfay", ["ti", "nb"], "Bekkestua", [Skill.CARE], True),
    ("agnieszka.nowak", "Agnieszka Nowak", ["pl", "nb", "en"], "Fornebu", [Skill.DRIVER], True),
    ("imran.qureshi", "Imran Qureshi", ["ur", "nb", "en"], "Stabekk", [Skill.DRIVER], True),
    ("ole.bakken", "Ole Bakken", ["nb"], "Sandvika", [Skill.DRIVER, Skill.LOGISTICS], False),
    ("berit.lie", "Berit Lie", ["nb", "en"], "Bekkestua", [Skill.HEALTH, Skill.FIRST_AID], False),
    ("jon.eriksen", "Jon Eriksen", ["nb"], None, [Skill.DRIVER], False),
    ("mona.strand", "Mona Strand", ["nb"], "Rykkinn", [Skill.COOKING, Skill.CARE], False),
    ("per.dahl", "Per Dahl", ["nb", "en"], "Fornebu", [Skill.IT, Skill.DRIVER], False),
]

# (e-mail name, full name, side, profession, languages, district, interests, goals)
MENTOR_PEOPLE = [
    (
        "ingrid.berg",
        "Ingrid Berg",
        MentorSide.MENTOR,
        "Sykepleier",
        ["nb", "en"],
        "Bekkestua",
        "turer, strikking",
        "",
    ),
    (
        "lars.haugen",
        "Lars Haugen",
        MentorSide.MENTOR,
        "Elektroingeniør",
        ["nb", "en", "ar"],
        "Sandvika",
        "fotball, sykling",
        "",
    ),
    (
        "kari.nilsen",
        "Kari Nilsen",
        MentorSide.MENTOR,
        "Regnskapsfører",
        ["nb", "uk", "ru"],
        "Rykkinn",
        "matlaging",
        "",
    ),
    (
        "yonas.gebremedhin",
        "Yonas Gebremedhin",
        MentorSide.MENTEE,
        "Sykepleier fra Eritrea",
        ["ti", "en", "nb"],
        "Bekkestua",
        "turer, løping",
        "Få autorisasjon som sykepleier i Norge og jobb på sykehjem.",
    ),
    (
        "fatima.alsayed",
        "Fatima Al-Sayed",
        MentorSide.MENTEE,
        "Elektroingeniør fra Syria",
        ["ar", "en"],
        "Sandvika",
        "sykling",
        "Lære om arbeidslivet i Norge og finne praksisplass.",
    ),
    (
        "olena.kovalenko",
        "Olena Kovalenko",
        MentorSide.MENTEE,
        "Regnskapsfører fra Ukraina",
        ["uk", "ru", "en"],
        "Rykkinn",
        "matlaging, musikk",
        "Øve på norsk og få jobb innen regnskap.",
    ),
]

CALLOUT_TITLE = "Sjåfører til vaksinesenteret i Sandvika"


def _people(baerum: Municipality) -> dict[str, User]:
    names = [(r[0], r[1]) for r in RESPONDERS] + [(m[0], m[1]) for m in MENTOR_PEOPLE]
    return {name: _person(f"{name}@baerum.demo", full, baerum) for name, full in names}


@transaction.atomic
def load(baerum: Municipality) -> None:
    districts = {d.name: d for d in District.objects.filter(municipality=baerum)}
    people = _people(baerum)
    for name, _full, languages, district, skills, ambassador in RESPONDERS:
        responder, _ = Responder.objects.update_or_create(
            municipality=baerum,
            person=people[name],
            defaults={
                "languages": languages,
                "skills": [str(s) for s in skills],
                "is_health_ambassador": ambassador,
                "is_emergency_volunteer": True,
                "by_email": True,
            },
        )
        responder.districts.set([districts[district]] if district in districts else [])

    last_week = timezone.now() - datetime.timedelta(days=7)
    callout, created = Callout.objects.get_or_create(
        municipality=baerum,
        title=CALLOUT_TITLE,
        defaults={
            "message": "Vi trenger sjåfører som kan kjøre eldre til og fra vaksinesenteret.",
            "place": "Sandvika vaksinesenter, Løkketangen 12",
            "starts_at": last_week.replace(hour=7, minute=0, second=0, microsecond=0),
            "ends_at": last_week.replace(hour=15, minute=0, second=0, microsecond=0),
            "skills": [Skill.DRIVER.value],
            "status": CalloutStatus.CLOSED,
            "sent_at": last_week - datetime.timedelta(days=2),
            "closed_at": last_week,
        },
    )
    if created:
        drivers = [n for n, *_r, skills, _a in RESPONDERS if Skill.DRIVER in skills]
        answers = [Answer.YES, Answer.YES, Answer.NO, Answer.YES, ""]
        CalloutRecipient.objects.bulk_create(
            CalloutRecipient(
                municipality=baerum,
                callout=callout,
                person=people[name],
                email=people[name].email,
                status=DeliveryStatus.SENT,
                sent_at=callout.sent_at,
                answer=answers[i % len(answers)],
                answered_at=callout.sent_at if answers[i % len(answers)] else None,
            )
            for i, name in enumerate(drivers)
        )

    profiles = {}
    for name, _full, side, profession, languages, district, interests, goals in MENTOR_PEOPLE:
        profiles[name], _ = MentorProfile.objects.update_or_create(
            municipality=baerum,
            person=people[name],
            side=side,
            defaults={
                "profession": profession,
                "languages": languages,
                "district": districts.get(district),
                "interests": interests,
                "goals": goals,
            },
        )
    today = timezone.localdate()
    active, created = MentorPair.objects.get_or_create(
        municipality=baerum,
        mentor=profiles["ingrid.berg"],
        mentee=profiles["yonas.gebremedhin"],
        defaults={
            "reasons": [["profession", "Sykepleier"], ["district", "Bekkestua"]],
            "starts_on": today - datetime.timedelta(days=60),
            "ends_on": today + datetime.timedelta(days=123),
        },
    )
    if created:
        for days, notes in (
            (55, "Første møte på kafé på Bekkestua. Snakket om mål og autorisasjon."),
            (30, "Gikk gjennom søknaden til Helsedirektoratet sammen."),
        ):
            MentorMeeting.objects.create(
                municipality=baerum,
                pair=active,
                held_on=today - datetime.timedelta(days=days),
                notes=notes,
            )
    ended, created = MentorPair.objects.get_or_create(
        municipality=baerum,
        mentor=profiles["kari.nilsen"],
        mentee=profiles["olena.kovalenko"],
        defaults={
            "status": PairStatus.ENDED,
            "reasons": [["language", "uk"], ["district", "Rykkinn"]],
            "starts_on": today - datetime.timedelta(days=200),
            "ends_on": today - datetime.timedelta(days=17),
        },
    )
    if created:
        MentorEvaluation.objects.create(
            municipality=baerum, pair=ended, side=MentorSide.MENTOR, rating=5, goals_met="yes"
        )
        MentorEvaluation.objects.create(
            municipality=baerum,
            pair=ended,
            side=MentorSide.MENTEE,
            rating=5,
            goals_met="partly",
            comment="Jeg har fått deltidsjobb på et regnskapskontor.",
        )
