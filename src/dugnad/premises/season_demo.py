"""Demo season round (``manage.py load_demo``): Bærum's sports halls for
2027–2028 with applications from demo clubs, and a proposed allocation.

Idempotent: the round is matched by name, clubs by name, applications by
round and club; the allocation is proposed only while the round is open.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from dugnad.directory.models import Organisation
from dugnad.municipalities.demo.foundation import demo_organisation_number
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.premises import season
from dugnad.premises.models import SeasonApplication, SeasonRound, SeasonWish, Space

ROUND = "Idrettshaller 2027–2028"
HALLS = ("Idrettshallen", "Gymsalen")
A = SeasonApplication.AgeGroup

# club (organisations of the directory's demo), age group, members, activity,
# wishes (space, weekday, from, to, priority)
CLUBS: list[tuple[str, str, int, str, list[tuple[str, int, int, int, int]]]] = [
    (
        "Rykkinn håndballklubb",
        A.CHILDREN,
        240,
        "Håndball for barn 8–12 år",
        [
            ("Idrettshallen", 1, 17, 19, 1),
            ("Idrettshallen, halvdel A", 3, 17, 18, 2),
            ("Gymsalen", 4, 17, 19, 3),
        ],
    ),
    (
        "Berger innebandyklubb",
        A.YOUTH,
        90,
        "Innebandy for ungdom",
        [("Idrettshallen, halvdel B", 1, 18, 20, 1), ("Gymsalen, halvdel øst", 2, 18, 20, 2)],
    ),
    (
        "Ballerud turnforening",
        A.CHILDREN,
        160,
        "Turn og allidrett",
        [("Gymsalen", 1, 17, 19, 1), ("Gymsalen", 3, 17, 19, 2)],
    ),
    (
        "Bærums Verk idrettsforening",
        A.ADULTS,
        600,
        "Fotball for voksne, innendørs",
        [("Idrettshallen", 1, 19, 21, 1), ("Idrettshallen", 3, 20, 22, 2)],
    ),
    (
        "Blommenholm idrettslag",
        A.SENIORS,
        45,
        "Trim for seniorer",
        [("Gymsalen, halvdel vest", 2, 10, 11, 1)],
    ),
]


def _club(municipality: Municipality, name: str, n: int, admin: User) -> Organisation:
    """The demo club ``name``: the directory's organisation of that name, else
    the ``n``-th sports club of the directory's demo (so the season adds no
    organisations to the directory), else a new one (a bare database)."""
    listed = Organisation.objects.in_municipality(municipality).listed()
    organisation = listed.filter(name=name).first()
    if organisation is None:
        sports = listed.filter(categories__code="1.200").exclude(name__in=[c[0] for c in CLUBS])
        organisation = sports.order_by("name", "pk")[n : n + 1].first()
    if organisation is None:
        organisation, _ = Organisation.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"organisation_number": demo_organisation_number(9100 + n)},
        )
    RoleAssignment.objects.get_or_create(
        user=admin,
        role=Role.ORGANISATION_ADMIN,
        municipality=municipality,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def load() -> SeasonRound:
    baerum = Municipality.objects.get(slug="baerum")
    manager = User.objects.get(email="utleie@baerum.demo")
    admin = User.objects.get(email="lagleder@baerum.demo")
    spaces = {s.name: s for s in Space.objects.filter(municipality=baerum)}
    halls = [s for s in spaces.values() if s.name in HALLS or (s.parent and s.parent.name in HALLS)]
    season_round = SeasonRound.objects.filter(municipality=baerum, name=ROUND).first()
    if season_round is None:
        season_round = SeasonRound.objects.create(
            municipality=baerum,
            name=ROUND,
            season_start=datetime.date(2027, 8, 15),
            season_end=datetime.date(2028, 6, 15),
            # Closed for applications (yesterday), so the plan can be proposed.
            deadline=timezone.now() - datetime.timedelta(days=1),
            created_by=manager,
        )
        season_round.spaces.set(halls)
    for n, (name, age_group, members, activity, wishes) in enumerate(CLUBS):
        organisation = _club(baerum, name, n, admin)
        application, created = SeasonApplication.objects.get_or_create(
            round=season_round,
            organisation=organisation,
            defaults={
                "municipality": baerum,
                "person": admin,
                "age_group": age_group,
                "members": members,
                "activity": activity,
            },
        )
        if created:
            for space, weekday, start, end, priority in wishes:
                SeasonWish.objects.create(
                    municipality=baerum,
                    application=application,
                    space=spaces[space],
                    weekday=weekday,
                    start_time=datetime.time(start),
                    end_time=datetime.time(end),
                    priority=priority,
                )
    if season_round.status == SeasonRound.Status.OPEN:
        season.propose(actor=manager, season_round=season_round)
        season_round.refresh_from_db()
    return season_round
