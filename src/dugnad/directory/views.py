from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.directory.models import Organisation
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import scoped
from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    organisations = scoped(request, Organisation).select_related("district")[:100]
    return render(
        request,
        "directory/index.html",
        {"title": _("Organisations"), "organisations": organisations},
    )
