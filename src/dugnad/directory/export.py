"""The directory as a spreadsheet: CSV that Norwegian Excel opens as it is
(UTF-8 with a byte-order mark, semicolons between fields, decimal commas),
one row per organisation, written a chunk of rows at a time."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dugnad.directory.models import Organisation
from dugnad.directory.opendata import districts_of, language_pairs, target_group_pairs
from dugnad.spreadsheet import decimal_comma, safe_cell

BOM = "\ufeff"
CHUNK_SIZE = 500


def _kroner(ore: int | None) -> str:
    if ore is None:
        return ""
    kroner, rest = divmod(ore, 100)
    return f"{kroner},{rest:02d}" if rest else str(kroner)


def columns(request: HttpRequest) -> list[tuple[object, Callable[[Organisation], str]]]:
    """(header, value) for each column, in order."""

    def page(o: Organisation) -> str:
        return request.build_absolute_uri(reverse("directory:organisation", args=[o.pk]))

    return [
        (_("Name"), lambda o: o.name),
        (_("Organisation number"), lambda o: o.organisation_number),
        (_("Categories"), lambda o: ", ".join(c.name for c in o.categories.all())),
        (_("Districts"), lambda o: ", ".join(d.name for d in districts_of(o))),
        (_("Street address"), lambda o: o.street_address),
        (_("Postal code"), lambda o: o.postal_code),
        (_("Postal place"), lambda o: o.postal_place),
        (_("E-mail"), lambda o: o.email),
        (_("Phone"), lambda o: o.phone),
        (_("Website"), lambda o: o.website),
        (_("Target groups"), lambda o: ", ".join(label for _c, label in target_group_pairs(o))),
        (_("Languages"), lambda o: ", ".join(label for _c, label in language_pairs(o))),
        (_("Membership fee (NOK a year)"), lambda o: _kroner(o.membership_fee_ore)),
        (_("Latitude"), lambda o: decimal_comma(o.latitude, 6)),
        (_("Longitude"), lambda o: decimal_comma(o.longitude, 6)),
        (_("Register status"), lambda o: str(o.get_register_status_display())),
        (_("Updated"), lambda o: f"{timezone.localtime(o.updated_at):%Y-%m-%d %H:%M}"),
        (_("Page"), page),
    ]


class _Line:
    """A file-like object whose write() hands back the line csv.writer wrote."""

    def write(self, value: str) -> str:
        return value


def csv_lines(request: HttpRequest, organisations: Iterable[Organisation]) -> Iterator[str]:
    """The CSV, a line at a time: the byte-order mark, the headers, one row per
    organisation. The response streams after the view has returned, so the
    request's language is held here."""
    language = translation.get_language()
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    with translation.override(language):
        selected = columns(request)
        yield BOM + writer.writerow([str(header) for header, _value in selected])
    for organisation in organisations:
        with translation.override(language):
            yield writer.writerow([safe_cell(value(organisation)) for _header, value in selected])
