"""Changes to people and roles. Each checks permission, runs in one transaction
and writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.municipalities.models import Municipality
from dugnad.people import audit, privacy, rules
from dugnad.people.models import ROLE_SCOPES, RoleAssignment, User


class PeopleError(Exception):
    """A domain error with a message for the person who caused it."""


def _check(allowed: bool) -> None:
    if not allowed:
        raise PeopleError(_("You do not have permission to do this."))


def assign_role(
    *,
    actor: User,
    user: User,
    role: str,
    municipality: Municipality,
    scope: models.Model | None = None,
) -> RoleAssignment:
    """Give ``user`` the ``role`` in ``municipality`` (on ``scope`` if the role needs one)."""
    _check(rules.allows("people.manage_roles", actor, municipality))
    return grant_role(actor=actor, user=user, role=role, municipality=municipality, scope=scope)


def grant_role(
    *,
    actor: User | None,
    user: User,
    role: str,
    municipality: Municipality,
    scope: models.Model | None = None,
    reason: str = "",
) -> RoleAssignment:
    """Give a role as the outcome of a decision another module's service has
    authorised (e.g. an approved claim on an organisation). It checks the role's
    shape and records the audit entry, but not ``people.manage_roles``: the
    caller has checked its own rule."""
    expected = ROLE_SCOPES.get(role)
    if expected is None and scope is not None:
        raise PeopleError(_("This role is held on the whole municipality, not on an object."))
    if expected is not None:
        if scope is None or (scope._meta.app_label, scope._meta.model_name) != expected:
            raise PeopleError(_("This role must be given on a specific object of the right kind."))
        if getattr(scope, "municipality_id", municipality.pk) != municipality.pk:
            raise PeopleError(_("The object belongs to another municipality."))
    scope_type = (
        ContentType.objects.get_for_model(scope, for_concrete_model=True) if scope else None
    )
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(
                user=user,
                role=role,
                municipality=municipality,
                scope_type=scope_type,
                scope_id=scope.pk if scope else None,
                granted_by=actor,
            )
            audit.record(
                actor=actor,
                action="role.assigned",
                municipality=municipality,
                subject=user,
                target=assignment,
                details={"role": role, "scope": str(scope) if scope else None, "reason": reason},
            )
    except IntegrityError as exc:
        raise PeopleError(_("The person already has this role.")) from exc
    rules.forget_cached_roles(user)
    return assignment


@transaction.atomic
def revoke_role(*, actor: User, assignment: RoleAssignment) -> None:
    _check(rules.allows("people.manage_roles", actor, assignment.municipality))
    withdraw_role(actor=actor, assignment=assignment)


@transaction.atomic
def withdraw_role(*, actor: User, assignment: RoleAssignment, reason: str = "") -> None:
    """Take a role away on a decision the calling service has authorised."""
    audit.record(
        actor=actor,
        action="role.revoked",
        municipality=assignment.municipality,
        subject=assignment.user,
        target=assignment,
        details={"role": assignment.role, "reason": reason},
    )
    assignment.delete()
    rules.forget_cached_roles(assignment.user)


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as JSON-ready data."""
    return {
        "format": "dugnad-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        **{section: export(user) for section, export in privacy.exporters().items()},
    }


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Delete the person's account.

    Personal data is erased by every module's eraser; records that must be kept
    (e.g. grant decisions) keep pointing at this row, which is anonymised
    rather than deleted, so nothing they say is lost and nobody can be found
    from it.
    """
    from allauth.account.models import EmailAddress

    if user.anonymised_at is not None:
        raise PeopleError(_("This account has already been deleted."))
    for erase in privacy.erasers().values():
        erase(user)
    EmailAddress.objects.filter(user=user).delete()
    user_id = user.pk
    user.email = f"deleted-{user_id}@deleted.invalid"
    user.full_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    # A new (unusable) password changes the session hash, which ends every
    # session of this account on every device.
    user.save()
    audit.record(actor=None, action="account.deleted", subject=user, target=user)


@transaction.atomic
def update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user
