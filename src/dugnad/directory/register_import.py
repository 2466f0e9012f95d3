"""The register import: keeps the directory current from the Brønnøysund
registers (``manage.py import_brreg``, the ``import_brreg`` task).

One function, :func:`import_register`, does the whole run:

1. read and parse every source (:mod:`dugnad.directory.registers`); any
   unreadable source or invalid record stops the run before anything is
   written, with a report naming each record and why (a failed run is still
   recorded as a :class:`RegisterImport`);
2. in one transaction, upsert the organisations of the chosen municipalities
   by organisation number, mark bankrupt, dissolving and deleted ones, set
   Frivillighetsregisteret's categories, and record the run.

What the register owns: name, legal form, purpose, address, website, e-mail,
phone, founding date, Frivillighetsregisteret membership and categories,
register status and the home municipality. A field the organisation edited
itself (listed in ``Organisation.edited_fields``) is never overwritten.

Which records are imported: an entity whose business address (else postal
address) lies in a chosen municipality, by its current or former number, or
one the directory already holds at home there. New organisations are created
only for voluntary organisations: registered in Frivillighetsregisteret or of
legal form FLI (forening/lag/innretning), and not already deleted.

Running the same sources again changes nothing (only ``register_synced_at``,
which says when the registers were last read).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from dugnad.directory.models import (
    IcnpoCategory,
    Organisation,
    OrganisationKind,
    RegisterImport,
    RegisterStatus,
)
from dugnad.directory.registers import (
    Batch,
    Enhet,
    Format,
    FrivilligOrganisasjon,
    IcnpoRef,
    RegisterFormatError,
    fetch_url,
    read_source,
)
from dugnad.directory.services import DirectoryError, update_search_document
from dugnad.municipalities.models import Municipality

# Legal forms whose entities are voluntary organisations even before they
# register in Frivillighetsregisteret: FLI is forening/lag/innretning.
VOLUNTARY_LEGAL_FORMS = frozenset({"FLI"})
# The fields the register owns, in the order changes are reported.
REGISTER_FIELDS = (
    "name",
    "legal_form",
    "legal_form_name",
    "purpose",
    "street_address",
    "postal_code",
    "postal_place",
    "website",
    "email",
    "phone",
    "founded",
    "in_frivillighetsregisteret",
    "frivillighetsregisteret_since",
    "register_status",
    "municipality",
)
MAX_CHANGES_STORED = 1000
MAX_REPORT_LINES = 200
_CHUNK = 500
_MARKED = {
    RegisterStatus.BANKRUPT: "marked_bankrupt",
    RegisterStatus.DISSOLVING: "marked_dissolving",
    RegisterStatus.DELETED: "marked_deleted",
}


class RegisterImportError(DirectoryError):
    """The sources could not be imported; nothing was changed. ``problems``
    lists each one (source, record, organisation number, why)."""

    def __init__(
        self, message: str, *, problems: Sequence[str], register_import: RegisterImport | None
    ) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.register_import = register_import

    def report(self) -> str:
        lines = [str(self), *(f"  - {p}" for p in self.problems[:MAX_REPORT_LINES])]
        if len(self.problems) > MAX_REPORT_LINES:
            lines.append(f"  … and {len(self.problems) - MAX_REPORT_LINES} more.")
        return "\n".join(lines)


def register_status(enhet: Enhet) -> RegisterStatus:
    """What the register's flags mean for the directory."""
    if enhet.deleted_on is not None:
        return RegisterStatus.DELETED
    if enhet.bankrupt:
        return RegisterStatus.BANKRUPT
    if enhet.dissolving or enhet.forced_dissolution:
        return RegisterStatus.DISSOLVING
    return RegisterStatus.ACTIVE


def import_register(
    *,
    sources: Sequence[str],
    municipalities: Sequence[Municipality] = (),
    all_municipalities: bool = False,
    source_format: Format = "auto",
    full: bool = False,
    dry_run: bool = False,
    fetch: Callable[[str], bytes] = fetch_url,
    now: datetime.datetime | None = None,
) -> RegisterImport:
    """Import ``sources`` (paths or http(s) URLs) for the given municipalities
    (or all on the platform) and return the recorded run.

    ``full`` says the Enhetsregisteret sources are complete bulk files: a
    previously imported organisation of a chosen municipality that is missing
    from them is marked deleted. Only bulk files can say that; with an API page
    among the sources the run is refused. ``dry_run`` computes the same summary
    and then rolls everything back (the run is not recorded).

    Raises :class:`RegisterImportError` with every problem found, having
    changed nothing, when a source cannot be read or a record is invalid.
    """
    started = now or timezone.now()
    if all_municipalities:
        chosen = list(Municipality.objects.all())
    else:
        chosen = list(dict.fromkeys(municipalities))
    if not chosen:
        raise RegisterImportError(
            "Choose at least one municipality (or all of them).",
            problems=[],
            register_import=None,
        )
    run = RegisterImport(
        sources=list(sources),
        format=source_format,
        full=full,
        all_municipalities=all_municipalities,
        started_at=started,
    )

    batches, problems, warnings = _read_all(sources, source_format=source_format, fetch=fetch)
    if full and not problems:
        problems += _full_problems(batches)
    run.records = sum(len(b) for b in batches)
    if problems:
        run.status = RegisterImport.Status.FAILED
        run.errors = len(problems)
        run.report = (problems + warnings)[: MAX_REPORT_LINES * 2]
        run.finished_at = timezone.now()
        if not dry_run:
            run.save()
            run.municipalities.set(chosen)
        raise RegisterImportError(
            f"Nothing was imported: {len(problems)} problem(s) in the sources.",
            problems=problems,
            register_import=None if dry_run else run,
        )

    try:
        with transaction.atomic():
            _Importer(run=run, chosen=chosen, now=started).apply(batches, full=full)
            run.report = warnings[: MAX_REPORT_LINES * 2]
            run.finished_at = timezone.now()
            if dry_run:
                raise _DryRun
            run.save()
            run.municipalities.set(chosen)
    except _DryRun:
        pass
    return run


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _read_all(
    sources: Sequence[str], *, source_format: Format, fetch: Callable[[str], bytes]
) -> tuple[list[Batch], list[str], list[str]]:
    batches: list[Batch] = []
    problems: list[str] = []
    for source in sources:
        try:
            batches += read_source(source, source_format=source_format, fetch=fetch)
        except RegisterFormatError as exc:
            problems.append(str(exc))
    problems += [str(p) for batch in batches for p in batch.problems]
    warnings = [str(w) for batch in batches for w in batch.warnings]
    return batches, problems, warnings


def _full_problems(batches: Sequence[Batch]) -> list[str]:
    enheter = [b for b in batches if b.kind == "enheter"]
    if not enheter:
        return ["--full needs an Enhetsregisteret bulk file among the sources."]
    return [
        f"{b.source}: is a page of the API, not the bulk file; --full would mark every "
        "organisation missing from it deleted. Leave out --full for API pages."
        for b in enheter
        if not b.is_bulk
    ]


@dataclass
class _Outcome:
    organisation: Organisation
    created: bool = False
    changed: bool = False
    search_stale: bool = False
    changed_fields: set[str] = field(default_factory=set)


class _Importer:
    """Applies parsed batches inside the caller's transaction, counting into ``run``."""

    def __init__(
        self, *, run: RegisterImport, chosen: Sequence[Municipality], now: datetime.datetime
    ) -> None:
        self.run = run
        self.now = now
        self.chosen_ids = {m.pk for m in chosen}
        # Every municipality on the platform by current and former numbers: an
        # organisation that moves to another one on the platform moves with it.
        self.by_number: dict[str, Municipality] = {}
        for municipality in Municipality.objects.all():
            for number in municipality.all_numbers:
                self.by_number.setdefault(number, municipality)
        self.organisations: dict[str, Organisation] = {}
        self.outcomes: dict[str, _Outcome] = {}
        self.categories: dict[str, IcnpoCategory] = {c.code: c for c in IcnpoCategory.objects.all()}
        self.change_log: list[dict[str, Any]] = []

    # The run -------------------------------------------------------------------------

    def apply(self, batches: Sequence[Batch], *, full: bool) -> None:
        enheter = _last_per_number(e for b in batches for e in b.enheter)
        frivillige = _last_per_number(f for b in batches for f in b.frivillige)
        self._load(list(enheter) + list(frivillige))
        for enhet in enheter.values():
            self._apply_enhet(enhet)
        for frivillig in frivillige.values():
            self._apply_frivillig(frivillig)
        if full:
            self._mark_missing_deleted(set(enheter))
        self._finish()

    def _load(self, numbers: list[str]) -> None:
        """Fetch the directory's organisations among ``numbers``. A national bulk
        file holds a million entities and the directory a small share of them:
        one query for the directory's numbers spares a query per chunk of the file."""
        known = set(
            Organisation.objects.exclude(organisation_number="").values_list(
                "organisation_number", flat=True
            )
        )
        wanted = [n for n in dict.fromkeys(numbers) if n in known and n not in self.organisations]
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for organisation in Organisation.objects.filter(
                organisation_number__in=chunk
            ).prefetch_related("categories"):
                self.organisations[organisation.organisation_number] = organisation

    def _finish(self) -> None:
        run = self.run
        run.created = sum(1 for o in self.outcomes.values() if o.created)
        run.updated = sum(1 for o in self.outcomes.values() if o.changed and not o.created)
        run.unchanged = sum(1 for o in self.outcomes.values() if not o.changed)
        run.change_count = len(self.change_log)
        run.changes = self.change_log[:MAX_CHANGES_STORED]
        for outcome in self.outcomes.values():
            if outcome.search_stale:
                update_search_document(organisation=outcome.organisation)
        synced = [o.organisation.pk for o in self.outcomes.values()]
        for start in range(0, len(synced), _CHUNK):
            Organisation.objects.filter(pk__in=synced[start : start + _CHUNK]).update(
                register_synced_at=self.now
            )

    # Enhetsregisteret ----------------------------------------------------------------

    def _apply_enhet(self, enhet: Enhet) -> None:
        number = enhet.organisation_number
        existing = self.organisations.get(number)
        home = self.by_number.get(enhet.municipality_number)
        in_scope = (home is not None and home.pk in self.chosen_ids) or (
            existing is not None and existing.municipality_id in self.chosen_ids
        )
        if not in_scope:
            self.run.skipped_other_municipality += 1
            return
        values = self._values(enhet, home)
        if existing is None:
            status = values["register_status"]
            voluntary = (
                enhet.in_frivillighetsregisteret or enhet.legal_form in VOLUNTARY_LEGAL_FORMS
            )
            if not voluntary or status == RegisterStatus.DELETED:
                self.run.skipped_not_voluntary += 1
                return
            self._create(number, values)
            return
        outcome = self.outcomes.setdefault(number, _Outcome(existing))
        self._update(outcome, values)

    def _values(self, enhet: Enhet, home: Municipality | None) -> dict[str, Any]:
        address = enhet.address
        values: dict[str, Any] = {
            "name": enhet.name,
            "legal_form": enhet.legal_form,
            "legal_form_name": enhet.legal_form_name,
            "purpose": enhet.purpose or enhet.activity,
            "street_address": address.street[:200] if address else "",
            "postal_code": address.postal_code if address else "",
            "postal_place": address.postal_place if address else "",
            "website": enhet.website,
            "email": enhet.email,
            "phone": enhet.phone,
            "founded": enhet.founded,
            "in_frivillighetsregisteret": enhet.in_frivillighetsregisteret,
            "register_status": register_status(enhet),
        }
        if home is not None:
            values["municipality"] = home
        return values

    def _create(self, number: str, values: dict[str, Any]) -> None:
        organisation = Organisation(
            organisation_number=number,
            kind=OrganisationKind.ORGANISATION,
            register_synced_at=self.now,
            **values,
        )
        organisation.save()
        self.organisations[number] = organisation
        self.outcomes[number] = _Outcome(
            organisation, created=True, changed=True, search_stale=True
        )
        self._log(organisation, "*", None, "created")
        status = values["register_status"]
        if status in _MARKED:
            self._count_marked(status)

    def _update(self, outcome: _Outcome, values: dict[str, Any]) -> None:
        organisation = outcome.organisation
        edited = set(organisation.edited_fields or [])
        changed: list[str] = []
        for name in REGISTER_FIELDS:
            if name not in values:
                continue
            new = values[name]
            if name == "municipality":
                if organisation.municipality_id == new.pk:
                    continue  # compared by id: no query per organisation
                old = organisation.municipality
            else:
                old = getattr(organisation, name)
            if old == new:
                continue
            if name in edited:
                self.run.kept_edited += 1
                continue
            setattr(organisation, name, new)
            changed.append(name)
            self._log(organisation, name, old, new)
            if name == "register_status" and new in _MARKED:
                self._count_marked(new)
        if changed:
            organisation.save(update_fields=[*changed, "updated_at"])
            outcome.changed = True
            outcome.changed_fields.update(changed)
            outcome.search_stale = outcome.search_stale or bool(
                {"name", "purpose", "postal_place"} & set(changed)
            )

    # Frivillighetsregisteret ---------------------------------------------------------

    def _apply_frivillig(self, frivillig: FrivilligOrganisasjon) -> None:
        number = frivillig.organisation_number
        organisation = self.organisations.get(number)
        if organisation is None:
            self.run.skipped_unknown += 1
            return
        if organisation.municipality_id not in self.chosen_ids:
            self.run.skipped_other_municipality += 1
            return
        outcome = self.outcomes.setdefault(number, _Outcome(organisation))
        changes: dict[str, Any] = {"in_frivillighetsregisteret": True}
        since = frivillig.first_registered_on or frivillig.registered_on
        if since is not None:
            changes["frivillighetsregisteret_since"] = since
        self._update(outcome, changes)
        self._set_categories(outcome, frivillig.categories)

    def _set_categories(self, outcome: _Outcome, refs: Sequence[IcnpoRef]) -> None:
        organisation = outcome.organisation
        old = sorted((c.code for c in organisation.categories.all()), key=_code_key)
        new = sorted(dict.fromkeys(ref.code for ref in refs), key=_code_key)
        if old == new:
            return
        if "categories" in (organisation.edited_fields or []):
            self.run.kept_edited += 1
            return
        organisation.categories.set([self._category(ref) for ref in refs])
        self._log(organisation, "categories", ", ".join(old), ", ".join(new))
        outcome.changed = True
        outcome.search_stale = True
        outcome.changed_fields.add("categories")

    def _category(self, ref: IcnpoRef) -> IcnpoCategory:
        """The directory's category for a code; one the directory does not know yet
        is created with the register's name (in every language, until translated)."""
        category = self.categories.get(ref.code)
        if category is None:
            main = ref.code.split(".", 1)[0]
            name = (ref.name or ref.code)[:150]
            category = IcnpoCategory.objects.create(
                code=ref.code,
                parent=self.categories.get(main) if main != ref.code else None,
                name_nb=name,
                name_nn=name,
                name_en=name,
            )
            self.categories[ref.code] = category
        return category

    # Full imports ----------------------------------------------------------------------

    def _mark_missing_deleted(self, present: set[str]) -> None:
        """Previously imported organisations of the chosen municipalities that a
        complete bulk file no longer holds have been deleted from the register."""
        candidates = (
            Organisation.objects.filter(
                municipality_id__in=self.chosen_ids, register_synced_at__isnull=False
            )
            .exclude(organisation_number="")
            .exclude(register_status=RegisterStatus.DELETED)
        )
        for organisation in candidates:
            if organisation.organisation_number in present:
                continue
            number = organisation.organisation_number
            outcome = self.outcomes.setdefault(number, _Outcome(organisation))
            self._update(outcome, {"register_status": RegisterStatus.DELETED})

    # Bookkeeping -----------------------------------------------------------------------

    def _count_marked(self, status: str) -> None:
        attribute = _MARKED[RegisterStatus(status)]
        setattr(self.run, attribute, getattr(self.run, attribute) + 1)

    def _log(self, organisation: Organisation, name: str, old: Any, new: Any) -> None:
        self.change_log.append(
            {
                "organisation_number": organisation.organisation_number,
                "name": organisation.name,
                "field": name,
                "old": _plain(old),
                "new": _plain(new),
            }
        )


def _last_per_number(records: Iterable[Any]) -> dict[str, Any]:
    """One record per organisation number; a later source (or page) wins."""
    by_number: dict[str, Any] = {}
    for record in records:
        by_number.pop(record.organisation_number, None)
        by_number[record.organisation_number] = record
    return by_number


def _plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Municipality):
        return f"{value.name} ({value.number})"
    return str(value)


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def summary_lines(run: RegisterImport) -> list[str]:
    """A human summary of a run, for the command's output and the task's log."""
    lines = [
        f"Records read: {run.records}",
        f"Created: {run.created}   updated: {run.updated}   unchanged: {run.unchanged}",
        f"Marked bankrupt: {run.marked_bankrupt}   being dissolved: {run.marked_dissolving}   "
        f"deleted: {run.marked_deleted}",
        f"Skipped: {run.skipped_other_municipality} in other municipalities, "
        f"{run.skipped_not_voluntary} not voluntary organisations, "
        f"{run.skipped_unknown} not in the directory",
        f"Values kept because the organisation edited them: {run.kept_edited}",
        f"Changes: {run.change_count}",
    ]
    for change in run.changes[:50]:
        old, new = change["old"], change["new"]
        what = "created" if change["field"] == "*" else f"{change['field']}: {old!r} → {new!r}"
        lines.append(f"  {change['organisation_number']} {change['name']}: {what}")
    if run.change_count > 50:
        lines.append(f"  … and {run.change_count - 50} more (stored with the run).")
    lines += [f"Warning: {line}" for line in run.report[:MAX_REPORT_LINES]]
    return lines


def find_municipality(key: str) -> Municipality | None:
    """A municipality by short name, current number or former number."""
    key = key.strip()
    found = Municipality.objects.filter(slug=key).first() or (
        Municipality.objects.filter(number=key).first()
    )
    if found is not None or not key.isdigit():
        return found
    return next((m for m in Municipality.objects.all() if key in m.all_numbers), None)
