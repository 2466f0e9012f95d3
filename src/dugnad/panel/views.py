from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "panel/index.html", {"title": _("Citizen panel")})
