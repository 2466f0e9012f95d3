"""Who may do what with season rounds, decisions and waiting lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dugnad.directory.permissions import administers
from dugnad.people.models import Role
from dugnad.people.rules import has_role, is_authenticated, is_platform_admin, register
from dugnad.premises.models import Building
from dugnad.premises.permissions import manages_building
from dugnad.premises.season_models import SeasonApplication, SeasonRound, WaitlistEntry


def manages_all_buildings(user: Any, buildings: Iterable[Building]) -> bool:
    """A booking manager of every one of ``buildings`` (scoped roles: managing
    one building gives no say over another's halls)."""
    return all(manages_building(user, building) for building in buildings)


def can_manage_season(user: Any, municipality: Any, obj: Any) -> bool:
    """Municipal administrators run any round; booking managers the rounds whose
    halls are all in buildings they manage. Without a round (the list of
    rounds, opening a new one): any booking manager, for their own buildings."""
    if is_platform_admin(user):
        return True
    if isinstance(obj, SeasonRound):
        if has_role(user, obj.municipality, Role.MUNICIPAL_ADMIN):
            return True
        buildings = {space.building for space in obj.spaces.select_related("building")}
        return bool(buildings) and manages_all_buildings(user, buildings)
    return has_role(user, municipality, Role.BOOKING_MANAGER, Role.MUNICIPAL_ADMIN)


def can_edit_priorities(user: Any, municipality: Any, obj: Any) -> bool:
    """The municipality (its administrators) sets the order of the priorities."""
    return is_platform_admin(user) or has_role(user, municipality, Role.MUNICIPAL_ADMIN)


def can_apply_season(user: Any, municipality: Any, obj: Any) -> bool:
    """Administrators of an organisation apply on its behalf."""
    return is_platform_admin(user) or has_role(user, municipality, Role.ORGANISATION_ADMIN)


def can_view_decision(user: Any, municipality: Any, application: Any) -> bool:
    """The season's managers (also as a preview before publication) and, once
    the decision is sent, the applicant organisation's administrators."""
    if not is_authenticated(user) or not isinstance(application, SeasonApplication):
        return False
    if can_manage_season(user, application.municipality, application.round):
        return True
    return application.decided_at is not None and administers(user, application.organisation)


def can_withdraw_waitlist(user: Any, municipality: Any, entry: Any) -> bool:
    return (
        is_authenticated(user) and isinstance(entry, WaitlistEntry) and entry.person_id == user.pk
    )


register("premises.manage_season", can_manage_season)
register("premises.edit_priorities", can_edit_priorities)
register("premises.apply_season", can_apply_season)
register("premises.view_decision", can_view_decision)
register("premises.withdraw_waitlist", can_withdraw_waitlist)
