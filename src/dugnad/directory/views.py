"""The directory's pages: search, and one organisation."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.directory import export, queries
from dugnad.directory.models import Organisation, TargetGroup
from dugnad.directory.opendata import NLOD
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import current_municipality, get_scoped_or_404
from dugnad.people import rules
from dugnad.people.decorators import requires


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """Search the municipality's organisations. With htmx, only the results
    region is re-rendered; without JavaScript the form submits as usual."""
    municipality = current_municipality(request)
    assert municipality is not None  # noqa: S101 (a tenant view)
    query = queries.DirectoryQuery.from_params(request.GET)
    result = queries.search(municipality, query)
    context = {
        "title": _("Organisations"),
        "result": result,
        "query": query,
        "sorts": queries.SORTS.items(),
        "licence": NLOD,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "directory/_search_update.html", context)
    return render(request, "directory/index.html", context)


@requires(rules.PUBLIC)
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The search's organisations as a spreadsheet (CSV), all of them, streamed
    so that a large municipality's directory is never held in memory. Not
    served from the page cache: it streams."""
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404
    query = queries.DirectoryQuery.from_params(request.GET)
    organisations = queries.with_details(queries.results(municipality, query))
    response = StreamingHttpResponse(
        export.csv_lines(request, organisations.iterator(chunk_size=export.CHUNK_SIZE)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"organisasjoner-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = NLOD.link_header
    return response


@requires(rules.PUBLIC)
@public_page
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_scoped_or_404(
        request,
        Organisation.objects.listed()
        .select_related("district", "national_organisation", "municipality")
        .prefetch_related("categories__parent", "districts", "activities", "contacts", "member_of"),
        pk=pk,
    )
    labels = dict(TargetGroup.choices)
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": found,
            "title": found.name,
            "target_groups": [labels[c] for c in found.target_groups if c in labels],
            "languages": [queries.LANGUAGES.get(c, c) for c in found.languages],
        },
    )
