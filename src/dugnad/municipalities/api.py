from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from dugnad.municipalities.models import District
from dugnad.municipalities.tenancy import current_municipality, scoped
from dugnad.people import rules
from dugnad.people.api_auth import api_requires

router = Router(tags=["municipality"])


class DistrictOut(Schema):
    name: str
    slug: str


class MunicipalityOut(Schema):
    name: str
    number: str
    former_numbers: list[str]
    languages: list[str]
    districts: list[DistrictOut]
    licence: str = "NLOD-2.0"


@router.get("", response=MunicipalityOut, summary="The municipality served on this host")
@api_requires(rules.PUBLIC)
def municipality(request: HttpRequest) -> MunicipalityOut:
    current = current_municipality(request)
    if current is None:
        raise HttpError(404, "No municipality is served on this host.")
    districts = [DistrictOut(name=d.name, slug=d.slug) for d in scoped(request, District)]
    return MunicipalityOut(
        name=current.name,
        number=current.number,
        former_numbers=[str(n) for n in current.former_numbers],
        languages=current.languages,
        districts=districts,
    )
