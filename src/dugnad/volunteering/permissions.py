"""Who may do what with volunteer needs.

A need's *owner* is the service or organisation that posted it. Volunteer
coordinators of a service, and administrators of an organisation, coordinate
that owner's needs; platform administrators may do everything.
"""

from __future__ import annotations

from typing import Any

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Service
from dugnad.people.models import Role
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


def can_coordinate(user: Any, municipality: Any, obj: Any) -> bool:
    """Coordinates the owner of ``obj`` (a service, organisation, need, shift or engagement)."""
    owner = owner_of(obj)
    if owner is None or not is_authenticated(user):
        return False
    if is_platform_admin(user):
        return True
    if isinstance(owner, Service):
        return has_role_on(user, owner.municipality, owner, Role.VOLUNTEER_COORDINATOR)
    return has_role_on(user, owner.municipality, owner, Role.ORGANISATION_ADMIN)


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
