"""Who may do what with volunteer needs.

A need's *owner* is the service or organisation that posted it. Volunteer
coordinators of a service, and administrators of an organisation, coordinate
that owner's needs; platform administrators may do everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Service
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.people.rules import has_role, has_role_on, is_authenticated, is_platform_admin, register
from dugnad.volunteering.models import Engagement, Need, Shift, ShiftSignup


def owner_of(obj: Any) -> Service | Organisation | None:
    """The service or organisation a need, shift, engagement or sign-up belongs to."""
    if isinstance(obj, Service | Organisation):
        return obj
    if isinstance(obj, Need):
        return obj.owner
    if isinstance(obj, Shift):
        return owner_of(obj.need)
    if isinstance(obj, Engagement):
        return owner_of(obj.need)
    if isinstance(obj, ShiftSignup):
        return owner_of(obj.shift)
    return None


# Who coordinates an owner's needs: one mapping, read by the rules below, the
# coordinator's own page and the e-mails that go to coordinators.
COORDINATING_ROLE: dict[type[Service | Organisation], str] = {
    Service: Role.VOLUNTEER_COORDINATOR,
    Organisation: Role.ORGANISATION_ADMIN,
}


def coordinator_assignments(
    municipality_id: int,
    kind: type[Service | Organisation],
    owner_ids: Iterable[int] | QuerySet[Any],
) -> QuerySet[RoleAssignment]:
    """The role assignments that make people coordinators of these owners."""
    return RoleAssignment.objects.filter(
        municipality_id=municipality_id,
        role=COORDINATING_ROLE[kind],
        scope_type=ContentType.objects.get_for_model(kind),
        scope_id__in=owner_ids,
    )


def coordinated_by(
    person: User, municipality_id: int, kind: type[Service | Organisation]
) -> QuerySet[RoleAssignment, dict[str, Any]]:
    """The ids (``scope_id``) of the owners of this kind the person coordinates."""
    return RoleAssignment.objects.filter(
        user=person,
        municipality_id=municipality_id,
        role=COORDINATING_ROLE[kind],
        scope_type=ContentType.objects.get_for_model(kind),
    ).values("scope_id")


def can_coordinate(user: Any, municipality: Any, obj: Any) -> bool:
    """Coordinates the owner of ``obj`` (a service, organisation, need, shift or engagement)."""
    owner = owner_of(obj)
    if owner is None or not is_authenticated(user):
        return False
    if is_platform_admin(user):
        return True
    return has_role_on(user, owner.municipality, owner, COORDINATING_ROLE[type(owner)])


def coordinates_some(user: Any, municipality: Any, obj: Any) -> bool:
    """Coordinates the needs of at least one service or organisation here."""
    return is_platform_admin(user) or has_role(
        user, municipality, Role.VOLUNTEER_COORDINATOR, Role.ORGANISATION_ADMIN
    )


def works_at_volunteer_centre(user: Any, municipality: Any, obj: Any) -> bool:
    """Coordinates a volunteer centre (frivilligsentral) here: sees escalated interests."""
    if is_platform_admin(user):
        return True
    if not has_role(user, municipality, Role.VOLUNTEER_COORDINATOR):
        return False
    centres = Service.objects.filter(municipality=municipality, kind=Service.Kind.VOLUNTEER_CENTRE)
    return any(
        has_role_on(user, municipality, centre, Role.VOLUNTEER_COORDINATOR) for centre in centres
    )


register("volunteering.coordinate", can_coordinate)
register("volunteering.centre", works_at_volunteer_centre)
register("volunteering.coordinate_some", coordinates_some)


# --- the municipality's overview, call-outs and programmes ----------------------------


def sees_overview(user: Any, municipality: Any, obj: Any) -> bool:
    """Municipal staff who follow volunteering across services and organisations."""
    return is_platform_admin(user) or has_role(
        user, municipality, Role.VOLUNTEER_COORDINATOR, Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN
    )


def manages_programmes(user: Any, municipality: Any, obj: Any) -> bool:
    """Sends call-outs, finds health ambassadors and pairs mentors: the
    municipality's volunteer coordinators and administrators."""
    return is_platform_admin(user) or has_role(
        user, municipality, Role.VOLUNTEER_COORDINATOR, Role.MUNICIPAL_ADMIN
    )


register("volunteering.overview", sees_overview)
register("volunteering.manage_programmes", manages_programmes)


def side_of(person: Any, pair: Any) -> str | None:
    """Which side ``person`` is on in a mentor pair, if any."""
    if pair.mentor.person_id == getattr(person, "pk", None):
        return "mentor"
    if pair.mentee.person_id == getattr(person, "pk", None):
        return "mentee"
    return None


def may_follow(user: Any, municipality: Any, pair: Any) -> bool:
    """A mentor pair: its two members, or a coordinator of the programme."""
    from dugnad.volunteering.models import MentorPair

    if not is_authenticated(user):
        return False
    if isinstance(pair, MentorPair) and side_of(user, pair) is not None:
        return True
    return manages_programmes(user, municipality, pair)


register("volunteering.mentor_pair", may_follow)
