"""The facet index: what filtering, facet counting and ordering need of every
organisation a municipality's directory lists, kept in memory.

A search differs from the last one in its text and filters, but the
organisations it runs over (their categories, districts, target groups,
languages, name order) stay the same until the municipality's content changes.
Reading them once per content version, instead of once per search, leaves a
search with one query for the text match (if any) and the queries for the
page it shows: the work per search no longer grows with the rows that match
a common word.

The index is keyed by the municipality's content version (see
``municipalities/page_cache.py``): every save of the municipality's records,
and every change to an organisation's categories, districts or municipalities
(``directory/signals.py``), gives a new version, and the next search builds a
new index. Each process keeps the indexes of the municipalities searched most
recently (:data:`MAX_INDEXES`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dugnad.directory.icnpo import main_code
from dugnad.directory.models import IcnpoCategory, Organisation
from dugnad.municipalities.models import District, Municipality
from dugnad.municipalities.page_cache import content_version

# Bærum's index holds ~1,700 entries (a few MB); the largest municipalities
# have ~5,000 organisations.
MAX_INDEXES = 32


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed organisation, as the filters, facets and sort orders see it."""

    pk: int
    # Position in the database's own order by (name, pk), so sorting by name
    # here agrees with the database's collation.
    name_position: int
    created_at: datetime
    # Category codes with their main groups' codes: a filter on a main group
    # matches an organisation in any of its subgroups.
    category_codes: frozenset[str]
    main_categories: frozenset[str]
    district_ids: frozenset[int]  # the main district and every listed one
    district_slugs: frozenset[str]
    target_groups: frozenset[str]
    languages: frozenset[str]


@dataclass(frozen=True)
class DirectoryIndex:
    municipality_id: int
    version: int
    entries: dict[int, Entry]
    main_categories: tuple[IcnpoCategory, ...]
    districts: tuple[District, ...]  # the municipality's, by name


_indexes: OrderedDict[int, DirectoryIndex] = OrderedDict()
_lock = threading.Lock()


def directory_index(municipality: Municipality) -> DirectoryIndex:
    """The current index of what the municipality's directory lists."""
    version = content_version(municipality.pk)
    with _lock:
        index = _indexes.get(municipality.pk)
        if index is not None and index.version == version:
            _indexes.move_to_end(municipality.pk)
            return index
    # Built outside the lock: two threads may both build after a change; the
    # results are the same, and searches never wait on each other.
    index = build_index(municipality, version)
    with _lock:
        _indexes[municipality.pk] = index
        _indexes.move_to_end(municipality.pk)
        while len(_indexes) > MAX_INDEXES:
            _indexes.popitem(last=False)
    return index


def build_index(municipality: Municipality, version: int) -> DirectoryIndex:
    """Read the index from the database: five queries, whatever the size."""
    listed = Organisation.objects.in_municipality(municipality).listed()
    rows = listed.order_by("name", "pk").values_list(
        "pk", "created_at", "district_id", "district__slug", "target_groups", "languages"
    )
    base: list[tuple[int, datetime, int | None, str | None, Any, Any]] = list(rows)
    ids = listed.order_by().values("pk")
    categories: dict[int, set[tuple[str, str | None]]] = {}
    through = Organisation.categories.through.objects.filter(organisation_id__in=ids)
    for pk, code, parent in through.values_list(
        "organisation_id", "icnpocategory__code", "icnpocategory__parent__code"
    ):
        categories.setdefault(pk, set()).add((code, parent))
    districts: dict[int, dict[int, str]] = {}
    listed_districts = Organisation.districts.through.objects.filter(organisation_id__in=ids)
    for pk, listed_id, listed_slug in listed_districts.values_list(
        "organisation_id", "district_id", "district__slug"
    ):
        districts.setdefault(pk, {})[listed_id] = listed_slug

    entries: dict[int, Entry] = {}
    for position, (pk, created_at, district_id, slug, target_groups, languages) in enumerate(base):
        own = categories.get(pk, set())
        places = dict(districts.get(pk, {}))
        if district_id is not None and slug is not None:
            places[district_id] = slug
        codes = {code for code, _ in own} | {parent for _, parent in own if parent}
        entries[pk] = Entry(
            pk=pk,
            name_position=position,
            created_at=created_at,
            category_codes=frozenset(codes),
            main_categories=frozenset(main_code(code) for code, _ in own),
            district_ids=frozenset(places),
            district_slugs=frozenset(places.values()),
            target_groups=frozenset(target_groups or ()),
            languages=frozenset(languages or ()),
        )
    return DirectoryIndex(
        municipality_id=municipality.pk,
        version=version,
        entries=entries,
        main_categories=tuple(IcnpoCategory.objects.filter(parent__isnull=True)),
        districts=tuple(District.objects.in_municipality(municipality).order_by("name")),
    )
