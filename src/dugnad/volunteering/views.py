from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.municipalities.models import Service
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import scoped
from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    centres = scoped(request, Service).filter(kind=Service.Kind.VOLUNTEER_CENTRE)
    return render(
        request,
        "volunteering/index.html",
        {"title": _("Volunteering"), "centres": centres.select_related("district")},
    )
