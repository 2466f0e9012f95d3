"""The directory demo: Bærum's and Asker's organisations as the seeds describe them."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q

from dugnad.directory import demo
from dugnad.directory.models import Activity, Contact, Organisation, OrganisationKind
from dugnad.directory.services import update_search_document
from dugnad.directory.text import query_terms
from dugnad.directory.validators import organisation_number_is_valid
from dugnad.municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> dict[str, Municipality]:
    call_command("load_demo", quiet_logins=True)
    return {m.slug: m for m in Municipality.objects.all()}


def listed(municipality: Municipality) -> list[Organisation]:
    return list(Organisation.objects.in_municipality(municipality).listed())


def test_the_directories_have_the_seeds_sizes(loaded: dict[str, Municipality]) -> None:
    assert len(listed(loaded["baerum"])) == demo.BAERUM_COUNT >= 600
    assert len(listed(loaded["asker"])) == demo.ASKER_COUNT == 361


@pytest.mark.parametrize("slug", ["baerum", "asker"])
def test_categories_are_spread_as_the_seeds_say(loaded: dict[str, Municipality], slug: str) -> None:
    queryset = Organisation.objects.in_municipality(loaded[slug]).listed()
    total = queryset.count()
    culture = queryset.filter(categories__code__startswith="1.").distinct().count()
    health_social = (
        queryset.filter(Q(categories__code__startswith="3.") | Q(categories__code__startswith="4."))
        .distinct()
        .count()
    )
    assert 0.70 <= culture / total <= 0.80
    assert 0.08 <= health_social / total <= 0.10


def test_loading_twice_changes_nothing(loaded: dict[str, Municipality]) -> None:
    def counts() -> tuple[int, ...]:
        return (
            Organisation.objects.count(),
            Activity.objects.count(),
            Contact.objects.count(),
            Organisation.categories.through.objects.count(),
            Organisation.districts.through.objects.count(),
            Organisation.member_of.through.objects.count(),
        )

    before = counts()
    rykkinn = Organisation.objects.get(name="Rykkinn skolekorps")
    call_command("load_demo", quiet_logins=True)
    assert counts() == before
    assert Organisation.objects.get(name="Rykkinn skolekorps").pk == rykkinn.pk


def test_every_organisation_number_is_valid_and_unique(loaded: dict[str, Municipality]) -> None:
    numbers = list(Organisation.objects.values_list("organisation_number", flat=True))
    assert all(organisation_number_is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_rykkinn_skolekorps_is_found_as_a_korps_for_children_on_rykkinn(
    loaded: dict[str, Municipality],
) -> None:
    korps = Organisation.objects.get(municipality=loaded["baerum"], name="Rykkinn skolekorps")
    assert list(korps.categories.values_list("code", flat=True)) == ["1.100"]
    assert "children" in korps.target_groups
    assert [d.name for d in korps.districts.all()] == ["Rykkinn"]
    assert korps.district is not None
    assert korps.district.name == "Rykkinn"
    assert korps.activities.filter(place="Rykkinn skole").exists()
    # Every term of the resident's query is among the indexed stems.
    indexed = korps.search_stems.split()
    for term in query_terms("korps for barn på Rykkinn"):
        assert any(stem.startswith(term) for stem in indexed), term


def test_search_fields_are_what_update_search_document_makes(
    loaded: dict[str, Municipality],
) -> None:
    sample = Organisation.objects.order_by("organisation_number")[::50]
    for organisation in sample:
        document, stems = organisation.search_document, organisation.search_stems
        update_search_document(organisation=organisation)
        assert (document, stems) == (organisation.search_document, organisation.search_stems)


def test_umbrella_councils_link_their_members(loaded: dict[str, Municipality]) -> None:
    baerum = loaded["baerum"]
    sport = Organisation.objects.get(municipality=baerum, name="Bærum idrettsråd")
    assert sport.kind == OrganisationKind.UMBRELLA
    members = sport.members.all()
    assert members.count() > 50
    assert all(m.categories.filter(code="1.200").exists() for m in members[:20])
    council = Organisation.objects.get(municipality=baerum, name="Frivillighetsrådet i Bærum")
    assert council.kind == OrganisationKind.VOLUNTEER_COUNCIL
    assert {m.name for m in council.members.all()} >= {
        "Bærum idrettsråd",
        "Bærum kulturråd",
        "Norges Handikapforbund Bærum",
    }


def test_local_branches_belong_to_national_organisations(
    loaded: dict[str, Municipality],
) -> None:
    red_cross = Organisation.objects.get(name="Norges Røde Kors")
    assert red_cross.branches.filter(name="Bærum Røde Kors").exists()
    assert red_cross.branches.count() > 2


def test_immigrant_organisations_use_their_languages(loaded: dict[str, Municipality]) -> None:
    immigrant = Organisation.objects.filter(categories__code="14.100")
    assert immigrant.exists()
    assert all(len(o.languages) > 1 for o in immigrant)
    pensioners = Organisation.objects.filter(name__contains="pensjonistforening")
    assert pensioners.exists()
    assert all(o.target_groups == ["seniors"] for o in pensioners)


def test_most_have_coordinates_inside_their_municipality(loaded: dict[str, Municipality]) -> None:
    boxes = {
        # Bærum; Asker reaches south to Hurum (Tofte, 59.54 N).
        "baerum": (Decimal("59.85"), Decimal("59.97"), Decimal("10.40"), Decimal("10.67")),
        "asker": (Decimal("59.50"), Decimal("59.90"), Decimal("10.25"), Decimal("10.60")),
    }
    for slug, (south, north, west, east) in boxes.items():
        organisations = Organisation.objects.filter(municipality=loaded[slug])
        placed = organisations.exclude(latitude=None)
        assert 0.6 <= placed.count() / organisations.count() <= 0.8
        for organisation in placed:
            assert organisation.latitude is not None
            assert organisation.longitude is not None
            assert south <= organisation.latitude <= north
            assert west <= organisation.longitude <= east


def test_loading_is_fast(loaded: dict[str, Municipality]) -> None:
    started = time.perf_counter()
    demo.load()
    assert time.perf_counter() - started < 15
