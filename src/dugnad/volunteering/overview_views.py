"""The municipality's overview page and its CSV export."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.municipalities.tenancy import municipality_or_404
from dugnad.people.decorators import requires
from dugnad.spreadsheet import decimal_comma, safe_cell
from dugnad.volunteering.overview import OverviewFilter, overview
from dugnad.volunteering.programme_forms import OverviewFilterForm


def _filter(request: HttpRequest) -> tuple[OverviewFilterForm, OverviewFilter]:
    municipality = municipality_or_404(request)
    start, end = OverviewFilterForm.default_period()
    data = request.GET.copy()
    data.setdefault("fra", start.isoformat())
    data.setdefault("til", end.isoformat())
    form = OverviewFilterForm(data, municipality=municipality)
    if form.is_valid():
        flt = OverviewFilter(
            municipality=municipality,
            start=form.cleaned_data["fra"],
            end=form.cleaned_data["til"],
            district=form.cleaned_data["bydel"],
            service=form.cleaned_data["tjeneste"],
        )
    else:
        flt = OverviewFilter(municipality=municipality, start=start, end=end)
    return form, flt


@requires("volunteering.overview")
def overview_page(request: HttpRequest) -> HttpResponse:
    form, flt = _filter(request)
    data = overview(flt, unknown=_("No district"))
    return render(
        request,
        "volunteering/overview.html",
        {
            "title": _("Volunteering overview"),
            "form": form,
            "filter": flt,
            "data": data,
            "query": request.GET.urlencode(),
        },
    )


@requires("volunteering.overview")
def overview_csv(request: HttpRequest) -> HttpResponse:
    """The overview's three tables as one CSV file (semicolon-separated, for Excel)."""
    _form, flt = _filter(request)
    data = overview(flt, unknown=_("No district"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="frivillighet-{flt.start:%Y%m%d}-{flt.end:%Y%m%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Week"), _("Places"), _("Filled"), _("Open"), _("Unfilled")])
    for week in data.weeks:
        iso = week.week.isocalendar()
        writer.writerow(
            [f"{iso.year}-W{iso.week:02d}", week.places, week.filled, week.open, week.unfilled]
        )
    for heading, rows in (
        (_("Service or organisation"), data.by_owner),
        (_("District"), data.by_district),
    ):
        writer.writerow([])
        writer.writerow([heading, _("Active volunteers"), _("Shifts"), _("Hours")])
        for row in rows:
            writer.writerow(
                [safe_cell(row.label), row.volunteers, row.shifts, decimal_comma(row.hours, 1)]
            )
    return response
