"""Pages of the programmes: health ambassadors (found by language) and Mentor."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.directory.queries import LANGUAGES
from dugnad.municipalities.tenancy import current_municipality, scoped
from dugnad.people.decorators import requires
from dugnad.volunteering.callouts import json_has_any
from dugnad.volunteering.models import Responder
from dugnad.volunteering.programme_forms import AmbassadorSearchForm


@requires("volunteering.manage_programmes")
def ambassadors(request: HttpRequest) -> HttpResponse:
    """Health ambassadors, searchable by language and district."""
    form = AmbassadorSearchForm(request.GET or None, municipality=current_municipality(request))
    found = scoped(request, Responder).filter(is_health_ambassador=True, active=True)
    if form.is_valid():
        if form.cleaned_data["sprak"]:
            found = found.filter(json_has_any("languages", [form.cleaned_data["sprak"]]))
        district = form.cleaned_data["bydel"]
        if district is not None:
            found = found.filter(districts=district)
    people = list(
        found.select_related("person").prefetch_related("districts").order_by("person__full_name")
    )
    for responder in people:
        responder.language_labels = [  # type: ignore[attr-defined]
            str(LANGUAGES[c]) for c in responder.languages if c in LANGUAGES
        ]
    return render(
        request,
        "volunteering/programmes/ambassadors.html",
        {"title": _("Health ambassadors"), "form": form, "ambassadors": people},
    )
