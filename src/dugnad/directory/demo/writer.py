"""Writing generated organisations in bulk: their search fields (computed as
``update_search_document`` would), the rows themselves (created, or updated in
place by organisation number) and their related rows."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, cast

from django.db.models import Q

from dugnad.directory.demo.specs import OrganisationSpec
from dugnad.directory.models import Activity, Contact, Organisation
from dugnad.directory.services import search_text
from dugnad.directory.text import _stemmer, words
from dugnad.municipalities.page_cache import bump_content_version


class _Related:
    """Stands in for a related manager: what ``search_text`` calls is ``all()``."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items

    def all(self) -> list[Any]:
        return self._items


class _SearchView:
    """The attributes ``services.search_text`` reads, without the database
    (the organisation and its relations do not exist yet)."""

    def __init__(self, spec: OrganisationSpec) -> None:
        self.name = spec.name
        self.description = spec.description
        self.purpose = spec.purpose
        self.postal_place = spec.postal_place
        self.district = spec.district
        self.target_groups = spec.target_groups
        # In the models' orderings, as the related managers would return them.
        self.activities = _Related(
            sorted(
                (
                    Activity(
                        name=a.name, description=a.description, schedule=a.schedule, place=a.place
                    )
                    for a in spec.activities
                ),
                key=lambda a: a.name,
            )
        )
        self.districts = _Related(sorted(dict.fromkeys(spec.districts), key=lambda d: d.name))
        self.categories = _Related(sorted(spec.categories, key=lambda c: c.sort_key))


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def _stems(text: str) -> str:
    """:func:`text.stems`, with each word's stem remembered (the vocabulary of
    generated text is small, and stemming is most of the loading time)."""
    return " ".join(_stem(w) for w in words(text))


def search_fields(spec: OrganisationSpec) -> tuple[str, str]:
    """``search_document`` and ``search_stems`` as update_search_document sets them."""
    document = search_text(cast(Organisation, _SearchView(spec)))
    return document, _stems(document)


_SCALAR_FIELDS = (
    "name",
    "municipality",
    "kind",
    "description",
    "purpose",
    "district",
    "street_address",
    "postal_code",
    "postal_place",
    "latitude",
    "longitude",
    "email",
    "target_groups",
    "languages",
    "accessibility",
    "membership_fee_ore",
    "membership_fee_note",
    "founded",
    "in_frivillighetsregisteret",
    "legal_form",
    "legal_form_name",
    "search_document",
    "search_stems",
)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_numbers(numbers: list[str]) -> dict[str, int]:
    """Organisation number → id of the organisations already loaded."""
    found: dict[str, int] = {}
    for chunk in _chunks(numbers, 900):
        # The exclusion repeats the unique index's condition, so it can be used.
        found.update(
            Organisation.objects.filter(organisation_number__in=chunk)
            .exclude(organisation_number="")
            .order_by()
            .values_list("organisation_number", "id")
        )
    return found


def write_organisations(
    specs: list[OrganisationSpec], *, refresh: bool = True, batch_size: int = 1000
) -> dict[str, int]:
    """Create (or, with ``refresh``, update in place) the organisations, with
    their categories, districts, activities, contacts and links. Returns
    organisation number → id. Run inside a transaction."""
    ids = existing_numbers([s.organisation_number for s in specs])
    to_create: list[OrganisationSpec] = []
    to_update: list[OrganisationSpec] = []
    for spec in specs:
        (to_update if spec.organisation_number in ids else to_create).append(spec)
    if not refresh:
        to_update = []

    # Links point at organisations created earlier or in this batch.
    wanted = {n for s in specs for n in [*s.member_of, s.national or ""] if n}
    links = existing_numbers(sorted(wanted - ids.keys()))

    def build(spec: OrganisationSpec) -> Organisation:
        document, stems = search_fields(spec)
        return Organisation(
            id=ids.get(spec.organisation_number),
            organisation_number=spec.organisation_number,
            name=spec.name,
            municipality=spec.municipality,
            kind=spec.kind,
            description=spec.description,
            purpose=spec.purpose,
            district=spec.district,
            street_address=spec.street_address,
            postal_code=spec.postal_code,
            postal_place=spec.postal_place,
            latitude=spec.latitude,
            longitude=spec.longitude,
            email=spec.email,
            target_groups=spec.target_groups,
            languages=spec.languages,
            accessibility=spec.accessibility,
            membership_fee_ore=spec.membership_fee_ore,
            membership_fee_note=spec.membership_fee_note,
            founded=spec.founded,
            in_frivillighetsregisteret=spec.in_frivillighetsregisteret,
            legal_form="FLI",
            legal_form_name="Forening/lag/innretning",
            national_organisation_id=links.get(spec.national or "") or ids.get(spec.national or ""),
            search_document=document,
            search_stems=stems,
        )

    for chunk in _chunks(to_create, batch_size):
        created = Organisation.objects.bulk_create([build(s) for s in chunk])
        ids.update((o.organisation_number, o.pk) for o in created)
    if to_update:
        for chunk in _chunks(to_update, batch_size):
            Organisation.objects.bulk_update(
                [build(s) for s in chunk], [*_SCALAR_FIELDS, "national_organisation"]
            )
        stale = [ids[s.organisation_number] for s in to_update]
        for id_chunk in _chunks(stale, 900):
            Activity.objects.filter(organisation_id__in=id_chunk).delete()
            Contact.objects.filter(organisation_id__in=id_chunk).delete()
            for through in _throughs():
                through.objects.filter(from_field_in(through, id_chunk)).delete()
    written = to_create + to_update
    links.update(ids)
    _write_related(written, links, batch_size)
    for municipality_id in {s.municipality.pk for s in written}:
        bump_content_version(municipality_id)  # bulk writes send no post_save
    return ids


def _throughs() -> list[Any]:
    return [
        Organisation.categories.through,
        Organisation.districts.through,
        Organisation.active_in.through,
        Organisation.member_of.through,
    ]


def from_field_in(through: Any, ids: list[int]) -> Q:
    name = (
        "from_organisation_id" if through is Organisation.member_of.through else "organisation_id"
    )
    return Q(**{f"{name}__in": ids})


def _write_related(specs: list[OrganisationSpec], ids: dict[str, int], batch_size: int) -> None:
    categories = Organisation.categories.through
    districts = Organisation.districts.through
    active_in = Organisation.active_in.through
    member_of = Organisation.member_of.through
    rows: dict[Any, list[Any]] = {
        categories: [],
        districts: [],
        active_in: [],
        member_of: [],
        Activity: [],
        Contact: [],
    }
    for spec in specs:
        pk = ids[spec.organisation_number]
        rows[categories] += [
            categories(organisation_id=pk, icnpocategory_id=c.pk) for c in spec.categories
        ]
        rows[districts] += [
            districts(organisation_id=pk, district_id=d.pk) for d in dict.fromkeys(spec.districts)
        ]
        rows[active_in] += [
            active_in(organisation_id=pk, municipality_id=m.pk) for m in spec.active_in
        ]
        rows[member_of] += [
            member_of(from_organisation_id=pk, to_organisation_id=ids[n])
            for n in dict.fromkeys(spec.member_of)
            if n in ids
        ]
        rows[Activity] += [
            Activity(
                organisation_id=pk,
                name=a.name,
                description=a.description,
                schedule=a.schedule,
                place=a.place,
                district=a.district,
            )
            for a in spec.activities
        ]
        rows[Contact] += [
            Contact(organisation_id=pk, name=c.name, title=c.title, email=c.email)
            for c in spec.contacts
        ]
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=batch_size)
