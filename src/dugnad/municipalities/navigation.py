"""The modules in the main navigation, in the order residents see them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    description: str | Promise


MODULES: tuple[NavItem, ...] = (
    NavItem(
        "directory:index",
        _("Organisations"),
        _("Find voluntary organisations and activities near you."),
    ),
    NavItem(
        "volunteering:index",
        _("Volunteering"),
        _("Find a volunteer task that fits your life, or say what help you need."),
    ),
    NavItem(
        "premises:index",
        _("Premises"),
        _("See what is free and book municipal rooms, halls and meeting places."),
    ),
    NavItem(
        "grants:index", _("Grants"), _("Apply for grants for your organisation and report on them.")
    ),
    NavItem(
        "participation:index",
        _("Participation"),
        _("Hearings, citizen initiatives and local area work: have your say."),
    ),
    NavItem(
        "panel:index",
        _("Citizen panel"),
        _("Join the digital citizen panel and answer surveys."),
    ),
    NavItem(
        "events:index",
        _("Events"),
        _("The volunteers' year: conferences, courses, Volunteer Day and the volunteer prize."),
    ),
)


@lru_cache(maxsize=8)
def _module_urls(script_prefix: str, urlconf: str | None) -> tuple[str, ...]:
    # The URLs do not change while the process runs (only with the prefix it
    # is mounted under and the URLconf), so each page does not reverse them.
    return tuple(reverse(item.url_name, urlconf=urlconf) for item in MODULES)


def _urlconf() -> str | None:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return urlconf if isinstance(urlconf, str) else None


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    path = request.path
    items: list[dict[str, object]] = []
    for item, url in zip(MODULES, _module_urls(get_script_prefix(), _urlconf()), strict=True):
        items.append(
            {
                "url": url,
                "label": item.label,
                "description": item.description,
                "current": path.startswith(url),
            }
        )
    return items


@dataclass(frozen=True)
class StaffLink:
    """A page for the municipality's staff, shown on Min side to those whose
    role lets them open it (``rule`` as in ``dugnad.people.rules``)."""

    url_name: str
    label: str | Promise
    rule: str
    section: str | Promise


# In the order they are listed on Min side, grouped by ``section``.
STAFF_LINKS: tuple[StaffLink, ...] = (
    StaffLink(
        "people:roles", _("Roles in the municipality"), "people.manage_roles", _("Municipality")
    ),
    StaffLink(
        "directory:claims",
        _("Requests to represent organisations"),
        "directory.decide_claims",
        _("Organisations"),
    ),
    StaffLink(
        "volunteering:coordinate",
        _("Coordinate volunteers"),
        "volunteering.coordinate_some",
        _("Volunteering"),
    ),
    StaffLink(
        "volunteering:escalated",
        _("Unanswered volunteers escalated to the volunteer centre"),
        "volunteering.centre",
        _("Volunteering"),
    ),
    StaffLink(
        "volunteering:overview",
        _("Volunteering overview"),
        "volunteering.overview",
        _("Volunteering"),
    ),
    StaffLink(
        "volunteering:callouts", _("Call-outs"), "volunteering.manage_programmes", _("Volunteering")
    ),
    StaffLink(
        "volunteering:ambassadors",
        _("Health ambassadors"),
        "volunteering.manage_programmes",
        _("Volunteering"),
    ),
    StaffLink(
        "volunteering:mentor-coordinate",
        _("Mentor pairs"),
        "volunteering.manage_programmes",
        _("Volunteering"),
    ),
)


def staff_links_for(request: HttpRequest) -> list[dict[str, object]]:
    """The staff pages the person may open here, as ``{"section", "links"}`` groups."""
    from dugnad.municipalities.tenancy import current_municipality
    from dugnad.people import rules

    user = request.user
    municipality = current_municipality(request)
    if municipality is None or not rules.is_authenticated(user):
        return []
    groups: list[dict[str, object]] = []
    by_section: dict[str, list[dict[str, object]]] = {}
    for link in STAFF_LINKS:
        if not rules.allows(link.rule, user, municipality):
            continue
        key = str(link.section)
        if key not in by_section:
            by_section[key] = []
            groups.append({"section": link.section, "links": by_section[key]})
        by_section[key].append({"url": reverse(link.url_name), "label": link.label})
    return groups
