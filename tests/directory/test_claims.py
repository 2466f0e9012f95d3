"""Claim and keep: representatives claim their organisation, staff or the
umbrella council approve, administrators edit and invite, staff hide."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client

from dugnad.directory import services
from dugnad.directory.models import ClaimStatus, Organisation, OrganisationClaim, OrganisationKind
from dugnad.municipalities.demo.foundation import demo_organisation_number
from dugnad.municipalities.models import Municipality
from dugnad.people import rules
from dugnad.people.models import AuditEntry, Role, RoleAssignment, User
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def korps(baerum: Municipality) -> Organisation:
    organisation: Organisation = OrganisationFactory.create(
        municipality=baerum,
        name="Rykkinn skolekorps",
        organisation_number=demo_organisation_number(7),
    )
    services.update_search_document(organisation=organisation)
    return organisation


@pytest.fixture
def case_officer(baerum: Municipality) -> User:
    user: User = RoleAssignmentFactory.create(role=Role.CASE_OFFICER, municipality=baerum).user
    return user


def make_admin(organisation: Organisation, user: User | None = None) -> User:
    person = user or UserFactory.create()
    RoleAssignment.objects.create(
        user=person,
        role=Role.ORGANISATION_ADMIN,
        municipality=organisation.municipality,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    rules.forget_cached_roles(person)
    return person


def test_claim_by_number_then_approval_makes_an_administrator(
    baerum_client: Client,
    korps: Organisation,
    case_officer: User,
    baerum: Municipality,
    django_capture_on_commit_callbacks: Any,
) -> None:
    ingrid = UserFactory.create(full_name="Ingrid Berg", email="ingrid@example.no")
    baerum_client.force_login(ingrid)
    found = baerum_client.get(
        "/organisasjoner/representer/", {"organisation_number": korps.organisation_number}
    )
    assert found["Location"] == f"/organisasjoner/{korps.pk}/representer/"
    sent = baerum_client.post(
        found["Location"], {"role_in_organisation": "Leder", "message": "Hei"}
    )
    assert sent.status_code == 302
    claim = OrganisationClaim.objects.get()
    assert claim.status == ClaimStatus.PENDING

    officer = Client(HTTP_HOST="baerum.localhost")
    officer.force_login(case_officer)
    assert "Rykkinn skolekorps" in officer.get("/organisasjoner/foresporsler/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decided = officer.post(f"/organisasjoner/foresporsler/{claim.pk}/", {"decision": "approve"})
    assert decided.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert rules.has_role_on(ingrid, baerum, korps, Role.ORGANISATION_ADMIN)
    assert mail.outbox[-1].to == ["ingrid@example.no"]
    assert AuditEntry.objects.filter(action="organisation.claim_approved", subject=ingrid).exists()
    # Now Ingrid edits the page.
    assert baerum_client.get(f"/organisasjoner/{korps.pk}/rediger/").status_code == 200


def test_reject_needs_a_reason_and_tells_the_person(
    korps: Organisation, case_officer: User, django_capture_on_commit_callbacks: Any
) -> None:
    person = UserFactory.create()
    claim = services.claim_organisation(
        actor=person,
        municipality=korps.municipality,
        organisation=korps,
        role_in_organisation="Kasserer",
    )
    with pytest.raises(services.DirectoryError, match="reason"):
        services.decide_claim(actor=case_officer, claim=claim, approve=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_claim(
            actor=case_officer, claim=claim, approve=False, note="Ukjent for laget"
        )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert not rules.has_role_on(person, korps.municipality, korps, Role.ORGANISATION_ADMIN)
    assert "Ukjent for laget" in mail.outbox[-1].body
    with pytest.raises(services.DirectoryError, match="already been decided"):
        services.decide_claim(actor=case_officer, claim=claim, approve=True)


def test_one_pending_claim_per_person(korps: Organisation) -> None:
    person = UserFactory.create()
    services.claim_organisation(
        actor=person,
        municipality=korps.municipality,
        organisation=korps,
        role_in_organisation="Leder",
    )
    with pytest.raises(services.DirectoryError, match="already asked"):
        services.claim_organisation(
            actor=person,
            municipality=korps.municipality,
            organisation=korps,
            role_in_organisation="Leder",
        )
    assert OrganisationClaim.objects.count() == 1


def test_nobody_decides_their_own_claim(korps: Organisation, baerum: Municipality) -> None:
    officer = RoleAssignmentFactory.create(role=Role.CASE_OFFICER, municipality=baerum).user
    claim = services.claim_organisation(
        actor=officer, municipality=baerum, organisation=korps, role_in_organisation="Leder"
    )
    with pytest.raises(services.DirectoryError, match="permission"):
        services.decide_claim(actor=officer, claim=claim, approve=True)


def test_umbrella_council_decides_for_its_members(
    korps: Organisation, baerum: Municipality
) -> None:
    council: Organisation = OrganisationFactory.create(
        municipality=baerum, name="Bærum kulturråd", kind=OrganisationKind.UMBRELLA
    )
    korps.member_of.add(council)
    council_admin = make_admin(council)
    outsider_admin = make_admin(OrganisationFactory.create(municipality=baerum))
    claim = services.claim_organisation(
        actor=UserFactory.create(),
        municipality=baerum,
        organisation=korps,
        role_in_organisation="Leder",
    )
    with pytest.raises(services.DirectoryError):
        services.decide_claim(actor=outsider_admin, claim=claim, approve=True)
    services.decide_claim(actor=council_admin, claim=claim, approve=True)
    assert OrganisationClaim.objects.get().status == ClaimStatus.APPROVED


def test_register_a_new_organisation_shown_after_approval(
    baerum_client: Client, baerum: Municipality, case_officer: User
) -> None:
    person = UserFactory.create()
    baerum_client.force_login(person)
    number = demo_organisation_number(99)
    page = baerum_client.get("/organisasjoner/representer/", {"organisation_number": number})
    assert 'name="name"' in page.content.decode()  # the registration form
    baerum_client.post(
        "/organisasjoner/representer/",
        {
            "name": "Fornebu sjakklubb",
            "organisation_number": number,
            "description": "Sjakk for alle aldre på Fornebu.",
            "role_in_organisation": "Leder",
        },
    )
    organisation = Organisation.objects.get(name="Fornebu sjakklubb")
    assert organisation.is_hidden
    anonymous = Client(HTTP_HOST="baerum.localhost")
    assert "Fornebu sjakklubb" not in anonymous.get("/organisasjoner/?q=sjakk").content.decode()
    services.decide_claim(actor=case_officer, claim=OrganisationClaim.objects.get(), approve=True)
    assert "Fornebu sjakklubb" in anonymous.get("/organisasjoner/?q=sjakk").content.decode()


def test_invalid_number_is_explained(baerum_client: Client) -> None:
    baerum_client.force_login(UserFactory.create())
    page = baerum_client.get("/organisasjoner/representer/", {"organisation_number": "123456789"})
    assert 'aria-invalid="true"' in page.content.decode()
    assert not Organisation.objects.exists()


def test_edits_show_at_once_and_survive_the_register(
    baerum_client: Client, korps: Organisation
) -> None:
    anonymous = Client(HTTP_HOST="baerum.localhost")
    assert "Øvelse tirsdager" not in anonymous.get(f"/organisasjoner/{korps.pk}/").content.decode()
    baerum_client.force_login(make_admin(korps))
    response = baerum_client.post(
        f"/organisasjoner/{korps.pk}/rediger/",
        {
            "name": "Rykkinn skolekorps",
            "description": "Øvelse tirsdager på Rykkinn skole.",
            "email": "post@rykkinnkorps.no",
            "target_groups": ["children"],
            "membership_fee_kroner": "450",
            "social_links_text": "https://www.facebook.com/rykkinnkorps",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    korps.refresh_from_db()
    assert korps.membership_fee_ore == 45000
    assert {"description", "email", "target_groups", "membership_fee_ore"} <= set(
        korps.edited_fields
    )
    assert "Øvelse tirsdager" in anonymous.get(f"/organisasjoner/{korps.pk}/").content.decode()
    assert "Rykkinn skolekorps" in anonymous.get("/organisasjoner/?q=tirsdager").content.decode()


def test_bad_profile_input_saves_nothing(baerum_client: Client, korps: Organisation) -> None:
    baerum_client.force_login(make_admin(korps))
    response = baerum_client.post(
        f"/organisasjoner/{korps.pk}/rediger/",
        {"name": "", "email": "not-an-address", "social_links_text": "not a link"},
    )
    assert response.status_code == 200
    assert response.content.decode().count('aria-invalid="true"') >= 3
    korps.refresh_from_db()
    assert korps.name == "Rykkinn skolekorps"


def test_others_cannot_edit(baerum_client: Client, korps: Organisation) -> None:
    baerum_client.force_login(UserFactory.create())
    assert baerum_client.get(f"/organisasjoner/{korps.pk}/rediger/").status_code == 403
    other_admin = make_admin(OrganisationFactory.create(municipality=korps.municipality))
    with pytest.raises(services.DirectoryError):
        services.update_profile(actor=other_admin, organisation=korps, changes={"name": "X"})


def test_invite_and_accept(
    baerum_client: Client, korps: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    baerum_client.force_login(make_admin(korps))
    with django_capture_on_commit_callbacks(execute=True):
        baerum_client.post(
            f"/organisasjoner/{korps.pk}/medlemmer/",
            {"email": "Ola@Example.no", "role": Role.ORGANISATION_MEMBER},
        )
    message = mail.outbox[-1]
    assert message.to == ["ola@example.no"]
    link = re.search(
        r"http://baerum\.localhost(/organisasjoner/invitasjon/[^\s]+/)", str(message.body)
    )
    assert link
    stranger = Client(HTTP_HOST="baerum.localhost")
    stranger.force_login(UserFactory.create(email="someone@example.no"))
    assert stranger.post(link.group(1)).status_code == 400
    ola = UserFactory.create(email="ola@example.no")
    invited = Client(HTTP_HOST="baerum.localhost")
    invited.force_login(ola)
    assert invited.post(link.group(1)).status_code == 302
    assert rules.has_role_on(ola, korps.municipality, korps, Role.ORGANISATION_MEMBER)
    assert invited.post(link.group(1)).status_code == 400  # already a member


def test_tampered_invitation_is_refused(korps: Organisation) -> None:
    with pytest.raises(services.DirectoryError, match="not valid"):
        services.read_invitation("eyJvcmdhbmlzYXRpb24iOjF9:forged:signature")


def test_last_administrator_stays(korps: Organisation) -> None:
    admin = make_admin(korps)
    assignment = RoleAssignment.objects.get(user=admin)
    with pytest.raises(services.DirectoryError, match="at least one"):
        services.remove_member(actor=admin, organisation=korps, assignment=assignment)
    second = make_admin(korps)
    services.remove_member(
        actor=admin, organisation=korps, assignment=RoleAssignment.objects.get(user=second)
    )
    assert not RoleAssignment.objects.filter(user=second).exists()


def test_staff_hide_with_a_reason(
    baerum_client: Client, korps: Organisation, case_officer: User
) -> None:
    baerum_client.force_login(case_officer)
    refused = baerum_client.post(f"/organisasjoner/{korps.pk}/skjul/", {"reason": ""})
    assert refused.status_code == 200
    baerum_client.post(f"/organisasjoner/{korps.pk}/skjul/", {"reason": "Useriøst innhold"})
    korps.refresh_from_db()
    assert korps.is_hidden
    assert korps.hidden_reason == "Useriøst innhold"
    assert AuditEntry.objects.filter(action="organisation.hidden").exists()
    anonymous = Client(HTTP_HOST="baerum.localhost")
    assert anonymous.get(f"/organisasjoner/{korps.pk}/").status_code == 404
    baerum_client.post(f"/organisasjoner/{korps.pk}/skjul/")
    korps.refresh_from_db()
    assert not korps.is_hidden
    assert anonymous.get(f"/organisasjoner/{korps.pk}/").status_code == 200


def test_logo_upload_and_size_limit(
    baerum_client: Client, korps: Organisation, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.DUGNAD_MAX_UPLOAD_BYTES = 1000
    baerum_client.force_login(make_admin(korps))
    data = {"name": "Rykkinn skolekorps", "description": "Korps"}
    too_big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * 2000, content_type="image/png")
    refused = baerum_client.post(f"/organisasjoner/{korps.pk}/rediger/", {**data, "logo": too_big})
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    logo = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * 100, content_type="image/png")
    saved = baerum_client.post(f"/organisasjoner/{korps.pk}/rediger/", {**data, "logo": logo})
    assert saved.status_code == 302
    korps.refresh_from_db()
    assert korps.logo.name.startswith("organisations/logos/")
    assert "logo" in korps.edited_fields


def test_claims_are_in_the_data_export_and_erased_with_the_account(
    korps: Organisation, case_officer: User
) -> None:
    from dugnad.people.services import delete_account, export_personal_data

    person = UserFactory.create()
    services.claim_organisation(
        actor=person,
        municipality=korps.municipality,
        organisation=korps,
        role_in_organisation="Leder",
        message="Jeg er leder",
    )
    exported = export_personal_data(user=person)["organisation_claims"]
    assert exported[0]["organisation"] == "Rykkinn skolekorps"
    assert exported[0]["message"] == "Jeg er leder"
    delete_account(user=person)
    assert not OrganisationClaim.objects.filter(claimant=person).exists()


def test_invitations_speak_the_invitees_language(
    korps: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    """Not the inviter's: a known person's own language, else the municipality's."""
    admin = make_admin(korps)
    admin.preferred_language = "en"
    admin.save()
    UserFactory.create(email="kari@example.no", preferred_language="nn")
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("kari@example.no", "new@example.no"):
            services.invite_member(
                actor=admin,
                organisation=korps,
                email=email,
                role=Role.ORGANISATION_MEMBER,
                accept_url=lambda token: f"http://baerum.localhost/{token}/",
            )
    to_kari, to_new = mail.outbox[-2:]
    assert to_kari.subject == f"Invitasjon til {korps.name} på Dugnad"
    assert "inviterer deg" in to_new.body  # Bærum's default language is bokmål
    assert "invites you" not in to_new.body
