"""Organisations as Open Referral HSDS 3.0 ``organization`` objects.

HSDS (the Human Services Data Specification) is the international format for
directories of services and the organisations behind them. We share the
organisations only (no ``services`` yet: an activity is not described richly
enough to be one). How our fields map:

- ``id``: a UUID derived with uuid5 from the organisation number (so two
  installations give one organisation the same id) or, without one, from our
  primary key; nested objects get ids derived from their owner's, so ids are
  stable from one export to the next.
- the organisation number: an ``organization_identifiers`` entry with the
  org-id.guide scheme ``NO-BRC`` (Brønnøysund Register Centre).
- the legal form: ``legal_status``; the year founded: ``year_incorporated``;
  a local branch's national organisation: ``parent_organization_id``.
- the address and coordinates, languages and accessibility: one physical
  ``location`` (HSDS puts languages and accessibility on locations), whose
  address has the county as ``state_province`` and ``NO`` as country.
- activity categories: ``attributes`` whose taxonomy terms come from the
  Frivillighetsregisteret (ICNPO-based) taxonomy; target groups likewise from
  Dugnad's own target-group taxonomy.
- ``funding`` and ``programs`` are empty: we hold none.

Objects built here are validated against the standard's JSON schemas in
``tests/directory/test_hsds.py``. Empty values are left out, since HSDS's
schemas do not allow ``null``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language

from dugnad.directory.models import IcnpoCategory, Organisation
from dugnad.directory.opendata import language_pairs, target_group_pairs

# Never change: every id in the export is derived from it.
NAMESPACE = uuid.UUID("c5febf06-22db-4f10-8533-4e8672bd1854")

ORGANISATION_NUMBER_SCHEME = "NO-BRC"


def stable_id(*parts: object) -> str:
    """A UUID that is the same in every export for the same parts."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def organisation_id(organisation: Organisation) -> str:
    if organisation.organisation_number:
        return stable_id(ORGANISATION_NUMBER_SCHEME, organisation.organisation_number)
    return stable_id("dugnad-organisation", organisation.pk)


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what we do not know: HSDS's schemas have no nulls."""
    return {key: value for key, value in values.items() if value not in (None, "")}


def _language() -> str:
    return (get_language() or "nb")[:2]


ICNPO_TAXONOMY = {
    "id": stable_id("taxonomy", "icnpo"),
    "name": "Frivillighetsregisteret (ICNPO)",
    "description": (
        "The activity categories of the Norwegian Register of Non-Profit Organisations "
        "(Frivillighetsregisteret), based on the International Classification of Non-Profit "
        "Organisations (ICNPO) with Norway's groups 13 and 14."
    ),
    "version": "ICNPO",
}

TARGET_GROUP_TAXONOMY = {
    "id": stable_id("taxonomy", "dugnad-target-group"),
    "name": "Dugnad target groups",
    "description": "Who an organisation's activities are for (målgruppe), as Dugnad records it.",
}


def _category_term(category: IcnpoCategory) -> dict[str, Any]:
    parent = category.parent
    description = f"{parent.name} – {category.name}" if parent else category.name
    return _compact(
        {
            "id": stable_id("icnpo", category.code),
            "code": category.code,
            "name": category.name,
            "description": description,
            "parent_id": stable_id("icnpo", parent.code) if parent else None,
            "taxonomy": ICNPO_TAXONOMY["name"],
            "taxonomy_id": ICNPO_TAXONOMY["id"],
            "taxonomy_detail": ICNPO_TAXONOMY,
            "language": _language(),
        }
    )


def _attributes(organisation: Organisation, org_id: str) -> list[dict[str, Any]]:
    attributes = []
    for category in organisation.categories.all():
        term = _category_term(category)
        attributes.append(
            {
                "id": stable_id(org_id, "attribute", "icnpo", category.code),
                "link_id": org_id,
                "link_type": "category",
                "link_entity": "organization",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
        )
    for code, label in target_group_pairs(organisation):
        term_id = stable_id("target-group", code)
        attributes.append(
            {
                "id": stable_id(org_id, "attribute", "target-group", code),
                "link_id": org_id,
                "link_type": "audience",
                "link_entity": "organization",
                "taxonomy_term_id": term_id,
                "taxonomy_term": {
                    "id": term_id,
                    "code": code,
                    "name": label,
                    "description": label,
                    "taxonomy": TARGET_GROUP_TAXONOMY["name"],
                    "taxonomy_id": TARGET_GROUP_TAXONOMY["id"],
                    "taxonomy_detail": TARGET_GROUP_TAXONOMY,
                    "language": _language(),
                },
            }
        )
    return attributes


def _phone(owner_id: str, number: str, **link: str) -> dict[str, Any]:
    return {"id": stable_id(owner_id, "phone", number), **link, "number": number, "type": "voice"}


def _location(organisation: Organisation, org_id: str) -> dict[str, Any] | None:
    """The organisation's one physical location, if we know anything about it."""
    location_id = stable_id(org_id, "location", "main")
    addresses = []
    if organisation.street_address and organisation.postal_code and organisation.postal_place:
        addresses.append(
            {
                "id": stable_id(location_id, "address", "physical"),
                "location_id": location_id,
                "address_1": organisation.street_address,
                "city": organisation.postal_place,
                "region": organisation.municipality.name,
                "state_province": organisation.municipality.county,
                "postal_code": organisation.postal_code,
                "country": "NO",
                "address_type": "physical",
            }
        )
    languages = [
        {"id": stable_id(location_id, "language", code), "location_id": location_id}
        | {"name": name, "code": code}
        for code, name in language_pairs(organisation)
    ]
    accessibility = (
        [
            {
                "id": stable_id(location_id, "accessibility"),
                "location_id": location_id,
                "description": organisation.accessibility,
            }
        ]
        if organisation.accessibility
        else []
    )
    latitude, longitude = organisation.latitude, organisation.longitude
    has_coordinates = latitude is not None and longitude is not None
    if not (addresses or languages or accessibility or has_coordinates):
        return None
    return _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": org_id,
            "name": organisation.name,
            "latitude": float(latitude) if latitude is not None and has_coordinates else None,
            "longitude": float(longitude) if longitude is not None and has_coordinates else None,
            "addresses": addresses,
            "languages": languages,
            "accessibility": accessibility,
        }
    )


def organization(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    """One fully nested HSDS ``organization``, from rows loaded by
    :func:`dugnad.directory.queries.with_details` (no further queries)."""
    org_id = organisation_id(organisation)
    contacts = []
    for contact in organisation.contacts.all():
        contact_id = stable_id(org_id, "contact", contact.pk)
        contacts.append(
            _compact(
                {
                    "id": contact_id,
                    "organization_id": org_id,
                    "name": contact.name,
                    "title": contact.title,
                    "email": contact.email,
                    "phones": [_phone(contact_id, contact.phone, contact_id=contact_id)]
                    if contact.phone
                    else None,
                }
            )
        )
    identifiers = []
    if organisation.organisation_number:
        identifiers.append(
            {
                "id": stable_id(org_id, "identifier", ORGANISATION_NUMBER_SCHEME),
                "organization_id": org_id,
                "identifier_scheme": ORGANISATION_NUMBER_SCHEME,
                "identifier_type": "Organisasjonsnummer (Enhetsregisteret)",
                "identifier": organisation.organisation_number,
            }
        )
    location = _location(organisation, org_id)
    national = organisation.national_organisation
    return _compact(
        {
            "id": org_id,
            "name": organisation.name,
            "description": organisation.description or organisation.purpose,
            "email": organisation.email,
            "website": organisation.website,
            "year_incorporated": organisation.founded.year if organisation.founded else None,
            "legal_status": organisation.legal_form_name or organisation.legal_form,
            "logo": request.build_absolute_uri(organisation.logo.url)
            if organisation.logo
            else None,
            "uri": request.build_absolute_uri(
                reverse("directory:organisation", args=[organisation.pk])
            ),
            "parent_organization_id": organisation_id(national) if national else None,
            "funding": [],
            "contacts": contacts,
            "phones": [_phone(org_id, organisation.phone, organization_id=org_id)]
            if organisation.phone
            else [],
            "locations": [location] if location else [],
            "programs": [],
            "organization_identifiers": identifiers,
            "attributes": _attributes(organisation, org_id),
        }
    ) | {"description": organisation.description or organisation.purpose}


def page(request: HttpRequest, results: Page[Organisation]) -> dict[str, Any]:
    """A page of organisations in HSDS's paging envelope (its OpenAPI ``Page``)."""
    contents = [organization(request, o) for o in results]
    return {
        "total_items": results.paginator.count,
        "total_pages": results.paginator.num_pages,
        "page_number": results.number,
        "size": len(contents),
        "first_page": not results.has_previous(),
        "last_page": not results.has_next(),
        "empty": results.paginator.count == 0,
        "contents": contents,
    }
