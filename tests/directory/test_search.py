"""Finding organisations: text, filters, facets, sorting, pages, on the
database the suite runs on (SQLite FTS5 or PostgreSQL full-text search)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client

from dugnad.directory import queries
from dugnad.directory.models import IcnpoCategory, Organisation, RegisterStatus, TargetGroup
from dugnad.directory.queries import DirectoryQuery
from dugnad.directory.services import update_search_document
from dugnad.municipalities.models import District, Municipality
from tests.factories import DistrictFactory, OrganisationFactory


def make(
    municipality: Municipality,
    name: str,
    *,
    description: str = "",
    category: str | None = None,
    district: District | None = None,
    target_groups: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    **extra: Any,
) -> Organisation:
    organisation: Organisation = OrganisationFactory.create(
        municipality=municipality,
        name=name,
        description=description,
        district=district,
        target_groups=list(target_groups),
        languages=list(languages),
        **extra,
    )
    if category:
        organisation.categories.add(IcnpoCategory.objects.get(code=category))
    if district:
        organisation.districts.add(district)
    update_search_document(organisation=organisation)
    return organisation


@pytest.fixture
def places(baerum: Municipality) -> dict[str, District]:
    return {
        name: DistrictFactory.create(municipality=baerum, name=name, slug=name.lower())
        for name in ("Rykkinn", "Sandvika", "Bekkestua")
    }


@pytest.fixture
def directory(baerum: Municipality, asker: Municipality, places: dict[str, District]) -> None:
    make(
        baerum,
        "Rykkinn skolekorps",
        description="Korps for barn og unge. Øvelse i Rykkinn skole.",
        category="1.100",
        district=places["Rykkinn"],
        target_groups=(TargetGroup.CHILDREN,),
    )
    make(
        baerum,
        "Sandvika musikkorps",
        description="Voksenkorps med konserter i Sandvika.",
        category="1.100",
        district=places["Sandvika"],
        target_groups=(TargetGroup.ADULTS,),
    )
    make(
        baerum,
        "Rykkinn IL",
        description="Fotball og ski for barn på Rykkinn.",
        category="1.200",
        district=places["Rykkinn"],
        target_groups=(TargetGroup.CHILDREN, TargetGroup.YOUTH),
    )
    make(
        baerum,
        "Bærum somaliske forening",
        description="Leksehjelp og møteplass.",
        category="14.100",
        district=places["Sandvika"],
        target_groups=(TargetGroup.NEWCOMERS,),
        languages=("so", "nb"),
    )
    make(asker, "Heggedal skolekorps", description="Korps for barn i Heggedal.", category="1.100")


def names(municipality: Municipality, **params: Any) -> list[str]:
    query = DirectoryQuery.from_params(params)
    return [o.name for o in queries.search(municipality, query).page]


def test_text_search_finds_compounds_and_stems(directory: None, baerum: Municipality) -> None:
    assert names(baerum, q="korps for barn på Rykkinn") == ["Rykkinn skolekorps"]
    assert set(names(baerum, q="korps")) == {"Rykkinn skolekorps", "Sandvika musikkorps"}
    assert names(baerum, q="korpset") == names(baerum, q="korps")  # inflection
    assert names(baerum, q="leksehjelp") == ["Bærum somaliske forening"]
    assert names(baerum, q="Children") == names(baerum, q="barn")  # target groups in English
    assert names(baerum, q="Sport") == ["Rykkinn IL"]  # category names in English too
    assert names(baerum, q="heggedal") == []  # another municipality's organisation


def test_stopwords_only_finds_everything(directory: None, baerum: Municipality) -> None:
    assert len(names(baerum, q="for på og")) == 4


def test_filters_combine(directory: None, baerum: Municipality) -> None:
    assert names(baerum, kategori=["1"], bydel=["rykkinn"]) == ["Rykkinn IL", "Rykkinn skolekorps"]
    assert names(baerum, kategori=["1"], malgruppe=["youth"]) == ["Rykkinn IL"]
    assert names(baerum, sprak=["so"]) == ["Bærum somaliske forening"]
    # Values of one filter are alternatives.
    assert len(names(baerum, bydel=["rykkinn", "sandvika"])) == 4
    assert names(baerum, q="korps", kategori=["1"], bydel=["rykkinn"]) == ["Rykkinn skolekorps"]


def test_facet_counts_ignore_their_own_filter(directory: None, baerum: Municipality) -> None:
    query = DirectoryQuery.from_params({"kategori": ["1"], "bydel": ["rykkinn"]})
    facets = {
        f.name: {v.value: (v.count, v.selected) for v in f.values}
        for f in queries.search(baerum, query).facets
    }
    assert facets["kategori"]["1"] == (2, True)
    assert "14" not in facets["kategori"]  # no newcomer organisation in Rykkinn
    assert facets["bydel"]["rykkinn"] == (2, True)
    assert facets["bydel"]["sandvika"] == (1, False)  # culture in Sandvika
    assert facets["malgruppe"]["children"] == (2, False)


def test_hidden_and_deleted_organisations_are_not_listed(
    directory: None, baerum: Municipality
) -> None:
    Organisation.objects.filter(name="Rykkinn IL").update(is_hidden=True, hidden_reason="Spam")
    Organisation.objects.filter(name="Sandvika musikkorps").update(
        register_status=RegisterStatus.DELETED
    )
    assert set(names(baerum)) == {"Rykkinn skolekorps", "Bærum somaliske forening"}


def test_organisation_active_in_several_municipalities(
    directory: None, baerum: Municipality, asker: Municipality
) -> None:
    choir = make(asker, "Vestlandske mannskor", description="Kor")
    assert "Vestlandske mannskor" not in names(baerum)
    choir.active_in.add(baerum)
    assert "Vestlandske mannskor" in names(baerum, q="kor")


def test_sorting_and_pages(baerum: Municipality) -> None:
    for number in range(25):
        make(baerum, f"Lag {number:02d}", description="korps")
    first = queries.search(baerum, DirectoryQuery.from_params({"sorter": "navn"}))
    assert first.total == 25
    assert [o.name for o in first.page][:2] == ["Lag 00", "Lag 01"]
    assert first.next_url == "?sorter=navn&side=2"
    second = queries.search(baerum, DirectoryQuery.from_params({"sorter": "navn", "side": "2"}))
    assert [o.name for o in second.page] == [f"Lag {n}" for n in range(20, 25)]
    newest = queries.search(baerum, DirectoryQuery.from_params({"sorter": "nyest"}))
    assert next(iter(newest.page)).name == "Lag 24"


def test_bad_parameters_are_ignored(baerum: Municipality) -> None:
    query = DirectoryQuery.from_params(
        QueryDict("q=" + "x" * 500 + "&kategori=abc&malgruppe=aliens&sprak=xx&sorter=drop&side=-4")
    )
    assert len(query.text) == queries.MAX_TEXT
    assert query.categories == query.target_groups == query.languages == ()
    assert query.sort == ""
    assert query.page == 1
    queries.search(baerum, query)  # no error


def test_query_survives_the_url(directory: None) -> None:
    query = DirectoryQuery.from_params(
        QueryDict("q=korps+for+barn&kategori=1&kategori=13&bydel=rykkinn&sorter=navn")
    )
    again = DirectoryQuery.from_params(QueryDict(query.url()[1:]))
    assert again == query


def test_search_page(baerum_client: Client, directory: None) -> None:
    page = baerum_client.get("/organisasjoner/", {"q": "korps for barn på Rykkinn"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Rykkinn skolekorps" in body
    assert "Sandvika musikkorps" not in body
    assert 'name="kategori"' in body
    fragment = baerum_client.get(
        "/organisasjoner/", {"q": "korps"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment
    assert "Sandvika musikkorps" in fragment


def test_search_page_query_count_is_fixed(
    baerum_client: Client, baerum: Municipality, directory: None, django_assert_num_queries: Any
) -> None:
    baerum_client.get("/organisasjoner/?q=korps&side=1")
    for number in range(30):
        make(baerum, f"Korps {number}", description="korps", category="1.100")
    # a new facet index, as the content changed (5 queries: the listed
    # organisations, their categories and districts, the main categories, the
    # districts), the text's matches with their relevance, the page, its
    # categories
    with django_assert_num_queries(8):
        baerum_client.get("/organisasjoner/", {"q": "korps", "kategori": "1", "x": "fresh"})
    # the next search, as long as nothing changes: the matches, the page, its
    # categories; however many organisations match
    with django_assert_num_queries(3):
        baerum_client.get("/organisasjoner/", {"q": "korps", "bydel": "rykkinn", "x": "next"})


def test_organisation_page(baerum_client: Client, asker_client: Client, directory: None) -> None:
    korps = Organisation.objects.get(name="Rykkinn skolekorps")
    page = baerum_client.get(f"/organisasjoner/{korps.pk}/").content.decode()
    assert "Rykkinn skolekorps" in page
    assert "Øvelse i Rykkinn skole" in page
    assert asker_client.get(f"/organisasjoner/{korps.pk}/").status_code == 404
    korps.is_hidden = True
    korps.hidden_reason = "Under review"
    korps.save()
    assert baerum_client.get(f"/organisasjoner/{korps.pk}/").status_code == 404


def test_organisation_page_lists_districts_as_the_api_does(
    baerum_client: Client, directory: None, places: dict[str, District]
) -> None:
    """Main district first, then the others where it is active: the page and
    the open-data API say the same."""
    korps = Organisation.objects.get(name="Rykkinn skolekorps")
    assert korps.district is not None
    others = [d for d in places.values() if d != korps.district][:1]
    korps.districts.set(others)  # the main district is not among them
    page = baerum_client.get(f"/organisasjoner/{korps.pk}/").content.decode()
    expected = ", ".join(d.name for d in [korps.district, *others])
    assert expected in page
    listed = baerum_client.get(f"/api/v1/organisations/{korps.pk}").json()["districts"]
    assert [d["name"] for d in listed] == expected.split(", ")
