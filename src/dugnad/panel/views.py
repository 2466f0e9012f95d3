from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.municipalities.page_cache import public_page
from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "panel/index.html", {"title": _("Citizen panel")})
