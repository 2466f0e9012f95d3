"""An organisation with every public field filled, for the open-data tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from dugnad.directory.models import (
    Activity,
    Contact,
    IcnpoCategory,
    Organisation,
    OrganisationKind,
    TargetGroup,
)
from dugnad.directory.services import update_search_document
from dugnad.municipalities.models import District, Municipality
from tests.factories import DistrictFactory, OrganisationFactory


def complete_organisation(
    municipality: Municipality, name: str = "Rykkinn skolekorps"
) -> Organisation:
    """An organisation with everything its page can show."""
    if not municipality.county:
        municipality.county = "Akershus"
        municipality.save()
    rykkinn, sandvika = (
        District.objects.filter(municipality=municipality, slug=slug).first()
        or DistrictFactory.create(municipality=municipality, name=slug.title(), slug=slug)
        for slug in ("rykkinn", "sandvika")
    )
    national: Organisation = OrganisationFactory.create(
        municipality=municipality, name="Norges Musikkorps Forbund"
    )
    council: Organisation = OrganisationFactory.create(
        municipality=municipality,
        name="Bærum frivillighetsråd",
        kind=OrganisationKind.VOLUNTEER_COUNCIL,
    )
    organisation: Organisation = OrganisationFactory.create(
        municipality=municipality,
        name=name,
        legal_form="FLI",
        legal_form_name="Forening/lag/innretning",
        description="Korps for barn og unge. Øvelse i Rykkinn skole.",
        purpose="Å gi barn musikkopplæring.",
        district=rykkinn,
        street_address="Rykkinnveien 10",
        postal_code="1349",
        postal_place="Rykkinn",
        latitude=Decimal("59.929100"),
        longitude=Decimal("10.480200"),
        email="post@rykkinnkorps.no",
        phone="+47 67 13 00 00",
        website="https://rykkinnkorps.no",
        social_links=["https://www.facebook.com/rykkinnkorps"],
        target_groups=[TargetGroup.CHILDREN, TargetGroup.YOUTH],
        languages=["nb", "en"],
        accessibility="Trinnfri inngang og HC-toalett.",
        membership_fee_ore=125050,
        membership_fee_note="Søskenmoderasjon",
        national_organisation=national,
        in_frivillighetsregisteret=True,
        founded=datetime.date(1978, 9, 1),
    )
    organisation.districts.add(rykkinn, sandvika)
    organisation.categories.add(IcnpoCategory.objects.get(code="1.100"))
    organisation.member_of.add(council)
    Contact.objects.create(
        organisation=organisation,
        name="Kari Nordmann",
        title="Leder",
        email="leder@rykkinnkorps.no",
        phone="+47 900 00 000",
    )
    Activity.objects.create(
        organisation=organisation,
        name="Øvelse",
        description="Hovedkorpset øver.",
        schedule="Tirsdager 18–20",
        place="Rykkinn skole",
        district=rykkinn,
    )
    update_search_document(organisation=organisation)
    return organisation


@pytest.fixture
def korps(baerum: Municipality) -> Organisation:
    return complete_organisation(baerum)
