from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import scoped
from dugnad.people import rules
from dugnad.people.decorators import requires
from dugnad.premises.models import Building


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    buildings = scoped(request, Building).select_related("district")
    return render(request, "premises/index.html", {"title": _("Premises"), "buildings": buildings})
