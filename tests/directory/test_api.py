"""The directory's open-data API: the search page's filters, every public
field, tenancy, the licence, and a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from dugnad.directory.models import IcnpoCategory, Organisation, TargetGroup
from dugnad.directory.opendata import NLOD
from dugnad.municipalities.models import Municipality
from tests.directory.conftest import complete_organisation
from tests.factories import OrganisationFactory


def _listed(client: Client, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/organisations", params)
    assert response.status_code == 200, response.content
    assert response["Link"] == NLOD.link_header
    data: dict[str, Any] = response.json()
    return data


def test_detail_has_every_public_field(baerum_client: Client, korps: Organisation) -> None:
    response = baerum_client.get(f"/api/v1/organisations/{korps.pk}")
    assert response.status_code == 200
    assert 'rel="license"' in response["Link"]
    data = response.json()
    assert data["licence"] == {"id": "NLOD-2.0", "name": NLOD.name, "url": NLOD.url}
    assert data["name"] == "Rykkinn skolekorps"
    assert data["organisation_number"] == korps.organisation_number
    assert data["categories"] == [
        {
            "code": "1.100",
            "name": IcnpoCategory.objects.get(code="1.100").name_nb,
            "name_nb": IcnpoCategory.objects.get(code="1.100").name_nb,
            "name_nn": IcnpoCategory.objects.get(code="1.100").name_nn,
            "name_en": IcnpoCategory.objects.get(code="1.100").name_en,
            "main_group": "1",
        }
    ]
    assert [d["name"] for d in data["districts"]] == ["Rykkinn", "Sandvika"]
    assert data["address"] == {
        "street_address": "Rykkinnveien 10",
        "postal_code": "1349",
        "postal_place": "Rykkinn",
    }
    assert data["coordinates"] == {"latitude": 59.9291, "longitude": 10.4802}
    assert data["contacts"] == [
        {
            "name": "Kari Nordmann",
            "title": "Leder",
            "email": "leder@rykkinnkorps.no",
            "phone": "+47 900 00 000",
        }
    ]
    assert data["website"] == "https://rykkinnkorps.no"
    assert data["social_links"] == ["https://www.facebook.com/rykkinnkorps"]
    assert [g["code"] for g in data["target_groups"]] == ["children", "youth"]
    assert data["languages"][1] == {"code": "en", "label": "Engelsk"}
    assert data["accessibility"] == "Trinnfri inngang og HC-toalett."
    assert data["membership_fee"] == {"amount_ore": 125050, "note": "Søskenmoderasjon"}
    assert data["activities"][0]["schedule"] == "Tirsdager 18–20"
    assert data["activities"][0]["district"]["name"] == "Rykkinn"
    assert [o["name"] for o in data["member_of"]] == ["Bærum frivillighetsråd"]
    assert data["national_organisation"]["name"] == "Norges Musikkorps Forbund"
    assert data["founded_year"] == 1978
    assert data["register_status"]["code"] == "active"
    assert data["updated_at"]
    assert data["links"]["html"] == f"http://baerum.localhost/organisasjoner/{korps.pk}/"
    assert data["links"]["self"].endswith(f"/api/v1/organisations/{korps.pk}")
    assert data["links"]["hsds"].endswith(f"/api/v1/organisations/{korps.pk}/hsds")


def test_labels_follow_the_request_language(baerum_client: Client, korps: Organisation) -> None:
    baerum_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = baerum_client.get(f"/api/v1/organisations/{korps.pk}")
    assert response["Content-Language"] == "en"
    data = response.json()
    assert data["target_groups"][0]["label"] == "Children"
    assert data["categories"][0]["name"] == data["categories"][0]["name_en"]


def test_detail_is_404_elsewhere_and_when_hidden(
    baerum_client: Client, asker_client: Client, korps: Organisation
) -> None:
    for path in (f"/api/v1/organisations/{korps.pk}", f"/api/v1/organisations/{korps.pk}/hsds"):
        assert asker_client.get(path).status_code == 404
    korps.is_hidden = True
    korps.hidden_reason = "Under review"
    korps.save()
    assert baerum_client.get(f"/api/v1/organisations/{korps.pk}").status_code == 404
    assert baerum_client.get(f"/api/v1/organisations/{korps.pk}/hsds").status_code == 404
    assert baerum_client.get("/api/v1/organisations/999999").status_code == 404


def test_list_takes_the_search_page_parameters(
    baerum_client: Client, baerum: Municipality, asker: Municipality, korps: Organisation
) -> None:
    sport = OrganisationFactory.create(
        municipality=baerum, name="Rykkinn IL", target_groups=[TargetGroup.ADULTS]
    )
    sport.categories.add(IcnpoCategory.objects.get(code="2.100"))
    OrganisationFactory.create(municipality=asker, name="Heggedal IL")

    everything = _listed(baerum_client)
    assert everything["licence"]["id"] == "NLOD-2.0"
    # The two umbrella/national organisations of the fixture are listed too.
    assert everything["total"] == 4
    assert "Heggedal IL" not in [o["name"] for o in everything["results"]]

    culture = _listed(baerum_client, kategori="1")
    assert [o["name"] for o in culture["results"]] == ["Rykkinn skolekorps"]
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in culture["facets"]}
    assert facets["kategori"] == {"1": 1, "2": 1}
    assert facets["malgruppe"] == {"children": 1, "youth": 1}

    both = _listed(baerum_client, kategori=["1", "2"], malgruppe=["adults", "aliens"])
    assert [o["name"] for o in both["results"]] == ["Rykkinn IL"]
    assert _listed(baerum_client, q="korps for barn")["results"][0]["id"] == korps.pk
    assert _listed(baerum_client, bydel="rykkinn", sprak="en")["total"] == 1


def test_list_pages(baerum_client: Client, baerum: Municipality) -> None:
    for number in range(7):
        OrganisationFactory.create(municipality=baerum, name=f"Lag {number}")
    first = _listed(baerum_client, per_side=3, sorter="navn")
    assert (first["total"], first["pages"], first["page"], first["page_size"]) == (7, 3, 1, 3)
    assert [o["name"] for o in first["results"]] == ["Lag 0", "Lag 1", "Lag 2"]
    assert first["previous"] is None
    assert (
        first["next"]
        == "http://baerum.localhost/api/v1/organisations?per_side=3&sorter=navn&side=2"
    )
    last = _listed(baerum_client, per_side=3, sorter="navn", side=3)
    assert [o["name"] for o in last["results"]] == ["Lag 6"]
    assert last["next"] is None
    assert baerum_client.get("/api/v1/organisations", {"per_side": 1000}).status_code == 422
    assert baerum_client.get("/api/v1/organisations", {"side": 0}).status_code == 422


def test_list_query_count_is_fixed(
    baerum_client: Client, baerum: Municipality, django_assert_num_queries: Any
) -> None:
    complete_organisation(baerum)
    _listed(baerum_client)  # warm the host lookup
    for number in range(5):
        complete_organisation(baerum, name=f"Korps {number}")
    # a new facet index (the content changed): the listed organisations,
    # their categories and districts, the main categories and the districts
    # (5 queries: the filters, the total, the order and the facet counts are
    # worked out from it); the page, seven prefetches (home municipality,
    # categories, districts, activities, contacts, umbrella councils, national
    # organisation)
    with django_assert_num_queries(13):
        data = _listed(baerum_client, per_side=100)
    assert data["total"] == 18
    # the index is current: the text's matches with their relevance, the
    # page, the seven prefetches
    with django_assert_num_queries(9):
        _listed(baerum_client, per_side=100, q="korps", kategori="1")


def test_detail_query_count_is_fixed(
    baerum_client: Client, korps: Organisation, django_assert_num_queries: Any
) -> None:
    baerum_client.get(f"/api/v1/organisations/{korps.pk}")
    # the organisation with its main district, and seven prefetches
    with django_assert_num_queries(8):
        baerum_client.get(f"/api/v1/organisations/{korps.pk}")
    with django_assert_num_queries(8):
        baerum_client.get(f"/api/v1/organisations/{korps.pk}/hsds")


def test_openapi_documents_the_parameters_and_licence(baerum_client: Client) -> None:
    schema = baerum_client.get("/api/v1/openapi.json").json()
    assert "NLOD" in schema["info"]["description"]
    operation = schema["paths"]["/api/v1/organisations"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"q", "kategori", "bydel", "malgruppe", "sprak", "sorter", "side", "per_side"} <= set(
        parameters
    )
    for parameter in parameters.values():
        assert parameter.get("description") or parameter["schema"].get("description"), parameter
    assert "children" in str(parameters["malgruppe"])
    hsds = schema["paths"]["/api/v1/organisations/hsds"]["get"]
    assert {"page", "per_page", "search", "kategori"} <= {p["name"] for p in hsds["parameters"]}
    assert "/api/v1/organisations/{id}" in schema["paths"]
    assert "/api/v1/organisations/{id}/hsds" in schema["paths"]


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/organisations/hsds"])
def test_list_without_a_municipality_is_404(db: None, path: str) -> None:
    from tests.factories import MunicipalityFactory

    MunicipalityFactory.create(slug="a")
    MunicipalityFactory.create(slug="b")
    assert Client(HTTP_HOST="127.0.0.1").get(path).status_code == 404
