from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from dugnad.municipalities.models import Municipality
from dugnad.people.models import AuditEntry, Role, User
from tests.factories import PASSWORD, AuditEntryFactory, RoleAssignmentFactory, UserFactory


def test_register_verify_and_land_on_my_page(baerum_client: Client, baerum: Municipality) -> None:
    response = baerum_client.post(
        "/konto/signup/",
        {
            "full_name": "Kari Nordmann",
            "email": "Kari@Example.no",
            "password1": "et-langt-passord-2026",
            "password2": "et-langt-passord-2026",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.no"]
    link = re.search(r"https?://[^\s]+/konto/confirm-email/[^\s]+/", str(message.body))
    assert link, message.body
    assert link.group(0).startswith("http://baerum.localhost/")
    path = link.group(0).split("baerum.localhost", 1)[1]
    # Not logged in before the address is confirmed.
    assert baerum_client.get("/min-side/").status_code == 302
    confirm = baerum_client.post(path)
    assert confirm.status_code == 302
    page = baerum_client.get("/min-side/")
    assert page.status_code == 200
    person = User.objects.get(email="kari@example.no")
    assert person.full_name == "Kari Nordmann"
    assert person.home_municipality == baerum


def test_bad_sign_up_input_is_explained_and_nothing_saved(baerum_client: Client) -> None:
    response = baerum_client.post(
        "/konto/signup/",
        {"full_name": "", "email": "not-an-address", "password1": "a", "password2": "b"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert "ds-error-summary" in body
    assert not User.objects.exists()
    assert mail.outbox == []


def test_log_in_and_out(baerum_client: Client) -> None:
    person = UserFactory.create(email="ola@example.no")
    response = baerum_client.post(
        "/konto/login/", {"login": "ola@example.no", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert baerum_client.get("/min-side/").context["person"] == person
    baerum_client.post("/konto/logout/")
    assert baerum_client.get("/min-side/").status_code == 302


def test_failed_log_ins_are_rate_limited(baerum_client: Client) -> None:
    UserFactory.create(email="ola@example.no")

    def error_codes(password: str) -> set[str]:
        response = baerum_client.post(
            "/konto/login/", {"login": "ola@example.no", "password": password}
        )
        if response.status_code == 302:
            return {"logged-in"}
        return {e.code for e in response.context["form"].non_field_errors().as_data()}

    first = error_codes("wrong")
    assert "too_many_login_attempts" not in first
    for _ in range(5):
        error_codes("wrong")
    # Past the per-account limit (5 failures in 5 minutes), even the right
    # password is refused with an explanation.
    assert "too_many_login_attempts" in error_codes(PASSWORD)
    assert baerum_client.get("/min-side/").status_code == 302


def test_language_switch_is_remembered(baerum_client: Client) -> None:
    page = baerum_client.get("/")
    assert '<html lang="nb"' in page.content.decode()
    switched = baerum_client.post("/i18n/setlang/", {"language": "en", "next": "/lokaler/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/lokaler/"
    assert '<html lang="en"' in baerum_client.get("/lokaler/").content.decode()
    baerum_client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    assert '<html lang="nn"' in baerum_client.get("/").content.decode()


def test_browser_language_does_not_override_bokmaal(baerum_client: Client) -> None:
    page = baerum_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nb"' in page.content.decode()


def test_language_the_municipality_does_not_offer_falls_back(baerum: Municipality) -> None:
    baerum.languages = ["nb", "nn"]
    baerum.save()
    client = Client(HTTP_HOST="baerum.localhost")
    client.cookies["dugnad_language"] = "en"
    body = client.get("/").content.decode()
    assert '<html lang="nb"' in body
    assert 'value="en"' not in body


def test_my_page_shows_roles_and_saves_details(baerum_client: Client, baerum: Municipality) -> None:
    person = RoleAssignmentFactory.create(role=Role.POLITICIAN, municipality=baerum).user
    baerum_client.force_login(person)
    body = baerum_client.get("/min-side/").content.decode()
    assert "Bærum kommune" in body
    assert str(Role.POLITICIAN.label) in body or "Politiker" in body
    response = baerum_client.post(
        "/min-side/",
        {"full_name": "Lise Haugen", "phone": "+47 900 00 000", "preferred_language": "nn"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Lise Haugen"
    assert person.preferred_language == "nn"


def test_my_page_rejects_bad_input_without_saving(baerum_client: Client) -> None:
    person = UserFactory.create(full_name="Før")
    baerum_client.force_login(person)
    response = baerum_client.post(
        "/min-side/", {"full_name": "x" * 200, "phone": "", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Før"


def test_data_export_downloads_json(baerum_client: Client) -> None:
    person = UserFactory.create(email="eksport@example.no")
    baerum_client.force_login(person)
    response = baerum_client.get("/min-side/mine-data.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "eksport@example.no"


def test_delete_account_needs_confirmation_then_logs_out(baerum_client: Client) -> None:
    person = UserFactory.create(email="slett@example.no")
    baerum_client.force_login(person)
    refused = baerum_client.post("/min-side/slett-konto/", {})
    assert refused.status_code == 200
    person.refresh_from_db()
    assert person.is_active
    done = baerum_client.post("/min-side/slett-konto/", {"confirm": "on"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert baerum_client.get("/min-side/").status_code == 302
    again = Client(HTTP_HOST="baerum.localhost").post(
        "/konto/login/", {"login": "slett@example.no", "password": PASSWORD}
    )
    assert again.status_code == 200  # the form says the log-in failed


def test_audit_log_lists_entries_with_fixed_query_count(
    baerum_client: Client, baerum: Municipality, django_assert_num_queries: Any
) -> None:
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    baerum_client.force_login(admin)
    for _ in range(20):
        AuditEntryFactory.create(
            actor=UserFactory.create(), subject=UserFactory.create(), municipality=baerum
        )
    baerum_client.get("/revisjonslogg/")  # warms the host cache
    # session, user, count, the action filter, the page of entries with their people
    with django_assert_num_queries(5):
        response = baerum_client.get("/revisjonslogg/")
    assert response.content.decode().count("test.action") >= 20


def test_admin_viewing_a_person_is_audited(baerum_client: Client) -> None:
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    person = UserFactory.create()
    baerum_client.force_login(admin)
    assert baerum_client.get(f"/admin/people/user/{person.pk}/change/").status_code == 200
    assert AuditEntry.objects.filter(action="person.viewed", subject=person, actor=admin).exists()


@pytest.mark.parametrize("path", ["/api/v1/me"])
def test_api_me(baerum_client: Client, baerum: Municipality, path: str) -> None:
    assert baerum_client.get(path).status_code == 401
    person = RoleAssignmentFactory.create(role=Role.CASE_OFFICER, municipality=baerum).user
    baerum_client.force_login(person)
    data = baerum_client.get(path).json()
    assert data["email"] == person.email
    assert data["roles"][0]["role"] == "case_officer"


def test_api_municipality_is_scoped_by_host(baerum_client: Client, asker_client: Client) -> None:
    assert baerum_client.get("/api/v1/municipality").json()["number"] == "3201"
    assert asker_client.get("/api/v1/municipality").json()["number"] == "3203"
    schema = baerum_client.get("/api/v1/openapi.json").json()
    assert "NLOD" in schema["info"]["description"]
