"""The volunteering pages as residents and coordinators use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import User
from dugnad.volunteering import services
from dugnad.volunteering.models import (
    Engagement,
    EngagementStatus,
    Need,
    NeedStatus,
    PolitiattestCheck,
    Shift,
    ShiftSignup,
)
from tests.factories import (
    DistrictFactory,
    EngagementFactory,
    NeedFactory,
    ShiftFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    """A logged-in client that reads the pages in English, as the assertions do."""
    client = Client(HTTP_HOST="baerum.localhost")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_list_shows_published_needs_with_filters(
    baerum_client: Client, baerum: Municipality, asker: Municipality
) -> None:
    bekkestua = DistrictFactory.create(municipality=baerum, name="Bekkestua")
    NeedFactory.create(
        municipality=baerum, title="Besøksvenn Bekkestua", district=bekkestua, suits=["seniors"]
    )
    NeedFactory.create(municipality=baerum, title="Telefonvenn", is_remote=True)
    NeedFactory.create(municipality=baerum, title="Hemmelig utkast", status=NeedStatus.DRAFT)
    NeedFactory.create(municipality=asker, title="Asker-oppdrag")
    body = baerum_client.get(reverse("volunteering:index")).content.decode()
    assert "Besøksvenn Bekkestua" in body
    assert "Telefonvenn" in body
    assert "Hemmelig utkast" not in body
    assert "Asker-oppdrag" not in body
    url = reverse("volunteering:index")
    body = baerum_client.get(url, {"bydel": bekkestua.pk}).content.decode()
    assert "Besøksvenn Bekkestua" in body
    assert "Telefonvenn" not in body
    body = baerum_client.get(url, {"passer": "seniors"}).content.decode()
    assert "Besøksvenn Bekkestua" in body
    assert "Telefonvenn" not in body
    body = baerum_client.get(url, {"fjern": "on"}).content.decode()
    assert "Telefonvenn" in body
    assert "Besøksvenn Bekkestua" not in body


def test_list_query_count_is_pinned(
    baerum: Municipality, volunteer: User, django_assert_num_queries: Any
) -> None:
    for _ in range(5):
        NeedFactory.create(municipality=baerum)
    client = client_for(volunteer)
    client.get(reverse("volunteering:index"))  # warm the host and session caches
    with django_assert_num_queries(5):
        response = client.get(reverse("volunteering:index"))
    assert response.status_code == 200


def test_mine_query_count_is_pinned(
    baerum: Municipality, volunteer: User, django_assert_num_queries: Any
) -> None:
    for _ in range(4):
        signup_shift = ShiftFactory.create(municipality=baerum)
        EngagementFactory.create(municipality=baerum, need=signup_shift.need, person=volunteer)
        ShiftSignup.objects.create(municipality=baerum, shift=signup_shift, person=volunteer)
    client = client_for(volunteer)
    client.get(reverse("volunteering:mine"))
    with django_assert_num_queries(4):
        response = client.get(reverse("volunteering:mine"))
    assert response.status_code == 200


def test_volunteer_journey(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home, title="Turvenn")
    shift = ShiftFactory.create(municipality=baerum, need=need, places=1)
    person = client_for(volunteer)
    page = person.get(reverse("volunteering:need", args=[need.pk])).content.decode()
    assert "1 of 1" in page
    nb_page = Client(HTTP_HOST="baerum.localhost").get(reverse("volunteering:need", args=[need.pk]))
    assert "1 av 1" in nb_page.content.decode()
    person.post(reverse("volunteering:need-interest", args=[need.pk]))
    engagement = Engagement.objects.get()
    assert engagement.status == EngagementStatus.INTERESTED

    boss = client_for(coordinator)
    page = boss.get(reverse("volunteering:need-volunteers", args=[need.pk])).content.decode()
    assert "Vera Frivillig" in page
    boss.post(
        reverse("volunteering:engagement-decide", args=[engagement.pk]), {"decision": "accept"}
    )
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACCEPTED

    person.post(reverse("volunteering:shift-take", args=[shift.pk]))
    signup = ShiftSignup.objects.get()
    page = person.get(reverse("volunteering:mine")).content.decode()
    assert "Turvenn" in page
    person.post(reverse("volunteering:signup-cancel", args=[signup.pk]))
    assert not ShiftSignup.objects.exists()


def test_full_shift_offers_the_waiting_list(baerum: Municipality) -> None:
    shift = ShiftFactory.create(municipality=baerum, places=1)
    first, second = UserFactory.create_batch(2)
    for person in (first, second):
        EngagementFactory.create(
            municipality=baerum, need=shift.need, person=person, status=EngagementStatus.ACCEPTED
        )
    ShiftSignup.objects.create(municipality=baerum, shift=shift, person=first)
    response = client_for(second).post(reverse("volunteering:shift-take", args=[shift.pk]))
    assert response.status_code == 409
    body = response.content.decode()
    assert "This shift is full" in body
    assert 'name="waiting_list"' in body
    assert ShiftSignup.objects.count() == 1


HTMX: Any = {"HTTP_HX_REQUEST": "true"}


def _accepted(shift: Shift, *people: User) -> None:
    for person in people:
        EngagementFactory.create(
            municipality=shift.municipality,
            need=shift.need,
            person=person,
            status=EngagementStatus.ACCEPTED,
        )


def test_taking_a_shift_in_place_answers_with_the_row(
    baerum: Municipality, django_assert_num_queries: Any
) -> None:
    shift = ShiftFactory.create(municipality=baerum, places=2)
    person, other = UserFactory.create_batch(2)
    _accepted(shift, person)
    ShiftSignup.objects.create(municipality=baerum, shift=shift, person=other, status="waiting")
    client = client_for(person)
    client.get(reverse("volunteering:need", args=[shift.need_id]))  # a warm session
    # Session, user, the shift with its facts; then the lock, the count and
    # the insert (with the savepoint the test's transaction puts around
    # them). The row is drawn from what the sign-up knows: no second look.
    with django_assert_num_queries(8):
        response = client.post(reverse("volunteering:shift-take", args=[shift.pk]), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith(f'<tr id="shift-{shift.pk}">')
    assert "1 of 2" in body
    assert "Confirmed" in body
    assert 'id="shift-status" hx-swap-oob="innerHTML"' in body
    assert "You have taken the shift" in body
    assert ShiftSignup.objects.get(status="confirmed").person == person


def test_a_full_shift_in_place_offers_the_waiting_list_in_few_queries(
    baerum: Municipality, django_assert_num_queries: Any
) -> None:
    shift = ShiftFactory.create(municipality=baerum, places=1)
    first, second = UserFactory.create_batch(2)
    _accepted(shift, first, second)
    ShiftSignup.objects.create(municipality=baerum, shift=shift, person=first)
    client = client_for(second)
    url = reverse("volunteering:shift-take", args=[shift.pk])
    client.post(url, **HTMX)  # the session is warm after this
    # Session, user, and the shift with every fact the refusal needs: the
    # losers of a race for the last place never queue for its lock.
    with django_assert_num_queries(3):
        response = client.post(url, **HTMX)
    assert response.status_code == 409
    body = response.content.decode()
    assert "0 of 1" in body
    assert 'name="waiting_list" value="1"' in body
    assert "This shift is full" in body
    response = client.post(url, {"waiting_list": "1"}, **HTMX)
    assert response.status_code == 200
    assert "You are on the waiting list" in response.content.decode()
    assert ShiftSignup.objects.get(person=second).status == "waiting"


def test_a_refusal_in_place_shows_why_without_the_button(
    baerum: Municipality, volunteer: User
) -> None:
    shift = ShiftFactory.create(municipality=baerum)
    response = client_for(volunteer).post(
        reverse("volunteering:shift-take", args=[shift.pk]), **HTMX
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "must accept you" in body
    assert "Take the shift" not in body
    assert not ShiftSignup.objects.exists()


def test_taking_a_shift_before_acceptance_is_refused(baerum: Municipality, volunteer: User) -> None:
    shift = ShiftFactory.create(municipality=baerum)
    response = client_for(volunteer).post(
        reverse("volunteering:shift-take", args=[shift.pk]), follow=True
    )
    assert "must accept you" in response.content.decode()
    assert not ShiftSignup.objects.exists()


def test_coordinator_creates_a_need_with_a_shift_and_publishes_it(
    nursing_home: Service, coordinator: User
) -> None:
    boss = client_for(coordinator)
    response = boss.post(
        reverse("volunteering:service-need-create", args=[nursing_home.pk]),
        {"title": "Leksehjelp", "description": "Hjelp barn med lekser", "suits": ["students"]},
    )
    need = Need.objects.get()
    assert response["Location"] == reverse("volunteering:need-edit", args=[need.pk])
    assert need.suits == ["students"]
    boss.post(
        reverse("volunteering:shift-add", args=[need.pk]),
        {"date": "2099-01-05", "start": "17:00", "end": "19:00", "places": "3"},
    )
    assert Shift.objects.get().places == 3
    boss.post(reverse("volunteering:need-status", args=[need.pk]), {"action": "publish"})
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED


def test_bad_need_input_is_explained_and_nothing_saved(
    nursing_home: Service, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("volunteering:service-need-create", args=[nursing_home.pk]),
        {"title": "", "description": "", "minimum_age": "200", "contact_email": "nope"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "ds-error-summary" in body
    assert "Give an age between 0 and 120." in body
    assert not Need.objects.exists()


def test_bad_shift_input_is_explained_and_nothing_saved(
    baerum: Municipality, nursing_home: Service, coordinator: User
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home)
    boss = client_for(coordinator)
    url = reverse("volunteering:shift-add", args=[need.pk])
    response = boss.post(
        url, {"date": "2099-01-05", "start": "19:00", "end": "17:00", "places": "0"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The shift must end after it starts." in body
    response = boss.post(
        url, {"date": "2000-01-05", "start": "17:00", "end": "19:00", "places": "1"}
    )
    assert "The shift must start in the future." in response.content.decode()
    assert not Shift.objects.exists()


def test_politiattest_recorded_from_the_volunteers_page(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    EngagementFactory.create(municipality=baerum, need=need, person=volunteer)
    boss = client_for(coordinator)
    url = reverse("volunteering:need-politiattest", args=[need.pk])
    response = boss.post(url, {"person": volunteer.pk, "checked_on": "2099-01-01"})
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    stranger = UserFactory.create()
    response = boss.post(url, {"person": stranger.pk, "checked_on": "2024-01-01"})
    assert response.status_code == 400
    assert not PolitiattestCheck.objects.exists()
    boss.post(url, {"person": volunteer.pk, "checked_on": "2024-01-01"})
    check = PolitiattestCheck.objects.get()
    assert check.service == nursing_home
    assert check.checked_by == coordinator


def test_coordinators_of_other_services_are_refused(
    baerum: Municipality, nursing_home: Service, volunteer: User
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home)
    response = client_for(volunteer).get(reverse("volunteering:need-edit", args=[need.pk]))
    assert response.status_code == 403


def test_draft_needs_are_not_public(baerum_client: Client, baerum: Municipality) -> None:
    need = NeedFactory.create(municipality=baerum, status=NeedStatus.DRAFT)
    assert baerum_client.get(reverse("volunteering:need", args=[need.pk])).status_code == 404


def test_coordinator_list_query_counts_are_pinned(
    baerum: Municipality,
    nursing_home: Service,
    coordinator: User,
    django_assert_num_queries: Any,
) -> None:
    needs = [NeedFactory.create(municipality=baerum, service=nursing_home) for _ in range(3)]
    for _ in range(4):
        EngagementFactory.create(municipality=baerum, need=needs[0])
    client = client_for(coordinator)
    owner_url = reverse("volunteering:service-coordinate", args=[nursing_home.pk])
    volunteers_url = reverse("volunteering:need-volunteers", args=[needs[0].pk])
    client.get(owner_url)  # warm the host, session and content type caches
    client.get(volunteers_url)
    with django_assert_num_queries(7):
        assert client.get(owner_url).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(volunteers_url).status_code == 200


def test_accepting_without_a_police_certificate_points_to_the_form(
    baerum: Municipality, nursing_home: Service, coordinator: User, volunteer: User
) -> None:
    need = NeedFactory.create(municipality=baerum, service=nursing_home, requires_politiattest=True)
    engagement = EngagementFactory.create(municipality=baerum, need=need, person=volunteer)
    boss = client_for(coordinator)
    response = boss.post(
        reverse("volunteering:engagement-decide", args=[engagement.pk]),
        {"decision": "accept"},
        follow=True,
    )
    body = response.content.decode()
    assert "Record that Vera Frivillig has shown a valid certificate" in body
    assert f'value="{volunteer.pk}" selected' in body
    engagement.refresh_from_db()
    assert engagement.status == "interested"


def test_an_expired_session_in_place_is_sent_to_log_in_and_back(baerum: Municipality) -> None:
    shift = ShiftFactory.create(municipality=baerum)
    page = reverse("volunteering:need", args=[shift.need_id])
    response = Client(HTTP_HOST="baerum.localhost").post(
        reverse("volunteering:shift-take", args=[shift.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://baerum.localhost{page}",
    )
    assert response.status_code == 200
    assert response.content == b""
    assert response["HX-Redirect"].endswith(f"?next={page}")
    assert not ShiftSignup.objects.exists()


def test_a_shift_of_another_municipality_is_not_found(
    baerum: Municipality, asker: Municipality, volunteer: User
) -> None:
    shift = ShiftFactory.create(municipality=asker)
    EngagementFactory.create(
        municipality=asker, need=shift.need, person=volunteer, status=EngagementStatus.ACCEPTED
    )
    response = client_for(volunteer).post(
        reverse("volunteering:shift-take", args=[shift.pk]), **HTMX
    )
    assert response.status_code == 404
    assert not ShiftSignup.objects.exists()


def test_a_closed_need_takes_no_shifts_and_the_need_reads_back_whole(
    baerum: Municipality, volunteer: User
) -> None:
    need = NeedFactory.create(
        municipality=baerum, suits=["seniors", "students"], requires_driving_licence=True
    )
    shift = ShiftFactory.create(municipality=baerum, need=need)
    _accepted(shift, volunteer)
    read, facts = services.shift_to_take(municipality_id=baerum.pk, pk=shift.pk, person=volunteer)
    assert (read.pk, read.starts_at, read.places) == (shift.pk, shift.starts_at, shift.places)
    assert read.need.suits == ["seniors", "students"]
    assert read.need.requires_driving_licence is True
    assert read.need.created_at == need.created_at
    assert facts == services.SignupFacts(accepted=True, signed_up=False, taken=0)
    Need.objects.filter(pk=need.pk).update(status=NeedStatus.CLOSED)
    response = client_for(volunteer).post(
        reverse("volunteering:shift-take", args=[shift.pk]), **HTMX
    )
    assert response.status_code == 409
    assert "not open for volunteers" in response.content.decode()
    assert not ShiftSignup.objects.exists()
