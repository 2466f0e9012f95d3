"""The public page cache: fast for anonymous visitors, never stale or shared
where it must not be."""

from __future__ import annotations

from typing import Any

from django.test import Client

from dugnad.municipalities.models import District, Municipality
from tests.factories import DistrictFactory, OrganisationFactory, UserFactory


def _csrf_from(body: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = body.index(marker) + len(marker)
    return body[start : body.index('"', start)]


def test_second_anonymous_visit_is_served_without_queries(
    baerum_client: Client, django_assert_num_queries: Any
) -> None:
    first = baerum_client.get("/").content.decode()
    with django_assert_num_queries(0):
        second = baerum_client.get("/")
    assert second.status_code == 200
    body = second.content.decode()
    # The same page, but for the visitor's own CSRF token in the forms.
    assert body.replace(_csrf_from(body), "") == first.replace(_csrf_from(first), "")


def test_a_change_to_the_municipalitys_records_shows_at_once(
    baerum_client: Client, baerum: Municipality
) -> None:
    baerum_client.get("/organisasjoner/")
    OrganisationFactory.create(municipality=baerum, name="Nytt korps")
    assert "Nytt korps" in baerum_client.get("/organisasjoner/").content.decode()
    DistrictFactory.create(municipality=baerum, name="Lommedalen")
    assert "Lommedalen" in baerum_client.get("/").content.decode()
    District.objects.filter(name="Lommedalen").delete()
    assert "Lommedalen" not in baerum_client.get("/").content.decode()
    baerum.name = "Bærum"
    baerum.save()
    assert "Volunteering and participation in Bærum kommune" not in (
        baerum_client.get("/").content.decode()
    )


def test_one_municipalitys_change_keeps_the_others_cache(
    baerum_client: Client, asker_client: Client, asker: Municipality, django_assert_num_queries: Any
) -> None:
    baerum_client.get("/")
    OrganisationFactory.create(municipality=asker)
    with django_assert_num_queries(0):
        baerum_client.get("/")


def test_languages_are_cached_apart(baerum_client: Client) -> None:
    bokmaal = baerum_client.get("/").content.decode()
    baerum_client.cookies["dugnad_language"] = "en"
    english = baerum_client.get("/").content.decode()
    assert '<html lang="nb"' in bokmaal
    assert '<html lang="en"' in english


def test_every_visitor_gets_their_own_working_csrf_token(baerum: Municipality) -> None:
    UserFactory.create(email="kari@example.no")
    tokens = []
    for _ in range(2):
        visitor = Client(HTTP_HOST="baerum.localhost", enforce_csrf_checks=True)
        page = visitor.get("/konto/login/")
        token = _csrf_from(page.content.decode())
        assert "placeholder" not in token
        tokens.append(token)
        response = visitor.post(
            "/konto/login/",
            {
                "login": "kari@example.no",
                "password": "correct-horse-battery",
                "csrfmiddlewaretoken": token,
            },
        )
        assert response.status_code == 302  # logged in; a wrong token would give 403
    assert tokens[0] != tokens[1]


def test_logged_in_people_get_a_fresh_page(baerum_client: Client) -> None:
    baerum_client.get("/")
    person = UserFactory.create(full_name="Kari Nordmann")
    baerum_client.force_login(person)
    body = baerum_client.get("/").content.decode()
    assert "/min-side/" in body
    assert "/konto/signup/" not in body


def test_pages_with_messages_are_not_cached(baerum_client: Client) -> None:
    person = UserFactory.create()
    baerum_client.force_login(person)
    baerum_client.post("/konto/logout/")  # queues "You have signed out."
    with_message = baerum_client.get("/").content.decode()
    assert "ds-alert" in with_message
    assert "ds-alert" not in baerum_client.get("/").content.decode()


def test_many_changes_in_one_transaction_bump_once_on_commit(
    baerum: Municipality, asker: Municipality
) -> None:
    from django.db import transaction

    from dugnad.municipalities import page_cache

    def queued(municipality: Municipality) -> int:
        return sum(
            getattr(func, "bumps_municipality", None) == municipality.pk
            for _, func, _ in transaction.get_connection().run_on_commit
        )

    before = page_cache.content_version(baerum.pk)
    with transaction.atomic():
        for _ in range(50):
            page_cache.content_changed(baerum.pk)
        page_cache.content_changed(asker.pk)
        assert (queued(baerum), queued(asker)) == (1, 1)  # not one per change
    assert page_cache.content_version(baerum.pk) > before  # and at once
