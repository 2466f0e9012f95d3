"""The HSDS 3.0 export, validated against the Open Referral standard's own
JSON schemas (shared/standards/hsds-3.0, beside the checkout)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from dugnad.directory import hsds
from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from tests.directory.conftest import complete_organisation
from tests.factories import OrganisationFactory

# Tests run from the repository's root; shared/ sits beside the checkout.
SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared/standards/hsds-3.0/schema"


@cache
def registry() -> Registry[Any]:
    """Every schema file under its own name, so ``{"$ref": "phone.json"}`` resolves."""
    if not SCHEMAS.is_dir():
        pytest.fail(f"The HSDS 3.0 schemas are missing: expected them in {SCHEMAS}")
    resources = []
    for path in sorted(SCHEMAS.rglob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        name = path.relative_to(SCHEMAS).as_posix()
        resources.append(
            (name, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


def validator(name: str) -> Draft202012Validator:
    schema = registry()[name].contents
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(instance: Any, schema_name: str) -> None:
    errors = sorted(validator(schema_name).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors
    )


def test_the_schemas_catch_a_broken_export() -> None:
    """Guard against a validator that passes everything (e.g. unresolved refs)."""
    broken = {
        "id": "not-a-uuid",
        "name": "X",
        "description": "",
        "phones": [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2"}],  # no number
        "locations": [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "location_type": "moon"}],
    }
    for schema in ("organization.json", "compiled/organization.json"):
        messages = [e.message for e in validator(schema).iter_errors(broken)]
        assert any("not-a-uuid" in m for m in messages)
        assert any("'number' is a required property" in m for m in messages)
        assert any("'moon'" in m for m in messages)


def test_a_complete_organisation_is_valid_hsds(baerum_client: Client, korps: Organisation) -> None:
    response = baerum_client.get(f"/api/v1/organisations/{korps.pk}/hsds")
    assert response.status_code == 200
    assert 'rel="license"' in response["Link"]
    organization = response.json()
    assert_valid(organization, "organization.json")
    assert_valid(organization, "compiled/organization.json")

    # Everything we know made it into the export.
    assert organization["id"] == hsds.organisation_id(korps)
    assert organization["name"] == "Rykkinn skolekorps"
    assert organization["email"] == "post@rykkinnkorps.no"
    assert organization["website"] == "https://rykkinnkorps.no"
    assert organization["year_incorporated"] == 1978
    assert organization["legal_status"] == "Forening/lag/innretning"
    assert organization["parent_organization_id"] == hsds.organisation_id(
        korps.national_organisation  # type: ignore[arg-type]
    )
    assert organization["organization_identifiers"][0] | {"id": ""} == {
        "id": "",
        "organization_id": organization["id"],
        "identifier_scheme": "NO-BRC",
        "identifier_type": "Organisasjonsnummer (Enhetsregisteret)",
        "identifier": korps.organisation_number,
    }
    assert organization["phones"][0]["number"] == "+47 67 13 00 00"
    contact = organization["contacts"][0]
    assert (contact["name"], contact["title"], contact["email"]) == (
        "Kari Nordmann",
        "Leder",
        "leder@rykkinnkorps.no",
    )
    assert contact["phones"][0]["number"] == "+47 900 00 000"
    location = organization["locations"][0]
    assert (location["latitude"], location["longitude"]) == (59.9291, 10.4802)
    address = location["addresses"][0]
    assert address["address_1"] == "Rykkinnveien 10"
    assert (address["postal_code"], address["city"]) == ("1349", "Rykkinn")
    assert (address["state_province"], address["country"]) == ("Akershus", "NO")
    assert [lang["code"] for lang in location["languages"]] == ["nb", "en"]
    assert location["accessibility"][0]["description"] == "Trinnfri inngang og HC-toalett."
    terms = [a["taxonomy_term"] for a in organization["attributes"]]
    icnpo = [t for t in terms if t["taxonomy_id"] == hsds.ICNPO_TAXONOMY["id"]]
    assert [t["code"] for t in icnpo] == ["1.100"]
    assert icnpo[0]["parent_id"] == hsds.stable_id("icnpo", "1")
    assert {t["code"] for t in terms} >= {"children", "youth"}
    assert organization["funding"] == organization["programs"] == []


def test_a_bare_organisation_is_valid_hsds(baerum_client: Client, baerum: Municipality) -> None:
    bare: Organisation = OrganisationFactory.create(
        municipality=baerum, organisation_number="", postal_code="1337"
    )
    organization = baerum_client.get(f"/api/v1/organisations/{bare.pk}/hsds").json()
    assert_valid(organization, "compiled/organization.json")
    assert organization["description"] == ""
    assert organization["locations"] == []  # a postal code alone is no address
    assert organization["organization_identifiers"] == []


def test_ids_are_stable(korps: Organisation, baerum: Municipality) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST="baerum.localhost")
    first = hsds.organization(request, korps)
    korps.refresh_from_db()
    assert hsds.organization(request, korps) == first
    # Derived from the organisation number, so another installation agrees.
    assert first["id"] == hsds.stable_id("NO-BRC", korps.organisation_number)


def test_the_list_is_a_valid_hsds_page(baerum_client: Client, baerum: Municipality) -> None:
    complete_organisation(baerum)
    complete_organisation(baerum, name="Sandvika musikkorps")
    response = baerum_client.get("/api/v1/organisations/hsds", {"per_page": "4", "kategori": "1"})
    assert response.status_code == 200
    page = response.json()
    assert page["licence"]["id"] == "NLOD-2.0"
    assert {k: v for k, v in page.items() if k not in {"contents", "licence"}} == {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    for organization in page["contents"]:
        assert_valid(organization, "compiled/organization.json")
        assert_valid(organization, "compiled/organization_list.json")
    assert [o["name"] for o in page["contents"]] == ["Rykkinn skolekorps", "Sandvika musikkorps"]

    # HSDS's own names for text and pages, and its paging flags.
    second = baerum_client.get(
        "/api/v1/organisations/hsds", {"search": "korps", "per_page": "1", "page": "2"}
    ).json()
    assert (second["page_number"], second["size"], second["total_pages"]) == (2, 1, 2)
    assert (second["first_page"], second["last_page"]) == (False, True)
    assert second["contents"][0]["name"] == "Sandvika musikkorps"
    none = baerum_client.get("/api/v1/organisations/hsds", {"q": "sjakk"}).json()
    assert (none["empty"], none["total_items"], none["contents"]) == (True, 0, [])
