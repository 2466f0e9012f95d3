"""Who may do what with premises and bookings."""

from __future__ import annotations

from typing import Any

from dugnad.people.models import Role
from dugnad.people.rules import has_role, has_role_on, is_authenticated, is_platform_admin, register
from dugnad.premises.models import Booking, BookingSeries, Building, Space


def manages_building(user: Any, building: Building) -> bool:
    """The building's booking manager (or a platform administrator)."""
    return is_platform_admin(user) or has_role_on(
        user, building.municipality, building, Role.BOOKING_MANAGER
    )


def can_manage_bookings(user: Any, municipality: Any, obj: Any) -> bool:
    """Without an object: manages some building (the list of requests). With a
    building, space or booking: manages that building."""
    if obj is None:
        return is_platform_admin(user) or has_role(user, municipality, Role.BOOKING_MANAGER)
    if isinstance(obj, Booking):
        obj = obj.space.building
    elif isinstance(obj, Space):
        obj = obj.building
    return isinstance(obj, Building) and manages_building(user, obj)


def can_cancel_booking(user: Any, municipality: Any, booking: Any) -> bool:
    """The person who booked, or the building's booking manager."""
    if not is_authenticated(user) or not isinstance(booking, Booking):
        return False
    return booking.person_id == user.pk or can_manage_bookings(user, municipality, booking)


def can_cancel_series(user: Any, municipality: Any, series: Any) -> bool:
    """The person who booked the series, or the building's booking manager."""
    if not is_authenticated(user) or not isinstance(series, BookingSeries):
        return False
    return series.person_id == user.pk or manages_building(user, series.space.building)


register("premises.manage_bookings", can_manage_bookings)
register("premises.cancel_booking", can_cancel_booking)
register("premises.cancel_series", can_cancel_series)

# The season allocation's and waiting lists' rules.
from dugnad.premises import season_permissions  # noqa: E402, F401 (registers the rules)
