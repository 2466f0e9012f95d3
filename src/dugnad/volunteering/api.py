"""The volunteering API: published needs with their open shifts, read-only and
public, under /api/v1/volunteering. Every response names its licence (NLOD 2.0).
"""

from datetime import datetime
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from dugnad.directory.opendata import NLOD
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.tenancy import current_municipality
from dugnad.people import rules
from dugnad.people.api_auth import api_requires
from dugnad.volunteering.models import Need, Shift, Suits

router = Router(tags=["volunteering"])

MAX_PAGE_SIZE = 100


class NeedFilters(Schema):
    bydel: str = Field("", description="District slug (see `/api/v1/municipality`).")
    passer: str = Field(
        "",
        description="Who the need suits.",
        json_schema_extra={"enum": ["", *Suits.values]},
    )
    fjern: bool = Field(False, description="Only needs that can be done remotely.")
    ledig: bool = Field(False, description="Only needs with a future shift that has free places.")
    side: int = Field(1, ge=1, le=10_000, description="Page number, from 1.")
    per_side: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Needs per page.")


class LicenceOut(Schema):
    id: str = NLOD.id
    name: str = NLOD.name
    url: str = NLOD.url


class ShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    places: int
    free_places: int


class NeedOut(Schema):
    id: int
    title: str
    description: str
    why: str
    owner: str = Field(description="The service or organisation that posted it.")
    owner_kind: str = Field(description="service or organisation.")
    district: str | None = Field(description="District slug.")
    address: str
    is_remote: bool
    suits: list[str]
    minimum_age: int | None
    languages: str
    requires_driving_licence: bool
    requires_politiattest: bool
    shifts: list[ShiftOut] = Field(description="Future shifts, soonest first.")
    url: str = Field(description="The need's page, where people sign up.")


class NeedPageOut(Schema):
    total: int
    page: int
    pages: int
    results: list[NeedOut]
    licence: LicenceOut


def _municipality(request: HttpRequest) -> Municipality:
    municipality = current_municipality(request)
    if municipality is None:
        raise HttpError(404, "No municipality is served on this host.")
    return municipality


def _needs(municipality: Municipality, filters: NeedFilters) -> QuerySet[Need]:
    now = timezone.now()
    found = Need.objects.in_municipality(municipality).published().suiting(filters.passer or None)
    if filters.bydel:
        found = found.filter(district__slug=filters.bydel)
    if filters.fjern:
        found = found.filter(is_remote=True)
    future = Shift.objects.filter(starts_at__gt=now).with_places()
    if filters.ledig:
        free = future.filter(places__gt=F("taken"))
        found = found.filter(pk__in=free.values("need_id"))
    return found.select_related("service", "organisation", "district").prefetch_related(
        Prefetch("shifts", queryset=future.order_by("starts_at", "pk"), to_attr="future_shifts")
    )


def need_out(request: HttpRequest, need: Need) -> dict[str, Any]:
    return {
        "id": need.pk,
        "title": need.title,
        "description": need.description,
        "why": need.why,
        "owner": need.owner.name,
        "owner_kind": "service" if need.service_id else "organisation",
        "district": need.district.slug if need.district else None,
        "address": need.address,
        "is_remote": need.is_remote,
        "suits": list(need.suits),
        "minimum_age": need.minimum_age,
        "languages": need.languages,
        "requires_driving_licence": need.requires_driving_licence,
        "requires_politiattest": need.requires_politiattest,
        "shifts": [
            {
                "id": s.pk,
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "places": s.places,
                "free_places": s.free,
            }
            for s in need.future_shifts  # type: ignore[attr-defined]
        ],
        "url": request.build_absolute_uri(reverse("volunteering:need", args=[need.pk])),
    }


@router.get(
    "/needs",
    response=NeedPageOut,
    url_name="volunteering-need-list",
    summary="Open volunteer needs",
    description=(
        "Published volunteer needs (frivilligoppdrag) of the municipality served on this "
        "host, newest first, with their future shifts and free places. Licensed under NLOD 2.0."
    ),
)
@api_requires(rules.PUBLIC)
def list_needs(
    request: HttpRequest, response: HttpResponse, filters: Query[NeedFilters]
) -> dict[str, Any]:
    municipality = _municipality(request)
    found = _needs(municipality, filters)
    total = found.count()
    pages = max((total + filters.per_side - 1) // filters.per_side, 1)
    offset = (filters.side - 1) * filters.per_side
    response["Link"] = NLOD.link_header
    return {
        "total": total,
        "page": filters.side,
        "pages": pages,
        "results": [need_out(request, n) for n in found[offset : offset + filters.per_side]],
        "licence": {"id": NLOD.id, "name": NLOD.name, "url": NLOD.url},
    }


@router.get(
    "/needs/{id}",
    response=NeedOut,
    url_name="volunteering-need-detail",
    summary="One open volunteer need",
    description="404 for a need that is not published in this municipality.",
)
@api_requires(rules.PUBLIC)
def need_detail(request: HttpRequest, response: HttpResponse, id: int) -> dict[str, Any]:
    municipality = _municipality(request)
    found = _needs(municipality, NeedFilters.model_validate({})).filter(pk=id).first()
    if found is None:
        raise HttpError(404, "Not found.")
    response["Link"] = NLOD.link_header
    return need_out(request, found)
