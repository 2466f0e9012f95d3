"""Finding organisations: free text, filters, facet counts, sorting, pages.

The search page, the JSON API and the exports all read through
:func:`filtered` and :func:`search`, so they agree on what a query means.
Within one filter the values are alternatives (sport OR culture); different
filters must all hold (sport AND Rykkinn). Facet counts for a filter are
computed with every other filter applied, so each count says how many results
choosing that value would add.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from dugnad.directory.icnpo import main_code
from dugnad.directory.models import Activity, IcnpoCategory, Organisation, TargetGroup
from dugnad.directory.text import query_terms
from dugnad.municipalities.models import District, Municipality

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_TEXT = 200

SORTS = {
    "relevans": _("Best match"),
    "navn": _("Name"),
    "nyest": _("Newest first"),
}

# Languages an organisation can list, with their names in Norwegian usage.
LANGUAGES = {
    "nb": _("Norwegian"),
    "en": _("English"),
    "se": _("Northern Sami"),
    "ar": _("Arabic"),
    "so": _("Somali"),
    "ur": _("Urdu"),
    "pl": _("Polish"),
    "lt": _("Lithuanian"),
    "ti": _("Tigrinya"),
    "fa": _("Persian"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "es": _("Spanish"),
    "tr": _("Turkish"),
    "ta": _("Tamil"),
    "vi": _("Vietnamese"),
    "th": _("Thai"),
    "tl": _("Tagalog"),
    "de": _("German"),
    "fr": _("French"),
}


@dataclass(frozen=True)
class DirectoryQuery:
    """A directory search as it stands in the URL (shareable)."""

    text: str = ""
    categories: tuple[str, ...] = ()  # main-group codes, e.g. "1"
    districts: tuple[str, ...] = ()  # district slugs
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    sort: str = ""
    page: int = 1

    PARAMS = {
        "categories": "kategori",
        "districts": "bydel",
        "target_groups": "malgruppe",
        "languages": "sprak",
    }

    @classmethod
    def from_params(cls, params: QueryDict | dict[str, Any]) -> DirectoryQuery:
        """Read a query from URL parameters; values that mean nothing are dropped."""

        def many(name: str) -> tuple[str, ...]:
            values = params.getlist(name) if isinstance(params, QueryDict) else params.get(name, [])
            if isinstance(values, str):
                values = [values]
            return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))[:20]

        try:
            page = max(1, min(int(params.get("side", 1) or 1), 10_000))
        except (TypeError, ValueError):
            page = 1
        sort = str(params.get("sorter", "") or "")
        return cls(
            text=str(params.get("q", "") or "").strip()[:MAX_TEXT],
            categories=tuple(c for c in many("kategori") if c.isdigit()),
            districts=many("bydel"),
            target_groups=tuple(t for t in many("malgruppe") if t in TargetGroup.values),
            languages=tuple(lang for lang in many("sprak") if lang in LANGUAGES),
            sort=sort if sort in SORTS else "",
            page=page,
        )

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort if self.sort != "relevans" or self.text else "navn"
        return "relevans" if self.text else "navn"

    @property
    def has_filters(self) -> bool:
        return bool(self.categories or self.districts or self.target_groups or self.languages)

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        query = replace(self, **changes)
        pairs: list[tuple[str, str]] = []
        if query.text:
            pairs.append(("q", query.text))
        for attribute, name in self.PARAMS.items():
            pairs += [(name, value) for value in getattr(query, attribute)]
        if query.sort:
            pairs.append(("sorter", query.sort))
        if query.page > 1:
            pairs.append(("side", str(query.page)))
        return pairs

    def url(self, **changes: Any) -> str:
        """The query string of this search with some parts changed (page 1 unless given)."""
        changes.setdefault("page", 1)
        encoded = urlencode(self.params(**changes))
        return f"?{encoded}" if encoded else "?"

    def toggled(self, attribute: str, value: str) -> str:
        current: tuple[str, ...] = getattr(self, attribute)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.url(**{attribute: values})


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str  # the URL parameter
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class SearchResult:
    query: DirectoryQuery
    page: Page
    facets: list[Facet]

    @property
    def total(self) -> int:
        return int(self.page.paginator.count)

    @property
    def previous_url(self) -> str | None:
        if not self.page.has_previous():
            return None
        return self.query.url(page=self.page.previous_page_number())

    @property
    def next_url(self) -> str | None:
        return self.query.url(page=self.page.next_page_number()) if self.page.has_next() else None


# --- filtering ------------------------------------------------------------------


def _json_list_contains(
    queryset: QuerySet[Organisation], column: str, values: tuple[str, ...]
) -> QuerySet[Organisation]:
    """Rows whose JSON list ``column`` holds any of ``values``, on either database.

    ORM lookups, not SQL text, so Django qualifies the column correctly in
    joins and subqueries: jsonb containment on PostgreSQL; on SQLite, which
    has no JSON containment lookup, the quoted code in the stored JSON text
    (codes are plain words, so ``"children"`` cannot match inside another).
    """
    if not values:
        return queryset
    condition = Q()
    for value in values:
        if connection.vendor == "postgresql":
            condition |= Q(**{f"{column}__contains": [value]})
        else:
            condition |= Q(**{f"{column}__icontains": f'"{value}"'})
    return queryset.filter(condition)


def _text_condition(text: str) -> tuple[Q, RawSQL] | None:
    """(the match condition, the relevance — higher is better) for free text.

    The condition holds no table name, so it also works in subqueries where
    Django aliases the table; the relevance is only used at the top level.
    """
    table = Organisation._meta.db_table
    if connection.vendor == "postgresql":
        terms = query_terms(text)
        if not terms:
            return None
        tsquery = " & ".join(f"{term}:*" for term in terms)
        condition = Q(
            RawSQL(
                "search_vector @@ to_tsquery('norwegian', %s)",
                [tsquery],
                output_field=BooleanField(),
            )
        )
        rank = f"ts_rank(\"{table}\".search_vector, to_tsquery('norwegian', %s))"
    else:
        stems = query_terms(text)
        if not stems:
            return None
        tsquery = " AND ".join(f'"{stem}"*' for stem in stems)
        # "id + 0", not "id": SQLite then reads the municipality's rows by their
        # index and tests each against the matches, instead of looking up every
        # match in the whole country (a common word matches thousands).
        condition = Q(
            In(
                F("pk") + 0,
                RawSQL(
                    "SELECT rowid FROM directory_organisation_fts "
                    "WHERE directory_organisation_fts MATCH %s",
                    [tsquery],
                ),
            )
        )
        # bm25() is lower for better matches: negate it so higher is better.
        rank = (
            "(SELECT -bm25(directory_organisation_fts) FROM directory_organisation_fts "
            f'WHERE directory_organisation_fts MATCH %s AND rowid = "{table}".id)'
        )
    return condition, RawSQL(rank, [tsquery], output_field=FloatField())


def listed_in(municipality: Municipality) -> QuerySet[Organisation]:
    """What a municipality's directory shows, before any search."""
    return Organisation.objects.in_municipality(municipality).listed()


def _category_ids(codes: tuple[str, ...]) -> QuerySet[Any]:
    """Organisations in any of the main groups ``codes`` (or their subgroups)."""
    through = Organisation.categories.through
    return through.objects.filter(
        Q(icnpocategory__code__in=codes) | Q(icnpocategory__parent__code__in=codes)
    ).values("organisation_id")


def _district_ids(slugs: tuple[str, ...]) -> QuerySet[Any]:
    """Organisations that list any of the districts ``slugs``."""
    through = Organisation.districts.through
    return through.objects.filter(district__slug__in=slugs).values("organisation_id")


def filtered(
    municipality: Municipality, query: DirectoryQuery, *, skip: str | None = None
) -> QuerySet[Organisation]:
    """The organisations matching ``query`` (all of it but the filter ``skip``).

    The many-to-many filters are subqueries, not joins, so no row comes twice
    and no DISTINCT is needed.
    """
    queryset = listed_in(municipality)
    text = _text_condition(query.text) if query.text else None
    if text is not None:
        queryset = queryset.filter(text[0])
    if query.categories and skip != "categories":
        queryset = queryset.filter(pk__in=_category_ids(query.categories))
    if query.districts and skip != "districts":
        queryset = queryset.filter(
            Q(pk__in=_district_ids(query.districts)) | Q(district__slug__in=query.districts)
        )
    if skip != "target_groups":
        queryset = _json_list_contains(queryset, "target_groups", query.target_groups)
    if skip != "languages":
        queryset = _json_list_contains(queryset, "languages", query.languages)
    return queryset


def _ordered(queryset: QuerySet[Organisation], query: DirectoryQuery) -> QuerySet[Organisation]:
    sort = query.effective_sort
    if sort == "relevans":
        text = _text_condition(query.text)
        if text is not None:
            return queryset.annotate(relevance=text[1]).order_by(
                F("relevance").desc(nulls_last=True), "name", "pk"
            )
    if sort == "nyest":
        return queryset.order_by("-created_at", "pk")
    return queryset.order_by("name", "pk")


# --- facets ----------------------------------------------------------------------


@dataclass
class _Candidate:
    """What the filters and facets need of one organisation matching the text."""

    pk: int
    name: str
    categories: set[tuple[str, str | None]] = field(default_factory=set)  # (code, parent's)
    districts: dict[int, str] = field(default_factory=dict)  # id → slug, main one included
    target_groups: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    rank: float | None = None

    # The filters of the search this candidate fails (see :meth:`check`).
    failed: frozenset[str] = frozenset()

    def check(self, query: DirectoryQuery) -> None:
        """Note which filters of ``query`` this candidate fails, as :func:`filtered`
        applies them: it matches with none failed, and counts in a facet when
        it fails at most that facet's own filter."""
        failed = []
        if query.categories:
            wanted = set(query.categories)
            if not any(code in wanted or parent in wanted for code, parent in self.categories):
                failed.append("categories")
        checks = (
            ("districts", set(self.districts.values())),
            ("target_groups", self.target_groups),
            ("languages", self.languages),
        )
        for attribute, values in checks:
            selected: tuple[str, ...] = getattr(query, attribute)
            if selected and values.isdisjoint(selected):
                failed.append(attribute)
        self.failed = frozenset(failed)

    def counts_in(self, facet: str) -> bool:
        return not self.failed or self.failed == {facet}


def _candidates(municipality: Municipality, query: DirectoryQuery) -> dict[int, _Candidate]:
    """Every listed organisation of the municipality that matches the text (all
    of them without text), with its categories, districts, target groups and
    languages: three queries, however many facets and filters.

    Filtering and counting the facets in Python over this set replaces running
    the search again for every facet. Without text the organisations are
    named by a subquery; with text by their ids, so that the full-text match
    runs once. On SQLite the ranks come first (:func:`_sqlite_ranks`): four
    queries.
    """
    base = listed_in(municipality)
    text = _text_condition(query.text) if query.text else None
    ranks: dict[int, float] = {}
    if text is not None and connection.vendor != "postgresql":
        ranks = _sqlite_ranks(base, query.text)
        base = Organisation.objects.filter(pk__in=list(ranks))
    elif text is not None:
        base = base.filter(text[0])
    rows = base.order_by().values_list(
        "pk", "name", "district_id", "district__slug", "target_groups", "languages"
    )
    candidates: dict[int, _Candidate] = {}
    for pk, name, district_id, district_slug, target_groups, languages in rows:
        candidate = _Candidate(
            pk,
            name,
            target_groups=set(target_groups or []),
            languages=set(languages or []),
            rank=ranks.get(pk),
        )
        if district_id is not None:
            candidate.districts[district_id] = district_slug
        candidates[pk] = candidate
    if text is not None and not candidates:
        return candidates
    ids: Any = list(candidates) if text is not None else _ids(listed_in(municipality))
    categories = Organisation.categories.through.objects.filter(organisation_id__in=ids)
    for pk, code, parent in categories.values_list(
        "organisation_id", "icnpocategory__code", "icnpocategory__parent__code"
    ):
        if pk in candidates:  # not one added since the first query
            candidates[pk].categories.add((code, parent))
    districts = Organisation.districts.through.objects.filter(organisation_id__in=ids)
    for pk, district_id, slug in districts.values_list(
        "organisation_id", "district_id", "district__slug"
    ):
        if pk in candidates:
            candidates[pk].districts[district_id] = slug
    return candidates


def _sqlite_ranks(listed: QuerySet[Organisation], text: str) -> dict[int, float]:
    """The ids of the ``listed`` organisations that match ``text`` in SQLite's
    FTS5, with their relevance (bm25, negated: higher is better), in one query.

    bm25 is computed only for rows that pass the ``+rowid IN`` test, so the
    cost is that of the municipality's matches, not the whole country's; a
    correlated subquery per row (or a plain ``rowid IN``, which FTS5 turns
    into a look-up per id) would run the MATCH once per organisation. The
    other candidate queries then name these ids, so the MATCH runs once.
    """
    stems = query_terms(text)
    if not stems:
        return {}
    match = " AND ".join(f'"{stem}"*' for stem in stems)
    subquery, params = _ids(listed).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, -bm25(directory_organisation_fts) FROM directory_organisation_fts "
            # "+rowid": a test on each match, not a look-up in FTS5 per id.
            f"WHERE directory_organisation_fts MATCH %s AND +rowid IN ({subquery})",
            [match, *params],
        )
        return dict(cursor.fetchall())


def _ids(queryset: QuerySet[Organisation]) -> QuerySet[Any]:
    return queryset.order_by().values("pk")


def _category_facet(query: DirectoryQuery, candidates: dict[int, _Candidate]) -> Facet:
    counts: Counter[str] = Counter()
    for candidate in candidates.values():
        if candidate.counts_in("categories"):
            counts.update({main_code(code) for code, _parent in candidate.categories})
    mains = IcnpoCategory.objects.filter(parent__isnull=True)
    facet = Facet("kategori", str(_("Category")))
    for category in mains:
        if counts[category.code] or category.code in query.categories:
            facet.values.append(
                FacetValue(
                    category.code,
                    category.name,
                    counts[category.code],
                    category.code in query.categories,
                    query.toggled("categories", category.code),
                )
            )
    return facet


def _district_facet(
    municipality: Municipality, query: DirectoryQuery, candidates: dict[int, _Candidate]
) -> Facet:
    counts: Counter[int] = Counter()
    for candidate in candidates.values():
        if candidate.counts_in("districts"):
            counts.update(candidate.districts.keys())
    facet = Facet("bydel", str(_("District")))
    for district in District.objects.in_municipality(municipality).order_by("name"):
        if counts[district.pk] or district.slug in query.districts:
            facet.values.append(
                FacetValue(
                    district.slug,
                    district.name,
                    counts[district.pk],
                    district.slug in query.districts,
                    query.toggled("districts", district.slug),
                )
            )
    return facet


def _list_facet(
    query: DirectoryQuery,
    candidates: dict[int, _Candidate],
    attribute: str,
    param: str,
    label: str,
    labels: dict[str, Any],
) -> Facet:
    counts: Counter[str] = Counter()
    for candidate in candidates.values():
        if candidate.counts_in(attribute):
            counts.update(getattr(candidate, attribute))
    selected: tuple[str, ...] = getattr(query, attribute)
    facet = Facet(param, label)
    for code, name in labels.items():
        if counts[code] or code in selected:
            facet.values.append(
                FacetValue(
                    code, str(name), counts[code], code in selected, query.toggled(attribute, code)
                )
            )
    return facet


def with_details(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Everything an organisation's public page shows, in a fixed number of
    queries whatever the number of organisations (the API and the exports).

    The home municipality and the national organisation are prefetched, not
    joined: their tables have columns of the same names as those the filters
    name unqualified (``languages``, ``target_groups``), which a join would
    make ambiguous.
    """
    return queryset.select_related("district").prefetch_related(
        "municipality",
        Prefetch("categories", queryset=IcnpoCategory.objects.select_related("parent")),
        "districts",
        Prefetch("activities", queryset=Activity.objects.select_related("district")),
        "contacts",
        "member_of",
        Prefetch(
            "national_organisation",
            queryset=Organisation.objects.only("pk", "name", "organisation_number"),
        ),
    )


def results(municipality: Municipality, query: DirectoryQuery) -> QuerySet[Organisation]:
    """Every organisation matching ``query`` in the order it asks for (no pages)."""
    return _ordered(filtered(municipality, query), query)


class _Matches(Sequence[Organisation]):
    """The organisations matching a search, for the paginator: the number is
    known from the candidates, and only the page asked for is read."""

    def __init__(
        self,
        municipality: Municipality,
        query: DirectoryQuery,
        matched: list[_Candidate],
        prepare: Callable[[QuerySet[Organisation]], QuerySet[Organisation]],
    ) -> None:
        self.municipality = municipality
        self.query = query
        self.matched = matched
        self.prepare = prepare

    def __len__(self) -> int:
        return len(self.matched)

    @overload
    def __getitem__(self, index: int) -> Organisation: ...

    @overload
    def __getitem__(self, index: slice) -> list[Organisation]: ...

    def __getitem__(self, index: int | slice) -> Organisation | list[Organisation]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        if not self.matched:
            return []
        ranked = any(c.rank is not None for c in self.matched)
        if ranked and self.query.effective_sort == "relevans":
            # SQLite: ranks came with the candidates. Sorting by them here
            # (then name and id, as in the database: SQLite compares text by
            # code points, as Python does) reads only the page's rows.
            order = sorted(
                self.matched, key=lambda c: (c.rank is None, -(c.rank or 0.0), c.name, c.pk)
            )
            page = [c.pk for c in order[index]]
            found = {o.pk: o for o in self.prepare(Organisation.objects.filter(pk__in=page))}
            return [found[pk] for pk in page if pk in found]
        return list(self.prepare(_ordered(self.queryset(), self.query))[index])

    def queryset(self) -> QuerySet[Organisation]:
        """The matches, for the database to order: by their ids when there is
        text (the full-text match is not run again), else by the filters."""
        if self.query.text:
            return Organisation.objects.filter(pk__in=[c.pk for c in self.matched])
        return filtered(self.municipality, self.query)


def search(
    municipality: Municipality,
    query: DirectoryQuery,
    *,
    page_size: int = PAGE_SIZE,
    detailed: bool = False,
) -> SearchResult:
    """One page of results with the facet counts, for the search page and the API.

    ``detailed`` loads everything the public page of each organisation shows
    (see :func:`with_details`); the search page needs only the categories.
    Filters and facet counts are worked out from one read of the candidates
    (see :func:`_candidates`); the database then reads and orders the page.
    """

    def prepare(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
        if detailed:
            return with_details(queryset)
        return queryset.select_related("district").prefetch_related("categories")

    candidates = _candidates(municipality, query)
    for candidate in candidates.values():
        candidate.check(query)
    matched = [c for c in candidates.values() if not c.failed]
    paginator = Paginator(
        _Matches(municipality, query, matched, prepare), max(1, min(page_size, MAX_PAGE_SIZE))
    )
    page = paginator.get_page(query.page)
    facets = [
        _category_facet(query, candidates),
        _district_facet(municipality, query, candidates),
        _list_facet(
            query,
            candidates,
            "target_groups",
            "malgruppe",
            str(_("Target group")),
            dict(TargetGroup.choices),
        ),
        _list_facet(query, candidates, "languages", "sprak", str(_("Language")), LANGUAGES),
    ]
    return SearchResult(query=query, page=page, facets=facets)
