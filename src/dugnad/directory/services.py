"""Changes to the directory. Each checks permission and runs in one transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from dugnad.after_commit import mail_after_commit
from dugnad.directory.models import (
    ClaimStatus,
    IcnpoCategory,
    Organisation,
    OrganisationClaim,
    TargetGroup,
)
from dugnad.directory.text import stems, with_compound_heads
from dugnad.directory.validators import invalid_number_message, organisation_number_is_valid
from dugnad.municipalities.models import District, Municipality
from dugnad.municipalities.page_cache import content_changed
from dugnad.people import audit, rules
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.people.services import PeopleError, grant_role, withdraw_role


class DirectoryError(Exception):
    """A domain error with a message for the person who caused it."""


def _check(allowed: bool) -> None:
    if not allowed:
        raise DirectoryError(_("You do not have permission to do this."))


# --- search document -----------------------------------------------------------


def search_text(organisation: Organisation) -> str:
    """Everything free-text search should find the organisation by."""
    parts: list[str] = [
        organisation.name,
        organisation.description,
        organisation.purpose,
        organisation.postal_place,
    ]
    for activity in organisation.activities.all():
        parts += [activity.name, activity.description, activity.schedule, activity.place]
    parts += [d.name for d in organisation.districts.all()]
    if organisation.district is not None:
        parts.append(organisation.district.name)
    for category in organisation.categories.all():
        parts += [category.name_nb, category.name_nn, category.name_en]
    labels = dict(TargetGroup.choices)
    for language in ("nb", "nn", "en"):
        with override(language):
            parts += [str(labels[c]) for c in organisation.target_groups if c in labels]
    return with_compound_heads(" ".join(p for p in parts if p))


@transaction.atomic
def update_search_document(*, organisation: Organisation) -> None:
    """Rebuild what search reads after the organisation or its parts changed,
    and make the cached pages of every municipality that lists it stale."""
    document = search_text(organisation)
    stemmed = stems(document)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_document=document, search_stems=stemmed
    )
    organisation.search_document = document
    organisation.search_stems = stemmed
    listing_changed(organisation)


def listing_changed(
    organisation: Organisation, *, include_home: bool = True, also: Iterable[int] = ()
) -> None:
    """Every municipality that lists the organisation (its home, where it is
    active, and ``also``) gets a new content version: their cached pages and
    facet indexes are rebuilt (now, and again on commit)."""
    municipality_ids = set(organisation.active_in.values_list("pk", flat=True)) | set(also)
    if include_home and organisation.municipality_id is not None:
        municipality_ids.add(organisation.municipality_id)
    for municipality_id in municipality_ids:
        content_changed(municipality_id)


# --- claims ----------------------------------------------------------------------


def find_by_number(*, municipality: Municipality, organisation_number: str) -> Organisation | None:
    """The organisation with this number, if the municipality's directory has it."""
    number = organisation_number.replace(" ", "")
    if not organisation_number_is_valid(number):
        raise DirectoryError(invalid_number_message(organisation_number))
    return (
        Organisation.objects.in_municipality(municipality)
        .filter(organisation_number=number)
        .first()
    )


def _open_claim(
    *,
    actor: User,
    organisation: Organisation,
    municipality: Municipality,
    role: str,
    message: str,
    is_registration: bool = False,
) -> OrganisationClaim:
    if rules.has_role_on(actor, organisation.municipality, organisation, Role.ORGANISATION_ADMIN):
        raise DirectoryError(_("You already represent this organisation."))
    try:
        with transaction.atomic():
            return OrganisationClaim.objects.create(
                municipality=municipality,
                organisation=organisation,
                claimant=actor,
                role_in_organisation=role.strip(),
                message=message.strip(),
                is_registration=is_registration,
            )
    except IntegrityError as exc:
        raise DirectoryError(
            _(
                "You have already asked to represent this organisation. "
                "The request is being handled."
            )
        ) from exc


@transaction.atomic
def claim_organisation(
    *,
    actor: User,
    municipality: Municipality,
    organisation: Organisation,
    role_in_organisation: str,
    message: str = "",
) -> OrganisationClaim:
    """Ask to represent an organisation that is in the directory."""
    _check(rules.allows("directory.claim", actor, municipality))
    return _open_claim(
        actor=actor,
        organisation=organisation,
        municipality=municipality,
        role=role_in_organisation,
        message=message,
    )


@transaction.atomic
def register_organisation(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    organisation_number: str,
    description: str,
    role_in_organisation: str,
) -> OrganisationClaim:
    """Add an organisation the directory does not have yet. It stays hidden until
    the claim that comes with it is approved."""
    _check(rules.allows("directory.claim", actor, municipality))
    number = organisation_number.replace(" ", "")
    if number and not organisation_number_is_valid(number):
        raise DirectoryError(invalid_number_message(organisation_number))
    if number and Organisation.objects.filter(organisation_number=number).exists():
        raise DirectoryError(
            _(
                "An organisation with this number is already registered. "
                "Ask to represent it instead."
            )
        )
    organisation = Organisation.objects.create(
        municipality=municipality,
        name=name.strip(),
        organisation_number=number,
        description=description.strip(),
        is_hidden=True,
        hidden_reason=str(_("New registration, waiting for approval.")),
        edited_fields=["name", "description"],
    )
    update_search_document(organisation=organisation)
    return _open_claim(
        actor=actor,
        organisation=organisation,
        municipality=municipality,
        role=role_in_organisation,
        message="",
        is_registration=True,
    )


@transaction.atomic
def decide_claim(*, actor: User, claim: OrganisationClaim, approve: bool, note: str = "") -> None:
    """Approve (the claimant becomes an administrator of the organisation) or reject."""
    _check(rules.allows("directory.decide_claims", actor, claim.municipality, claim))
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise DirectoryError(_("This request has already been decided."))
    if not approve and not note.strip():
        raise DirectoryError(_("Give a reason when you reject a request."))
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.decision_note = note.strip()
    claim.save()
    organisation = claim.organisation
    if approve:
        # Already an administrator: approving changes nothing more.
        with contextlib.suppress(PeopleError):
            grant_role(
                actor=actor,
                user=claim.claimant,
                role=Role.ORGANISATION_ADMIN,
                municipality=organisation.municipality,
                scope=organisation,
                reason="claim approved",
            )
        if claim.is_registration and organisation.is_hidden:
            # A new registration becomes visible once it is approved.
            organisation.is_hidden = False
            organisation.hidden_reason = ""
            organisation.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
            update_search_document(organisation=organisation)
    audit.record(
        actor=actor,
        action="organisation.claim_approved" if approve else "organisation.claim_rejected",
        municipality=claim.municipality,
        subject=claim.claimant,
        target=claim,
        details={"note": claim.decision_note},
    )
    _notify_claimant(claim)


def _notify_claimant(claim: OrganisationClaim) -> None:
    claimant = claim.claimant
    with override(claimant.preferred_language):
        if claim.status == ClaimStatus.APPROVED:
            subject = _("You now represent %(name)s") % {"name": claim.organisation.name}
            body = _(
                "Your request to represent %(name)s has been approved. You can now edit the "
                "organisation's page and invite other members."
            ) % {"name": claim.organisation.name}
        else:
            subject = _("Your request to represent %(name)s") % {"name": claim.organisation.name}
            body = _("Your request to represent %(name)s was not approved. Reason: %(note)s") % {
                "name": claim.organisation.name,
                "note": claim.decision_note,
            }
    mail_after_commit(subject, body, [claimant.email])


# --- keeping the profile ---------------------------------------------------------

PROFILE_FIELDS = (
    "name",
    "logo",
    "description",
    "street_address",
    "postal_code",
    "postal_place",
    "email",
    "phone",
    "website",
    "accessibility",
    "membership_fee_ore",
    "membership_fee_note",
    "target_groups",
    "languages",
    "social_links",
)


@transaction.atomic
def update_profile(
    *,
    actor: User,
    organisation: Organisation,
    changes: dict[str, Any],
    categories: list[IcnpoCategory] | None = None,
    districts: list[District] | None = None,
) -> Organisation:
    """Save an organisation's own edits; they show at once and the register
    import never overwrites them."""
    _check(
        rules.allows("directory.edit_organisation", actor, organisation.municipality, organisation)
    )
    edited = set(organisation.edited_fields)
    for field_name, value in changes.items():
        if field_name not in PROFILE_FIELDS:
            raise DirectoryError(_("This field cannot be changed here."))
        if getattr(organisation, field_name) != value:
            setattr(organisation, field_name, value)
            edited.add(field_name)
    if categories is not None and set(organisation.categories.all()) != set(categories):
        organisation.categories.set(categories)
        edited.add("categories")
    if districts is not None:
        foreign = [d for d in districts if d.municipality_id != organisation.municipality_id]
        if foreign:
            raise DirectoryError(_("Choose districts of the organisation's own municipality."))
        organisation.districts.set(districts)
    organisation.edited_fields = sorted(edited)
    organisation.full_clean(exclude=["logo", "member_of", "categories", "districts", "active_in"])
    organisation.save()
    update_search_document(organisation=organisation)
    return organisation


@transaction.atomic
def hide_organisation(*, actor: User, organisation: Organisation, reason: str) -> None:
    _check(rules.allows("directory.hide_organisation", actor, organisation.municipality))
    if not reason.strip():
        raise DirectoryError(_("Say why the organisation is hidden."))
    organisation.is_hidden = True
    organisation.hidden_reason = reason.strip()
    organisation.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="organisation.hidden",
        municipality=organisation.municipality,
        target=organisation,
        details={"reason": organisation.hidden_reason},
    )
    update_search_document(organisation=organisation)


@transaction.atomic
def show_organisation(*, actor: User, organisation: Organisation) -> None:
    _check(rules.allows("directory.hide_organisation", actor, organisation.municipality))
    organisation.is_hidden = False
    organisation.hidden_reason = ""
    organisation.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="organisation.shown",
        municipality=organisation.municipality,
        target=organisation,
    )
    update_search_document(organisation=organisation)


# --- members -----------------------------------------------------------------------

INVITATION_SALT = "dugnad.directory.invitation"
INVITATION_DAYS = 14
MEMBER_ROLES = (Role.ORGANISATION_MEMBER, Role.ORGANISATION_ADMIN)


@dataclass(frozen=True)
class Invitation:
    organisation_id: int
    email: str
    role: str


def invite_member(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    role: str,
    accept_url: Callable[[str], str],
) -> str:
    """Invite a person to the organisation by e-mail; returns the invitation token.

    The invitation is a signed token, valid for two weeks; whoever opens its
    link (``accept_url(token)``) logged in with that e-mail address gets the
    role. People without an account register first, with that address."""
    _check(
        rules.allows("directory.edit_organisation", actor, organisation.municipality, organisation)
    )
    if role not in MEMBER_ROLES:
        raise DirectoryError(_("Choose member or administrator."))
    email = email.strip().lower()
    token = signing.dumps(
        {"organisation": organisation.pk, "email": email, "role": role}, salt=INVITATION_SALT
    )
    # In the invitee's language if they have an account, else in the
    # municipality's default language: never simply the inviter's.
    invitee = User.objects.filter(email__iexact=email).only("preferred_language").first()
    language = (invitee.preferred_language if invitee else "") or (
        organisation.municipality.default_language
    )
    with override(language):
        role_name = dict(Role.choices)[role]
        subject = _("Invitation to %(name)s on Dugnad") % {"name": organisation.name}
        body = _(
            "%(person)s invites you to %(name)s as %(role)s.\n\n"
            "Open this link to accept (log in or register with this e-mail address first):\n"
            "%(link)s\n\nThe invitation is valid for %(days)s days."
        ) % {
            "person": actor.get_full_name(),
            "name": organisation.name,
            "role": str(role_name).lower(),
            "link": accept_url(token),
            "days": INVITATION_DAYS,
        }
    mail_after_commit(subject, body, [email])
    audit.record(
        actor=actor,
        action="organisation.member_invited",
        municipality=organisation.municipality,
        target=organisation,
        details={"email": email, "role": role},
    )
    return token


def read_invitation(token: str) -> Invitation:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 24 * 3600)
    except signing.SignatureExpired as exc:
        raise DirectoryError(_("The invitation has expired. Ask for a new one.")) from exc
    except signing.BadSignature as exc:
        raise DirectoryError(_("The invitation link is not valid.")) from exc
    return Invitation(int(data["organisation"]), str(data["email"]), str(data["role"]))


@transaction.atomic
def accept_invitation(*, actor: User, token: str) -> Organisation:
    invitation = read_invitation(token)
    if actor.email.lower() != invitation.email:
        raise DirectoryError(
            _("The invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    organisation = Organisation.objects.get(pk=invitation.organisation_id)
    try:
        grant_role(
            actor=actor,
            user=actor,
            role=invitation.role,
            municipality=organisation.municipality,
            scope=organisation,
            reason="invitation accepted",
        )
    except PeopleError as exc:
        raise DirectoryError(_("You are already part of this organisation.")) from exc
    return organisation


@transaction.atomic
def remove_member(*, actor: User, organisation: Organisation, assignment: RoleAssignment) -> None:
    _check(
        rules.allows("directory.edit_organisation", actor, organisation.municipality, organisation)
    )
    if assignment.scope != organisation or assignment.role not in MEMBER_ROLES:
        raise DirectoryError(_("This person is not a member of the organisation."))
    admins = RoleAssignment.objects.on(organisation).filter(role=Role.ORGANISATION_ADMIN)
    if assignment.role == Role.ORGANISATION_ADMIN and admins.count() == 1:
        raise DirectoryError(_("An organisation must keep at least one administrator."))
    withdraw_role(actor=actor, assignment=assignment, reason="removed by the organisation")


def members(organisation: Organisation) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.on(organisation)
        .filter(role__in=MEMBER_ROLES)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
