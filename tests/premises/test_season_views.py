"""The season allocation pages, through the whole round as managers and
organisations use them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, User
from dugnad.premises import season, services
from dugnad.premises.models import (
    AllocatedSlot,
    AllocationAdjustment,
    PriorityCriterion,
    SeasonApplication,
    SeasonBooking,
    SeasonRound,
    Space,
)
from tests.factories import UserFactory
from tests.premises.test_season import (  # noqa: F401
    apply,
    closed,
    give_role,
    hall,
    manager,
    org_admin,
)


def logged_in(person: User) -> Client:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(person)
    return client


def test_a_whole_round_through_the_pages(
    baerum: Municipality,
    hall: Space,  # noqa: F811
    manager: User,  # noqa: F811
    django_capture_on_commit_callbacks: object,
) -> None:
    as_manager = logged_in(manager)
    start = timezone.localdate() + datetime.timedelta(days=30)
    response = as_manager.post(
        reverse("premises:season-round-create"),
        {
            "name": "Idrettshaller 2027–2028",
            "season_start": start.isoformat(),
            "season_end": (start + datetime.timedelta(days=13)).isoformat(),
            "deadline": (start - datetime.timedelta(days=10)).isoformat(),
            "day_start": "08:00",
            "day_end": "23:00",
            "spaces": [hall.pk, *hall.parts.values_list("pk", flat=True)],
        },
    )
    season_round = SeasonRound.objects.get()
    assert response.status_code == 302

    applicant, organisation = org_admin(baerum, "Stabæk Håndball")
    half = hall.parts.order_by("name").first()
    assert half is not None
    as_applicant = logged_in(applicant)
    form = {
        "organisation": organisation.pk,
        "activity": "Håndball for jenter 10–12",
        "age_group": "children",
        "members": 140,
        "wish-TOTAL_FORMS": 5,
        "wish-INITIAL_FORMS": 0,
        "wish-0-space": hall.pk,
        "wish-0-weekday": 1,
        "wish-0-start_time": "18:00",
        "wish-0-end_time": "19:30",
        "wish-0-priority": 1,
        "wish-0-alternatives": [half.pk],
    }
    response = as_applicant.post(reverse("premises:season-apply", args=[season_round.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    application = SeasonApplication.objects.get(organisation=organisation)
    assert application.wishes.get().alternatives.get() == half
    apply(season_round, baerum, "Bedriftsidretten", hall)  # loses to the children

    url = reverse("premises:season-allocation", args=[season_round.pk])
    early = as_manager.post(url, {"action": "propose"}, follow=True).content.decode()
    assert "Søknader kan sendes til fristen" in early or "until the deadline" in early
    assert not AllocatedSlot.objects.exists()
    closed(season_round)
    assert as_manager.post(url, {"action": "propose"}).status_code == 302
    page = as_manager.get(url).content.decode()
    assert "Stabæk Håndball" in page
    assert "Øvre grense" in page
    csv = as_manager.get(reverse("premises:season-report", args=[season_round.pk]))
    assert "Stabæk Håndball" in csv.content.decode()

    refused = AllocatedSlot.objects.get().wish.application != application
    assert not refused
    other_wish = SeasonApplication.objects.get(organisation__name="Bedriftsidretten").wishes.get()
    response = as_manager.post(
        reverse("premises:season-adjust", args=[other_wish.pk]),
        {
            "action": "grant",
            "space": hall.pk,
            "weekday": 3,
            "start_time": "18:00",
            "end_time": "20:00",
            "reason": "Flyttet til torsdag etter avtale",
        },
    )
    assert response.status_code == 302
    assert AllocationAdjustment.objects.get().reason == "Flyttet til torsdag etter avtale"

    decision_url = reverse("premises:season-decision", args=[application.pk])
    assert as_applicant.get(decision_url).status_code == 403  # not before publication
    assert as_manager.get(decision_url).status_code == 200  # the managers' preview
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert as_manager.post(url, {"action": "publish"}).status_code == 302
    assert SeasonBooking.objects.count() == 4  # two weeks × two slots

    page = as_applicant.get(decision_url).content.decode()
    assert "forvaltningsloven § 29" in page
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    assert f"{deadline.day}.{deadline.month}.{deadline.year}" in page
    pdf = as_applicant.get(reverse("premises:season-decision-pdf", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:4] == b"%PDF"
    outsider = logged_in(UserFactory.create())
    assert outsider.get(decision_url).status_code == 403


def test_allocation_page_queries_do_not_grow_with_applicants(
    baerum: Municipality,
    hall: Space,  # noqa: F811
    manager: User,  # noqa: F811
) -> None:
    season_round = season.open_round(
        actor=manager,
        municipality=baerum,
        name="Haller",
        season_start=timezone.localdate() + datetime.timedelta(days=30),
        season_end=timezone.localdate() + datetime.timedelta(days=60),
        deadline=timezone.now() + datetime.timedelta(days=5),
        spaces=[hall, *hall.parts.all()],
    )
    client = logged_in(manager)
    url = reverse("premises:season-allocation", args=[season_round.pk])

    def count() -> int:
        season.propose(actor=manager, season_round=closed(season_round))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for i in range(2):
        apply(season_round, baerum, f"Lag {i}", hall, weekday=i)
    count()  # warm the caches (content types, session)
    few = count()
    # open again for more applicants (the proposal closed it)
    SeasonRound.objects.filter(pk=season_round.pk).update(
        status=SeasonRound.Status.OPEN, deadline=timezone.now() + datetime.timedelta(days=5)
    )
    season_round.refresh_from_db()
    for i in range(2, 7):
        apply(season_round, baerum, f"Lag {i}", hall, weekday=i % 7)
    assert count() == few


def test_the_proposal_page_says_which_wishes_existing_bookings_stopped(
    baerum: Municipality,
    hall: Space,  # noqa: F811
    manager: User,  # noqa: F811
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=30)
    season_round = season.open_round(
        actor=manager,
        municipality=baerum,
        name="Haller",
        season_start=start,
        season_end=start + datetime.timedelta(days=13),
        deadline=timezone.now() + datetime.timedelta(days=5),
        spaces=[hall, *hall.parts.all()],
    )
    services.request_series(
        actor=UserFactory.create(),
        municipality=baerum,
        space=hall,
        dates=season.season_dates(season_round, 1),
        start_time=datetime.time(18),
        end_time=datetime.time(19),
        purpose="Seniordans",
    )
    apply(season_round, baerum, "Stabæk Håndball", hall)  # Tuesdays 18–20
    apply(season_round, baerum, "Bærum Turn", hall, weekday=2)
    closed(season_round)
    client = logged_in(manager)
    url = reverse("premises:season-allocation", args=[season_round.pk])
    assert client.post(url, {"action": "propose"}).status_code == 302
    page = client.get(url).content.decode()
    assert page.count("Det finnes allerede bookinger som holder av denne tiden") == 1
    assert AllocatedSlot.objects.get().wish.application.organisation.name == "Bærum Turn"


def test_the_municipality_orders_the_priorities(baerum: Municipality) -> None:
    admin = give_role(UserFactory.create(), baerum, Role.MUNICIPAL_ADMIN)
    client = logged_in(admin)
    url = reverse("premises:season-priorities")
    assert "Aktiviteter for barn og unge først" in client.get(url).content.decode()
    response = client.post(url, {"members": 1, "fair_share": 2, "children_youth": 3})
    assert response.status_code == 302
    assert list(
        PriorityCriterion.objects.filter(municipality=baerum).values_list("kind", flat=True)
    ) == ["members", "fair_share", "children_youth"]
    response = client.post(url, {"members": 1, "fair_share": 1})
    assert response.status_code == 200
    assert "sin egen plass" in response.content.decode()


@pytest.mark.parametrize("path", ["/lokaler/sesong/", "/lokaler/venteliste/"])
def test_lists_render(baerum: Municipality, path: str) -> None:
    assert logged_in(UserFactory.create()).get(path).status_code == 200


def test_the_season_report_never_hands_a_formula_to_a_spreadsheet(
    baerum: Municipality,
    hall: Space,  # noqa: F811
    manager: User,  # noqa: F811
) -> None:
    season_round = season.open_round(
        actor=manager,
        municipality=baerum,
        name="Haller",
        season_start=timezone.localdate() + datetime.timedelta(days=30),
        season_end=timezone.localdate() + datetime.timedelta(days=60),
        deadline=timezone.now() + datetime.timedelta(days=5),
        spaces=[hall],
    )
    application = apply(season_round, baerum, "=HYPERLINK(1)", hall)
    SeasonApplication.objects.filter(pk=application.pk).update(activity="@SUM(A1)")
    text = logged_in(manager).get(reverse("premises:season-report", args=[season_round.pk]))
    body = text.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert "'@SUM(A1)" in body
