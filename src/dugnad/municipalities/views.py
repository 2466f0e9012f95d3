"""The home page, the municipality chooser and the shell's static pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dugnad.municipalities.models import District, Municipality
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import current_municipality, scoped
from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC, tenant=False)
@public_page
def home(request: HttpRequest) -> HttpResponse:
    municipality = current_municipality(request)
    if municipality is None:
        return choose_municipality(request)
    districts = scoped(request, District).only("name")
    return render(request, "municipalities/home.html", {"districts": districts})


def choose_municipality(request: HttpRequest) -> HttpResponse:
    """Shown on a host that serves no particular municipality."""
    # Keep the port the person used (e.g. :8000 in development).
    host = request.get_host()
    suffix = host[host.rfind(":") :] if ":" in host and not host.endswith("]") else ""
    entries = [
        {
            "municipality": m,
            "url": f"{request.scheme}://{m.primary_host}{suffix}/" if m.primary_host else None,
        }
        for m in Municipality.objects.prefetch_related("hosts")
    ]
    return render(request, "municipalities/choose.html", {"municipalities": entries})


@requires(rules.PUBLIC, tenant=False)
@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "municipalities/privacy.html")


@requires(rules.PUBLIC, tenant=False)
@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "municipalities/accessibility.html")


@requires(rules.PUBLIC, tenant=False)
def health(request: HttpRequest) -> HttpResponse:
    """A trivial view: liveness probe and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")
