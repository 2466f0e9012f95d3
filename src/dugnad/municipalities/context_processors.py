"""Template context shared by every page of the shell."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from dugnad.municipalities.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    municipality = getattr(request, "municipality", None)
    offered = municipality.languages if municipality else [c for c, _ in settings.LANGUAGES]
    names = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
    return {
        "municipality": municipality,
        # Built when a page shows it: fragments (htmx answers) never do.
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        "language_choices": [(code, names[code]) for code in offered if code in names],
        "current_language": get_language(),
    }
