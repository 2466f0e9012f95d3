"""The directory as a spreadsheet (CSV), and the open-data links on the search page."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import StreamingHttpResponse
from django.test import Client
from django.utils import timezone

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from tests.directory.conftest import complete_organisation
from tests.factories import OrganisationFactory


def download(client: Client, **params: Any) -> tuple[StreamingHttpResponse, str]:
    response = client.get("/organisasjoner/eksport.csv", params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    return response, body.decode("utf-8")


def rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # so Excel reads UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_has_a_row_per_organisation(
    baerum_client: Client, korps: Organisation, baerum: Municipality
) -> None:
    response, text = download(baerum_client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="organisasjoner-baerum-{today}.csv"'
    )
    assert 'rel="license"' in response["Link"]
    assert "\r\n" in text
    table = rows(text)
    header, *body = table
    assert header[:4] == ["Navn", "Organisasjonsnummer", "Kategorier", "Områder"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_name) == {
        "Rykkinn skolekorps",
        "Norges Musikkorps Forbund",
        "Bærum frivillighetsråd",
    }
    row = by_name["Rykkinn skolekorps"]
    assert row["Organisasjonsnummer"] == korps.organisation_number
    assert row["Områder"] == "Rykkinn, Sandvika"
    assert row["Gateadresse"] == "Rykkinnveien 10"
    assert (row["Postnummer"], row["Poststed"]) == ("1349", "Rykkinn")
    assert row["Telefon"] == "+47 67 13 00 00"
    assert row["Målgrupper"] == "Barn, Ungdom"
    assert row["Språk"] == "Norsk, Engelsk"
    assert row["Medlemskontingent (kr per år)"] == "1250,50"
    assert (row["Breddegrad"], row["Lengdegrad"]) == ("59,929100", "10,480200")
    assert row["Registerstatus"] == "Aktiv"
    assert row["Side"] == f"http://baerum.localhost/organisasjoner/{korps.pk}/"


def test_csv_takes_the_search_page_filters(
    baerum_client: Client, baerum: Municipality, asker: Municipality, korps: Organisation
) -> None:
    OrganisationFactory.create(municipality=asker, name="Heggedal skolekorps")
    _response, text = download(baerum_client, q="korps", kategori="1", side="3")
    assert [row[0] for row in rows(text)[1:]] == ["Rykkinn skolekorps"]
    _response, text = download(baerum_client, malgruppe="seniors")
    assert len(rows(text)) == 1  # the header alone


def test_csv_cells_never_run_as_formulas(baerum_client: Client, baerum: Municipality) -> None:
    OrganisationFactory.create(municipality=baerum, name='=HYPERLINK("http://x.test","klikk")')
    _response, text = download(baerum_client)
    assert rows(text)[1][0] == '\'=HYPERLINK("http://x.test","klikk")'


def test_csv_streams_many_organisations_in_fixed_queries(
    baerum_client: Client, baerum: Municipality, django_assert_max_num_queries: Any
) -> None:
    complete_organisation(baerum)
    download(baerum_client)  # warm the host lookup
    for number in range(40):
        complete_organisation(baerum, name=f"Korps {number}")
    # A new facet index (five queries: the content changed), then the
    # organisations and seven prefetches for each chunk of 500 rows.
    with django_assert_max_num_queries(13):
        _response, text = download(baerum_client)
    assert len(rows(text)) == 1 + 41 * 3
    with django_assert_max_num_queries(8):
        download(baerum_client)


def test_search_page_links_to_the_open_data(baerum_client: Client, korps: Organisation) -> None:
    body = baerum_client.get("/organisasjoner/", {"kategori": "1"}).content.decode()
    assert 'href="/organisasjoner/eksport.csv?kategori=1"' in body
    assert "Last ned som regneark (CSV)" in body
    assert "Åpne data (API)" in body
    assert "NLOD 2.0" in body
    assert 'href="https://data.norge.no/nlod/no/2.0"' in body
    # An htmx search brings the links up to date, out of band.
    fragment = baerum_client.get(
        "/organisasjoner/", {"q": "korps"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-swap-oob="true"' in fragment
    assert 'href="/organisasjoner/eksport.csv?q=korps"' in fragment
    plain = baerum_client.get("/organisasjoner/").content.decode()
    assert 'href="/organisasjoner/eksport.csv"' in plain
