from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from dugnad.municipalities.models import Municipality
from dugnad.people.models import AuditEntry, Role, User
from dugnad.volunteering import mentor
from dugnad.volunteering.models import MentorEvaluation, MentorPair, MentorSide, PairStatus
from tests.factories import (
    DistrictFactory,
    MentorPairFactory,
    MentorProfileFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(baerum: Municipality) -> User:
    user = UserFactory.create()
    RoleAssignmentFactory.create(user=user, municipality=baerum, role=Role.VOLUNTEER_COORDINATOR)
    return user


def test_suggestions_with_reasons(baerum: Municipality) -> None:
    rykkinn = DistrictFactory.create(municipality=baerum, name="Rykkinn", slug="rykkinn")
    nurse = MentorProfileFactory.create(
        municipality=baerum, profession="Sykepleier", languages=["nb", "ar"], district=rykkinn
    )
    MentorProfileFactory.create(municipality=baerum, profession="Elektriker", languages=["nb"])
    mentee = MentorProfileFactory.create(
        municipality=baerum,
        side=MentorSide.MENTEE,
        profession="sykepleier fra Syria",
        languages=["ar", "nb"],
        district=rykkinn,
    )
    found = mentor.suggestions(baerum)
    assert [(s.mentor, s.mentee) for s in found] == [(nurse, mentee)]
    texts = [mentor.reason_text(r) for r in found[0].reasons]
    assert texts == ["Same field: Sykepleier", "Both speak Arabic", "Both live in Rykkinn"]


def test_confirm_meet_and_evaluate(baerum: Municipality, coordinator: User) -> None:
    a = MentorProfileFactory.create(municipality=baerum)
    b = MentorProfileFactory.create(municipality=baerum, side=MentorSide.MENTEE)
    pair = mentor.confirm_pair(actor=coordinator, mentor=a, mentee=b)
    assert pair.ends_on - pair.starts_on == datetime.timedelta(days=183)
    assert mentor.suggestions(baerum) == []
    other = MentorProfileFactory.create(municipality=baerum, side=MentorSide.MENTEE)
    with pytest.raises(mentor.MentorError, match="already in an active pair"):
        mentor.confirm_pair(actor=coordinator, mentor=a, mentee=other)
    with pytest.raises(mentor.MentorError):
        mentor.confirm_pair(actor=b.person, mentor=a, mentee=other)
    mentor.log_meeting(
        actor=a.person, pair=pair, held_on=pair.starts_on, notes="Kaffe og CV-gjennomgang"
    )
    with pytest.raises(mentor.MentorError, match="six months"):
        mentor.submit_evaluation(person=b.person, pair=pair, rating=4, goals_met="yes", comment="")
    mentor.end_pair(actor=coordinator, pair=pair)
    assert AuditEntry.objects.filter(
        action="volunteering.mentor_pair_ended", actor=coordinator, target_id=str(pair.pk)
    ).exists()
    mentor.submit_evaluation(person=b.person, pair=pair, rating=4, goals_met="partly", comment="")
    with pytest.raises(mentor.MentorError, match="already answered"):
        mentor.submit_evaluation(person=b.person, pair=pair, rating=4, goals_met="yes", comment="")
    with pytest.raises(mentor.MentorError):
        mentor.submit_evaluation(
            person=coordinator, pair=pair, rating=4, goals_met="yes", comment=""
        )
    assert MentorEvaluation.objects.get().side == MentorSide.MENTEE


def test_pages(baerum: Municipality, coordinator: User, django_assert_num_queries) -> None:
    staff = Client(HTTP_HOST="baerum.localhost")
    staff.force_login(coordinator)
    a = MentorProfileFactory.create(municipality=baerum)
    b = MentorProfileFactory.create(municipality=baerum, side=MentorSide.MENTEE)
    for _ in range(3):
        MentorPairFactory.create(municipality=baerum)
    staff.get(reverse("volunteering:mentor-coordinate"))
    with django_assert_num_queries(7):
        page = staff.get(reverse("volunteering:mentor-coordinate"))
    assert "Samme fagfelt: Sykepleier" in page.content.decode()
    response = staff.post(reverse("volunteering:mentor-confirm"), {"mentor": a.pk, "mentee": b.pk})
    pair = MentorPair.objects.get(mentor=a)
    assert response["Location"] == reverse("volunteering:mentor-pair", args=[pair.pk])

    member = Client(HTTP_HOST="baerum.localhost")
    member.force_login(b.person)
    assert member.get(reverse("volunteering:mentor-pair", args=[pair.pk])).status_code == 200
    member.post(
        reverse("volunteering:mentor-meeting", args=[pair.pk]),
        {"held_on": pair.starts_on.isoformat(), "notes": "Øvde på jobbintervju"},
    )
    assert pair.meetings.count() == 1
    stranger = Client(HTTP_HOST="baerum.localhost")
    stranger.force_login(UserFactory.create())
    assert stranger.get(reverse("volunteering:mentor-pair", args=[pair.pk])).status_code == 403

    staff.post(reverse("volunteering:mentor-end", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    member.post(
        reverse("volunteering:mentor-evaluation", args=[pair.pk]),
        {"rating": "5", "goals_met": "yes", "comment": "Fikk jobb!"},
    )
    assert pair.evaluations.get().rating == 5


def test_profile_page(baerum: Municipality) -> None:
    person = UserFactory.create()
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(person)
    assert client.get(reverse("volunteering:mentor")).status_code == 200
    client.post(
        reverse("volunteering:mentor"),
        {"side": "mentee", "profession": "Ingeniør", "languages": ["ti"], "goals": "Jobb"},
    )
    assert person.mentor_profiles.get().languages == ["ti"]
