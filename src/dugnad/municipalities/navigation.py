"""The modules in the main navigation, in the order residents see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
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


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    path = request.path
    items: list[dict[str, object]] = []
    for item in MODULES:
        url = reverse(item.url_name)
        items.append(
            {
                "url": url,
                "label": item.label,
                "description": item.description,
                "current": path.startswith(url),
            }
        )
    return items
