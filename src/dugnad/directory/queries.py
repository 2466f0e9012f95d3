"""Finding organisations: free text, filters, facet counts, sorting, pages.

The search page, the JSON API and the exports all read through
:func:`search` and :func:`matching_ids`, so they agree on what a query means:
the text is matched in the database (:func:`text_ranks`), the filters, facet
counts and order are worked out on the municipality's facet index
(``search_index.py``).

Within one filter the values are alternatives (sport OR culture); different
filters must all hold (sport AND Rykkinn). Facet counts for a filter are
computed with every other filter applied, so each count says how many results
choosing that value would add.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, FloatField, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from dugnad.directory.models import (
    Activity,
    ClaimStatus,
    IcnpoCategory,
    Organisation,
    OrganisationClaim,
    TargetGroup,
)
from dugnad.directory.search_index import DirectoryIndex, Entry, directory_index
from dugnad.directory.text import query_terms
from dugnad.municipalities.models import Municipality
from dugnad.people import rules

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


# --- claims ----------------------------------------------------------------------


def claims_to_decide(person: Any, claims: QuerySet[OrganisationClaim]) -> list[OrganisationClaim]:
    """The pending ``claims`` (already scoped to a municipality) that ``person``
    may approve or reject, oldest first: all of them for case officers, those of
    member organisations for an umbrella council's administrators, never their
    own (the rule ``directory.decide_claims`` decides each one)."""
    pending = (
        claims.filter(status=ClaimStatus.PENDING)
        .select_related("organisation", "claimant", "municipality")
        # the councils with their municipality: the rule asks who administers each
        .prefetch_related(
            Prefetch(
                "organisation__member_of",
                queryset=Organisation.objects.select_related("municipality"),
            )
        )
        .order_by("created_at")
    )
    return [
        claim
        for claim in pending
        if rules.allows("directory.decide_claims", person, claim.municipality, claim)
    ]


# --- matching -------------------------------------------------------------------


def listed_in(municipality: Municipality) -> QuerySet[Organisation]:
    """What a municipality's directory shows, before any search."""
    return Organisation.objects.in_municipality(municipality).listed()


def _postgres_text(text: str) -> tuple[Q, RawSQL] | None:
    """(the match condition, the relevance — higher is better) for free text on
    PostgreSQL: prefix terms over the ``norwegian`` tsvector (GIN index)."""
    terms = query_terms(text)
    if not terms:
        return None
    tsquery = " & ".join(f"{term}:*" for term in terms)
    condition = Q(
        RawSQL(
            "search_vector @@ to_tsquery('norwegian', %s)", [tsquery], output_field=BooleanField()
        )
    )
    table = Organisation._meta.db_table
    rank = f"ts_rank(\"{table}\".search_vector, to_tsquery('norwegian', %s))"
    return condition, RawSQL(rank, [tsquery], output_field=FloatField())


def _failed_filters(entry: Entry, query: DirectoryQuery) -> frozenset[str]:
    """The filters of ``query`` that ``entry`` fails: it matches with none
    failed, and counts in a facet when it fails at most that facet's own filter.
    Within a filter the values are alternatives: one shared value passes."""
    failed = []
    if query.categories and entry.category_codes.isdisjoint(query.categories):
        failed.append("categories")
    if query.districts and entry.district_slugs.isdisjoint(query.districts):
        failed.append("districts")
    if query.target_groups and entry.target_groups.isdisjoint(query.target_groups):
        failed.append("target_groups")
    if query.languages and entry.languages.isdisjoint(query.languages):
        failed.append("languages")
    return frozenset(failed)


def text_ranks(municipality: Municipality, text: str) -> dict[int, float]:
    """The ids of the organisations the municipality lists that match ``text``,
    with their relevance (higher is better), in one query.

    Only the municipality's matches are ranked. On SQLite see
    :func:`_sqlite_ranks`; on PostgreSQL the ``norwegian`` tsquery runs on the
    GIN index and ts_rank is computed for the rows that pass.
    """
    listed = listed_in(municipality)
    if connection.vendor != "postgresql":
        return _sqlite_ranks(listed, text)
    condition = _postgres_text(text)
    if condition is None:
        return {}
    rows = listed.filter(condition[0]).annotate(relevance=condition[1]).order_by()
    return {pk: float(rank or 0.0) for pk, rank in rows.values_list("pk", "relevance")}


def _sqlite_ranks(listed: QuerySet[Organisation], text: str) -> dict[int, float]:
    """The ids of the ``listed`` organisations that match ``text`` in SQLite's
    FTS5, with their relevance (bm25, negated: higher is better), in one query.

    bm25 is computed only for rows that pass the ``+rowid IN`` test, so the
    cost is that of the municipality's matches, not the whole country's; a
    correlated subquery per row (or a plain ``rowid IN``, which FTS5 turns
    into a look-up per id) would run the MATCH once per organisation.
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


# --- facets ----------------------------------------------------------------------


def _counted(pool: list[tuple[Entry, frozenset[str]]], facet: str) -> list[Entry]:
    return [entry for entry, failed in pool if not failed or failed == {facet}]


def _category_facet(
    index: DirectoryIndex, query: DirectoryQuery, pool: list[tuple[Entry, frozenset[str]]]
) -> Facet:
    counts: Counter[str] = Counter()
    for entry in _counted(pool, "categories"):
        counts.update(entry.main_categories)
    facet = Facet("kategori", str(_("Category")))
    for category in index.main_categories:
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
    index: DirectoryIndex, query: DirectoryQuery, pool: list[tuple[Entry, frozenset[str]]]
) -> Facet:
    counts: Counter[int] = Counter()
    for entry in _counted(pool, "districts"):
        counts.update(entry.district_ids)
    facet = Facet("bydel", str(_("District")))
    for district in index.districts:
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
    pool: list[tuple[Entry, frozenset[str]]],
    attribute: str,
    param: str,
    label: str,
    labels: dict[str, Any],
) -> Facet:
    counts: Counter[str] = Counter()
    for entry in _counted(pool, attribute):
        counts.update(getattr(entry, attribute))
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


def in_order(
    ids: list[int],
    prepare: Callable[[QuerySet[Organisation]], QuerySet[Organisation]] = with_details,
    *,
    chunk_size: int = 500,
) -> Iterator[Organisation]:
    """The organisations ``ids`` in that order, read ``chunk_size`` at a time
    (the exports stream every match without holding them all)."""
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        found = {o.pk: o for o in prepare(Organisation.objects.filter(pk__in=chunk))}
        yield from (found[pk] for pk in chunk if pk in found)


class _Matches(Sequence[Organisation]):
    """The organisations matching a search, in the order asked for, for the
    paginator: the number and the order are known from the index, and only
    the page asked for is read from the database."""

    def __init__(
        self,
        ordered_ids: list[int],
        prepare: Callable[[QuerySet[Organisation]], QuerySet[Organisation]],
    ) -> None:
        self.ordered_ids = ordered_ids
        self.prepare = prepare

    def __len__(self) -> int:
        return len(self.ordered_ids)

    @overload
    def __getitem__(self, index: int) -> Organisation: ...

    @overload
    def __getitem__(self, index: slice) -> list[Organisation]: ...

    def __getitem__(self, index: int | slice) -> Organisation | list[Organisation]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        page = self.ordered_ids[index]
        if not page:
            return []
        found = {o.pk: o for o in self.prepare(Organisation.objects.filter(pk__in=page))}
        return [found[pk] for pk in page if pk in found]


def _sort_key(query: DirectoryQuery, ranks: dict[int, float]) -> Callable[[Entry], Any]:
    """The order of :func:`_ordered`, on the index: relevance (then name), name
    (the database's own order, remembered as a position), or newest first."""
    sort = query.effective_sort
    if sort == "relevans" and query.text:
        return lambda entry: (-ranks.get(entry.pk, 0.0), entry.name_position)
    if sort == "nyest":
        return lambda entry: (-entry.created_at.timestamp(), entry.pk)
    return lambda entry: entry.name_position


def _match(
    municipality: Municipality, query: DirectoryQuery
) -> tuple[DirectoryIndex, list[tuple[Entry, frozenset[str]]], list[int]]:
    """The index, every organisation matching the text with the filters it
    fails (for the facets), and the ids of the matches in the order asked for."""
    index = directory_index(municipality)
    ranks: dict[int, float] = {}
    entries: list[Entry]
    if query.text and query_terms(query.text):
        ranks = text_ranks(municipality, query.text)
        entries = [index.entries[pk] for pk in ranks if pk in index.entries]
    else:
        entries = list(index.entries.values())
    pool = [(entry, _failed_filters(entry, query)) for entry in entries]
    matched = sorted((entry for entry, failed in pool if not failed), key=_sort_key(query, ranks))
    return index, pool, [entry.pk for entry in matched]


def matching_ids(municipality: Municipality, query: DirectoryQuery) -> list[int]:
    """The ids of every organisation matching ``query``, in its order (exports)."""
    return _match(municipality, query)[2]


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
    Filters, facet counts and the order are worked out on the municipality's
    facet index (see ``search_index.py``) and the text's matches (one query);
    the database then reads the page.
    """

    def prepare(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
        if detailed:
            return with_details(queryset)
        return queryset.select_related("district").prefetch_related("categories")

    index, pool, ordered = _match(municipality, query)
    paginator = Paginator(_Matches(ordered, prepare), max(1, min(page_size, MAX_PAGE_SIZE)))
    page = paginator.get_page(query.page)
    facets = [
        _category_facet(index, query, pool),
        _district_facet(index, query, pool),
        _list_facet(
            query,
            pool,
            "target_groups",
            "malgruppe",
            str(_("Target group")),
            dict(TargetGroup.choices),
        ),
        _list_facet(query, pool, "languages", "sprak", str(_("Language")), LANGUAGES),
    ]
    return SearchResult(query=query, page=page, facets=facets)
