"""The directory's open data API: organisations as JSON and as Open Referral
HSDS 3.0, read-only, under /api/v1/organisations.

The list takes the search page's own parameters (``q``, ``kategori``,
``bydel``, ``malgruppe``, ``sprak``, ``sorter``, ``side``) and reads through
:mod:`dugnad.directory.queries`, so a search URL and an API URL with the same
parameters find the same organisations. Every response names its licence
(NLOD 2.0) in a ``licence`` field and a ``Link: <…>; rel="license"`` header.
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from dugnad.directory import hsds, queries
from dugnad.directory.models import Organisation, TargetGroup
from dugnad.directory.opendata import NLOD, districts_of, language_pairs, target_group_pairs
from dugnad.municipalities.tenancy import current_municipality, get_scoped_or_404
from dugnad.people import rules
from dugnad.people.api_auth import api_requires

router = Router(tags=["organisations"])


# --- parameters ------------------------------------------------------------------


def _enum_items(values: list[str]) -> dict[str, Any]:
    """Document the allowed values of a repeatable parameter without refusing
    others: like the search page, the API drops values that mean nothing."""
    return {"items": {"type": "string", "enum": values}}


class OrganisationFilters(Schema):
    """The search page's parameters. Values of one parameter are alternatives;
    different parameters must all hold."""

    q: str = Field(
        "",
        description=(
            "Free text: words in the name, description, activities, places, categories "
            "or target groups; word stems and compounds match (`korps for barn`). "
            f"At most {queries.MAX_TEXT} characters are read."
        ),
    )
    kategori: list[str] = Field(
        default_factory=list,
        description=(
            "Main group codes of Frivillighetsregisteret's ICNPO-based categories, "
            "e.g. `1` (culture and recreation) or `14` (multicultural organisations). "
            "Repeat the parameter for alternatives."
        ),
    )
    bydel: list[str] = Field(
        default_factory=list,
        description=(
            "District slugs (see `/api/v1/municipality`). Repeat the parameter for alternatives."
        ),
    )
    malgruppe: list[str] = Field(
        default_factory=list,
        description="Target groups. Repeat the parameter for alternatives.",
        json_schema_extra=_enum_items(list(TargetGroup.values)),
    )
    sprak: list[str] = Field(
        default_factory=list,
        description=(
            "Languages used by the organisation (ISO 639-1). Repeat the parameter for alternatives."
        ),
        json_schema_extra=_enum_items(list(queries.LANGUAGES)),
    )
    sorter: str = Field(
        "",
        description=(
            "Order: `relevans` (best match; the default with `q`), `navn` (name; the default "
            "without `q`) or `nyest` (newest first)."
        ),
        json_schema_extra={"enum": ["", *queries.SORTS]},
    )
    side: int = Field(1, ge=1, le=10_000, description="Page number, from 1.")
    per_side: int = Field(
        queries.PAGE_SIZE,
        ge=1,
        le=queries.MAX_PAGE_SIZE,
        description=f"Organisations per page, at most {queries.MAX_PAGE_SIZE}.",
    )

    def directory_query(self, *, text: str | None = None, page: int | None = None) -> Any:
        return queries.DirectoryQuery.from_params(
            {
                "q": self.q if text is None else text,
                "kategori": self.kategori,
                "bydel": self.bydel,
                "malgruppe": self.malgruppe,
                "sprak": self.sprak,
                "sorter": self.sorter,
                "side": self.side if page is None else page,
            }
        )


class HsdsFilters(OrganisationFilters):
    """The search page's parameters, and HSDS's own names for paging and text."""

    page: int | None = Field(
        None, ge=1, le=10_000, description="HSDS name for `side`: the page number, from 1."
    )
    per_page: int | None = Field(
        None,
        ge=1,
        le=queries.MAX_PAGE_SIZE,
        description="HSDS name for `per_side`: organisations per page.",
    )
    search: str | None = Field(None, description="HSDS name for `q`: free text.")


# --- responses -------------------------------------------------------------------


class LicenceOut(Schema):
    id: str = Field(NLOD.id, description="SPDX-style identifier.")
    name: str = NLOD.name
    url: str = NLOD.url


class CodeLabelOut(Schema):
    code: str
    label: str = Field(description="In the language of the response (Content-Language).")


class CategoryOut(Schema):
    code: str = Field(description="Frivillighetsregisteret's (ICNPO-based) code, e.g. 1.100.")
    name: str = Field(description="In the language of the response (Content-Language).")
    name_nb: str
    name_nn: str
    name_en: str
    main_group: str = Field(description="The code of the main group (itself for a main group).")


class DistrictOut(Schema):
    name: str
    slug: str


class AddressOut(Schema):
    street_address: str
    postal_code: str
    postal_place: str


class CoordinatesOut(Schema):
    latitude: float = Field(description="WGS 84, decimal degrees.")
    longitude: float = Field(description="WGS 84, decimal degrees.")


class ContactOut(Schema):
    name: str
    title: str
    email: str
    phone: str


class ActivityOut(Schema):
    name: str
    description: str
    schedule: str = Field(description="When, as free text (e.g. Tuesdays 18–20).")
    place: str
    district: DistrictOut | None


class OrganisationRefOut(Schema):
    id: int
    name: str


class MembershipFeeOut(Schema):
    amount_ore: int | None = Field(description="A year, in øre (1 krone = 100 øre).")
    note: str


class LinksOut(Schema):
    self: str = Field(description="This organisation in the API.")
    html: str = Field(description="The organisation's page.")
    hsds: str = Field(description="This organisation as an Open Referral HSDS 3.0 organization.")


class OrganisationOut(Schema):
    id: int
    name: str
    organisation_number: str | None = Field(
        description="Nine digits, from the Brønnøysund Register Centre."
    )
    kind: str = Field(description="organisation, umbrella or volunteer_council.")
    legal_form: str
    legal_form_name: str
    description: str
    purpose: str = Field(description="The purpose registered in the Brønnøysund registers.")
    categories: list[CategoryOut]
    districts: list[DistrictOut] = Field(description="Where it is active; the main one first.")
    address: AddressOut | None
    coordinates: CoordinatesOut | None
    email: str
    phone: str
    website: str
    social_links: list[str]
    contacts: list[ContactOut]
    target_groups: list[CodeLabelOut]
    languages: list[CodeLabelOut]
    accessibility: str = Field(description="Universal design and accessibility, as free text.")
    membership_fee: MembershipFeeOut
    activities: list[ActivityOut]
    member_of: list[OrganisationRefOut] = Field(description="Umbrella councils it belongs to.")
    national_organisation: OrganisationRefOut | None
    founded_year: int | None
    in_frivillighetsregisteret: bool
    frivillighetsregisteret_since: date | None
    register_status: CodeLabelOut = Field(
        description="What the Brønnøysund registers say: active, dissolving or bankrupt."
    )
    updated_at: datetime
    links: LinksOut


class OrganisationDetailOut(OrganisationOut):
    licence: LicenceOut


class FacetValueOut(Schema):
    value: str = Field(description="The parameter value that chooses it.")
    label: str
    count: int = Field(description="How many organisations choosing it would give.")
    selected: bool


class FacetOut(Schema):
    name: str = Field(description="The parameter: kategori, bydel, malgruppe or sprak.")
    label: str
    values: list[FacetValueOut]


class OrganisationPageOut(Schema):
    total: int = Field(description="Organisations matching the query, on all pages.")
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[OrganisationOut]
    facets: list[FacetOut]
    licence: LicenceOut


class HsdsPageOut(Schema):
    """HSDS's paging envelope (the ``Page`` of its OpenAPI document)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="Organisations on this page.")
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]] = Field(
        description="Fully nested HSDS 3.0 organization objects."
    )
    licence: LicenceOut


# --- building responses ------------------------------------------------------------


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def organisation_out(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    """An organisation as the API shows it, from rows loaded by ``with_details``."""
    pk = organisation.pk
    has_address = bool(
        organisation.street_address or organisation.postal_code or organisation.postal_place
    )
    coordinates = None
    if organisation.latitude is not None and organisation.longitude is not None:
        coordinates = {
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }

    def district(d: Any) -> dict[str, str] | None:
        return None if d is None else {"name": d.name, "slug": d.slug}

    def ref(o: Organisation | None) -> dict[str, Any] | None:
        return None if o is None else {"id": o.pk, "name": o.name}

    return {
        "id": pk,
        "name": organisation.name,
        "organisation_number": organisation.organisation_number or None,
        "kind": organisation.kind,
        "legal_form": organisation.legal_form,
        "legal_form_name": organisation.legal_form_name,
        "description": organisation.description,
        "purpose": organisation.purpose,
        "categories": [
            {
                "code": c.code,
                "name": c.name,
                "name_nb": c.name_nb,
                "name_nn": c.name_nn,
                "name_en": c.name_en,
                "main_group": c.parent.code if c.parent else c.code,
            }
            for c in organisation.categories.all()
        ],
        "districts": [district(d) for d in districts_of(organisation)],
        "address": {
            "street_address": organisation.street_address,
            "postal_code": organisation.postal_code,
            "postal_place": organisation.postal_place,
        }
        if has_address
        else None,
        "coordinates": coordinates,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "social_links": [str(link) for link in organisation.social_links or []],
        "contacts": [
            {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
            for c in organisation.contacts.all()
        ],
        "target_groups": [
            {"code": c, "label": label} for c, label in target_group_pairs(organisation)
        ],
        "languages": [{"code": c, "label": label} for c, label in language_pairs(organisation)],
        "accessibility": organisation.accessibility,
        "membership_fee": {
            "amount_ore": organisation.membership_fee_ore,
            "note": organisation.membership_fee_note,
        },
        "activities": [
            {
                "name": a.name,
                "description": a.description,
                "schedule": a.schedule,
                "place": a.place,
                "district": district(a.district),
            }
            for a in organisation.activities.all()
        ],
        "member_of": [ref(o) for o in organisation.member_of.all()],
        "national_organisation": ref(organisation.national_organisation),
        "founded_year": organisation.founded.year if organisation.founded else None,
        "in_frivillighetsregisteret": organisation.in_frivillighetsregisteret,
        "frivillighetsregisteret_since": organisation.frivillighetsregisteret_since,
        "register_status": {
            "code": organisation.register_status,
            "label": str(organisation.get_register_status_display()),
        },
        "updated_at": organisation.updated_at,
        "links": {
            "self": _absolute(request, reverse("api:organisation-detail", kwargs={"id": pk})),
            "html": _absolute(request, reverse("directory:organisation", args=[pk])),
            "hsds": _absolute(request, reverse("api:organisation-hsds-detail", kwargs={"id": pk})),
        },
    }


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["side"] = str(number)
    return _absolute(request, f"{request.path}?{params.urlencode()}")


def _licensed(response: HttpResponse) -> dict[str, str]:
    """Name the licence in the response's headers; returns it for the body."""
    response["Link"] = NLOD.link_header
    return {"id": NLOD.id, "name": NLOD.name, "url": NLOD.url}


def _detail(request: HttpRequest, pk: int) -> Organisation:
    """A listed organisation of the request's municipality, or 404."""
    return get_scoped_or_404(request, queries.with_details(Organisation.objects.listed()), pk=pk)


def _municipality(request: HttpRequest) -> Any:
    municipality = current_municipality(request)
    if municipality is None:
        from ninja.errors import HttpError

        raise HttpError(404, "No municipality is served on this host.")
    return municipality


# --- operations --------------------------------------------------------------------


@router.get(
    "",
    response=OrganisationPageOut,
    url_name="organisation-list",
    summary="Search the municipality's organisations",
    description=(
        "The organisations of the municipality served on this host, with the search page's "
        "filters, a page of results, the total and the facet counts (for each filter, how "
        "many organisations each value would give with the other filters applied). "
        "Licensed under NLOD 2.0."
    ),
)
@api_requires(rules.PUBLIC)
def list_organisations(
    request: HttpRequest, response: HttpResponse, filters: Query[OrganisationFilters]
) -> dict[str, Any]:
    municipality = _municipality(request)
    result = queries.search(
        municipality, filters.directory_query(), page_size=filters.per_side, detailed=True
    )
    page = result.page
    return {
        "licence": _licensed(response),
        "total": result.total,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": [organisation_out(request, o) for o in page],
        "facets": [
            {
                "name": facet.name,
                "label": facet.label,
                "values": [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in facet.values
                ],
            }
            for facet in result.facets
        ],
    }


@router.get(
    "/hsds",
    response=HsdsPageOut,
    url_name="organisation-hsds-list",
    summary="Organisations as Open Referral HSDS 3.0",
    description=(
        "The same search as the organisation list, as a page of fully nested HSDS 3.0 "
        "`organization` objects in HSDS's paging envelope. `page`, `per_page` and `search` "
        "may be used for `side`, `per_side` and `q`. Licensed under NLOD 2.0."
    ),
)
@api_requires(rules.PUBLIC)
def list_organisations_hsds(
    request: HttpRequest, response: HttpResponse, filters: Query[HsdsFilters]
) -> dict[str, Any]:
    municipality = _municipality(request)
    query = filters.directory_query(text=filters.search, page=filters.page)
    result = queries.search(
        municipality, query, page_size=filters.per_page or filters.per_side, detailed=True
    )
    return hsds.page(request, result.page) | {"licence": _licensed(response)}


@router.get(
    "/{id}",
    response=OrganisationDetailOut,
    url_name="organisation-detail",
    summary="One organisation",
    description="404 for an organisation not listed in this municipality. Licensed under NLOD 2.0.",
)
@api_requires(rules.PUBLIC)
def organisation(request: HttpRequest, response: HttpResponse, id: int) -> dict[str, Any]:
    found = _detail(request, id)
    return organisation_out(request, found) | {"licence": _licensed(response)}


@router.get(
    "/{id}/hsds",
    response=dict[str, Any],
    url_name="organisation-hsds-detail",
    summary="One organisation as an Open Referral HSDS 3.0 organization",
    description=(
        "A fully nested HSDS 3.0 `organization` object (valid against the standard's "
        "`compiled/organization.json`). Licensed under NLOD 2.0."
    ),
)
@api_requires(rules.PUBLIC)
def organisation_hsds(request: HttpRequest, response: HttpResponse, id: int) -> dict[str, Any]:
    found = _detail(request, id)
    _licensed(response)
    return hsds.organization(request, found)
