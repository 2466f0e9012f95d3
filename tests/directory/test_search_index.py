"""The facet index stays current: every change to what a municipality's
directory lists gives a new content version, and the next search a new index."""

from __future__ import annotations

from django.core.cache import cache

from dugnad.directory import queries
from dugnad.directory.models import IcnpoCategory, Organisation
from dugnad.directory.queries import DirectoryQuery
from dugnad.directory.search_index import directory_index
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.page_cache import bump_content_version, content_version
from tests.directory.test_search import make
from tests.factories import DistrictFactory


def names(municipality: Municipality, **params: str) -> list[str]:
    result = queries.search(municipality, DirectoryQuery.from_params(params))
    return [organisation.name for organisation in result.page.object_list]


def test_the_index_is_reused_until_the_content_changes(baerum: Municipality) -> None:
    make(baerum, "Bærum turlag", category="5.100")
    first = directory_index(baerum)
    assert directory_index(baerum) is first
    bump_content_version(baerum.pk)
    assert directory_index(baerum) is not first


def test_links_added_later_are_seen_at_once(baerum: Municipality, asker: Municipality) -> None:
    organisation = make(baerum, "Bærum turlag")
    assert names(baerum, kategori="5") == []
    organisation.categories.add(IcnpoCategory.objects.get(code="5.100"))
    assert names(baerum, kategori="5") == ["Bærum turlag"]

    district = DistrictFactory.create(municipality=baerum, name="Lommedalen", slug="lommedalen")
    assert names(baerum, bydel="lommedalen") == []
    district.organisations.add(organisation)  # the reverse side of the link
    assert names(baerum, bydel="lommedalen") == ["Bærum turlag"]

    assert names(asker) == []
    organisation.active_in.add(asker)
    assert names(asker) == ["Bærum turlag"]
    organisation.active_in.remove(asker)
    assert names(asker) == []


def test_hiding_an_organisation_active_elsewhere_takes_it_off_both_lists(
    baerum: Municipality, asker: Municipality
) -> None:
    organisation = make(baerum, "Bærum turlag")
    organisation.active_in.add(asker)
    assert names(asker) == ["Bærum turlag"]
    organisation.is_hidden = True
    organisation.hidden_reason = "Duplicate of another entry"
    organisation.save()
    assert names(baerum) == []
    assert names(asker) == []


def test_deleting_an_organisation_takes_it_off_every_list(
    baerum: Municipality, asker: Municipality
) -> None:
    organisation = make(baerum, "Bærum turlag")
    organisation.active_in.add(asker)
    assert names(asker) == ["Bærum turlag"]
    Organisation.objects.filter(pk=organisation.pk).get().delete()
    assert names(asker) == []


def test_a_lost_version_never_comes_back_as_an_old_one(baerum: Municipality) -> None:
    before = content_version(baerum.pk)
    cache.clear()  # as when the cache is flushed or the key is evicted
    after = content_version(baerum.pk)
    assert after != before
    assert content_version(baerum.pk) == after
    bump_content_version(baerum.pk)
    assert content_version(baerum.pk) == after + 1


def test_clearing_where_it_is_active_and_moving_home_take_it_off_the_old_lists(
    baerum: Municipality, asker: Municipality
) -> None:
    organisation = make(baerum, "Bærum turlag")
    organisation.active_in.add(asker)
    assert names(asker) == ["Bærum turlag"]
    organisation.active_in.clear()
    assert names(asker) == []

    assert names(baerum) == ["Bærum turlag"]
    organisation.municipality = asker
    organisation.save()
    assert names(baerum) == []
    assert names(asker) == ["Bærum turlag"]
