"""Reading the Brønnøysund registers' open data (data.brreg.no).

Two registers, three shapes of document:

* **Enhetsregisteret** (the Central Coordinating Register for Legal Entities):
  the bulk download, a JSON array of *enheter*, usually gzip-compressed
  (``enheter_alle.json.gz``); and the paged search API, an object with
  ``_embedded.enheter`` and ``page`` (``_embedded`` is left out of an empty page).
* **Frivillighetsregisteret** (the Register of Non-Profit Organisations): the
  API's object with ``_embedded.frivilligeOrganisasjoner`` (the brief and
  some clients say ``frivilligOrganisasjoner``; both are read), each with
  ``icnpoKategorier``.

This module only parses: it turns bytes into typed records, and collects
every problem with the record it belongs to, so the import can report all of
them at once and apply nothing. It never touches the database.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import re
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from dugnad.directory.icnpo import normalise_code
from dugnad.directory.text import name_from_register
from dugnad.directory.validators import invalid_number_message, organisation_number_is_valid

Format = Literal["auto", "enheter", "frivillighet"]
FORMATS: tuple[Format, ...] = ("auto", "enheter", "frivillighet")

GZIP_MAGIC = b"\x1f\x8b"
FETCH_TIMEOUT_SECONDS = 120
# A paged API URL is followed through ``_links.next`` at most this many pages.
MAX_PAGES = 200
# Field lengths of Organisation that register values must fit.
MAX_NAME = 200
MAX_PHONE = 30


class RegisterFormatError(Exception):
    """A source that cannot be read at all: not found, not gzip, not JSON, not
    a shape of either register. The message names the source and says why."""


@dataclass(frozen=True)
class RecordProblem:
    """Something wrong with one record of a source."""

    source: str
    index: int
    organisation_number: str
    message: str

    def __str__(self) -> str:
        who = f"organisation number {self.organisation_number}" if self.organisation_number else ""
        where = f"{self.source}, record {self.index + 1}"
        return f"{where}{f' ({who})' if who else ''}: {self.message}"


@dataclass(frozen=True)
class Address:
    """forretningsadresse or postadresse."""

    lines: tuple[str, ...] = ()
    postal_code: str = ""
    postal_place: str = ""
    municipality_number: str = ""
    municipality_name: str = ""
    country_code: str = ""

    @property
    def street(self) -> str:
        return ", ".join(line for line in self.lines if line)


@dataclass(frozen=True)
class Enhet:
    """One legal entity from Enhetsregisteret, reduced to what the directory uses."""

    organisation_number: str
    name: str
    legal_form: str = ""
    legal_form_name: str = ""
    business_address: Address | None = None
    postal_address: Address | None = None
    in_frivillighetsregisteret: bool = False
    founded: datetime.date | None = None
    website: str = ""
    email: str = ""
    phone: str = ""
    bankrupt: bool = False
    dissolving: bool = False
    forced_dissolution: bool = False
    deleted_on: datetime.date | None = None
    purpose: str = ""
    activity: str = ""
    industry_code: str = ""

    @property
    def address(self) -> Address | None:
        """The business address, else the postal address: where the entity is at home."""
        if self.business_address and self.business_address.municipality_number:
            return self.business_address
        return self.postal_address or self.business_address

    @property
    def municipality_number(self) -> str:
        address = self.address
        return address.municipality_number if address else ""


@dataclass(frozen=True)
class IcnpoRef:
    """An activity category as the register gives it: a normalised code and its name."""

    code: str
    name: str = ""


@dataclass(frozen=True)
class FrivilligOrganisasjon:
    """One organisation from Frivillighetsregisteret."""

    organisation_number: str
    categories: tuple[IcnpoRef, ...] = ()
    status: str = ""
    registered_on: datetime.date | None = None
    first_registered_on: datetime.date | None = None


@dataclass
class Batch:
    """What one source held: its records (of one register), and the problems found."""

    source: str
    kind: Literal["enheter", "frivillighet"]
    # True for the bulk download (every entity of the register), False for an
    # API page: only a bulk source can tell that an entity has gone.
    is_bulk: bool
    enheter: list[Enhet] = field(default_factory=list)
    frivillige: list[FrivilligOrganisasjon] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.enheter) + len(self.frivillige)


# -- reading ---------------------------------------------------------------------------


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS) -> bytes:
    """GET an http(s) URL (never another scheme) and return the body."""
    if not is_url(url):
        raise RegisterFormatError(f"{url}: only http and https addresses can be read.")
    request = urllib.request.Request(  # noqa: S310  the scheme is checked above
        url,
        headers={
            "Accept": "application/json, application/gzip;q=0.9, */*;q=0.8",
            "User-Agent": "dugnad-register-import",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read()
    except OSError as exc:  # URLError, HTTPError and timeouts are all OSErrors
        raise RegisterFormatError(f"{url}: could not be fetched ({exc}).") from exc
    return body


def read_bytes(source: str, *, fetch: Callable[[str], bytes] = fetch_url) -> bytes:
    """The raw bytes of a file path or an http(s) URL."""
    if is_url(source):
        return fetch(source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise RegisterFormatError(f"{source}: cannot be read ({exc.strerror or exc}).") from exc


def _gzip_error(source: str, exc: Exception) -> RegisterFormatError:
    return RegisterFormatError(
        f"{source}: the gzip file is truncated or corrupt ({exc}). "
        "Download it again; nothing was imported."
    )


def _json_error(source: str, exc: json.JSONDecodeError) -> RegisterFormatError:
    return RegisterFormatError(
        f"{source}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
        "It may be truncated; nothing was imported."
    )


def decode(data: bytes, *, source: str) -> Any:
    """JSON from bytes, gunzipped first when they start with gzip's magic bytes
    (whatever the file is called)."""
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as exc:
            raise _gzip_error(source, exc) from exc
    elif source.endswith(".gz"):
        raise RegisterFormatError(f"{source}: is named .gz but is not gzip-compressed.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegisterFormatError(f"{source}: is not UTF-8 text ({exc.reason}).") from exc
    if not text.strip():
        raise RegisterFormatError(f"{source}: is empty.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(source, exc) from exc


# -- streaming the bulk file -------------------------------------------------------------

STREAM_CHUNK = 1 << 20  # characters read at a time from a bulk file
_NUMBER_CHARACTERS = "0123456789.eE+-"


def _open_text(source: str) -> IO[str]:
    """A local file as UTF-8 text, gunzipped on the fly when it is gzip."""
    try:
        with Path(source).open("rb") as probe:
            magic = probe.read(2)
        if magic == GZIP_MAGIC:
            return io.TextIOWrapper(gzip.open(source, "rb"), encoding="utf-8-sig")
        if source.endswith(".gz"):
            raise RegisterFormatError(f"{source}: is named .gz but is not gzip-compressed.")
        return Path(source).open(encoding="utf-8-sig")
    except OSError as exc:
        raise RegisterFormatError(f"{source}: cannot be read ({exc.strerror or exc}).") from exc


def _first_character(source: str) -> str:
    with _open_text(source) as text:
        try:
            while chunk := text.read(4096):
                stripped = chunk.lstrip()
                if stripped:
                    return stripped[0]
        except (EOFError, OSError, zlib.error) as exc:
            raise _gzip_error(source, exc) from exc
        except UnicodeDecodeError as exc:
            raise RegisterFormatError(f"{source}: is not UTF-8 text ({exc.reason}).") from exc
    return ""


def iter_json_array(text: IO[str], *, source: str) -> Iterator[Any]:
    """The items of a JSON array read from ``text`` one at a time.

    The national bulk file holds more than a million entities (over a
    gigabyte of JSON): decoding it whole would hold all of it as Python
    objects at once. This reads it in chunks and decodes one item at a time;
    errors name the line and column in the whole file, like ``json.loads``.
    """
    decoder = json.JSONDecoder()
    buffer = ""
    position = 0  # in buffer
    consumed = 0  # characters of the file before buffer
    lines_before = 0  # line breaks of the file before buffer
    finished = False

    def more() -> bool:
        nonlocal buffer, position, consumed, lines_before, finished
        if finished:
            return False
        try:
            chunk = text.read(STREAM_CHUNK)
        except (EOFError, OSError, zlib.error) as exc:
            raise _gzip_error(source, exc) from exc
        except UnicodeDecodeError as exc:
            raise RegisterFormatError(f"{source}: is not UTF-8 text ({exc.reason}).") from exc
        if not chunk:
            finished = True
            return False
        consumed += position
        lines_before += buffer.count("\n", 0, position)
        buffer = buffer[position:] + chunk
        position = 0
        return True

    def fail(message: str) -> RegisterFormatError:
        line = lines_before + buffer.count("\n", 0, position) + 1
        column = position - buffer.rfind("\n", 0, position)
        return RegisterFormatError(
            f"{source}: is not valid JSON (line {line}, column {column}: {message}). "
            "It may be truncated; nothing was imported."
        )

    def skip_space() -> str:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return buffer[position]
            if not more():
                return ""

    if skip_space() != "[":
        raise fail("Expecting '['")
    position += 1
    if skip_space() == "]":
        return
    while True:
        if skip_space() == "":
            raise fail("Expecting value")
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as exc:
                # Most likely the item goes on in the next chunk.
                if more():
                    continue
                position = max(position, exc.pos)
                raise fail(exc.msg) from exc
            # A number at the end of the buffer may go on in the next chunk
            # ("-1" of "-1.5e3"): only trust it when something else follows.
            is_number = isinstance(item, int | float) and not isinstance(item, bool)
            if is_number and not buffer[end:].strip(_NUMBER_CHARACTERS) and more():
                continue
            break
        position = end
        yield item
        separator = skip_space()
        if separator == ",":
            position += 1
        elif separator == "]":
            return
        else:
            raise fail("Expecting ',' delimiter")


def read_source(
    source: str,
    *,
    source_format: Format = "auto",
    fetch: Callable[[str], bytes] = fetch_url,
) -> list[Batch]:
    """Every batch of records a source holds. A URL of the paged API is followed
    through its ``_links.next`` pages; a file is one document. A local file
    holding a JSON array (the bulk download) is read as a stream."""
    if not is_url(source) and _first_character(source) == "[":
        kind: Literal["enheter", "frivillighet"] = (
            "frivillighet" if source_format == "frivillighet" else "enheter"
        )
        with _open_text(source) as text:
            return [parse_items(iter_json_array(text, source=source), source, kind, is_bulk=True)]
    document = decode(read_bytes(source, fetch=fetch), source=source)
    batches = [parse_document(document, source=source, source_format=source_format)]
    if not is_url(source):
        return batches
    next_url = _next_link_of(document)
    while next_url and len(batches) < MAX_PAGES:
        document = decode(fetch(next_url), source=next_url)
        batches.append(parse_document(document, source=next_url, source_format=source_format))
        next_url = _next_link_of(document)
    if next_url:
        raise RegisterFormatError(
            f"{source}: has more than {MAX_PAGES} pages; import the bulk file instead "
            "(a partial listing is never applied)."
        )
    return batches


def _next_link_of(document: Any) -> str | None:
    if not isinstance(document, Mapping):
        return None
    links = document.get("_links")
    if not isinstance(links, Mapping):
        return None
    nxt = links.get("next")
    href = nxt.get("href") if isinstance(nxt, Mapping) else None
    return href if isinstance(href, str) and is_url(href) else None


# -- recognising a document -------------------------------------------------------------

FRIVILLIG_KEYS = ("frivilligeOrganisasjoner", "frivilligOrganisasjoner")


def parse_document(document: Any, *, source: str, source_format: Format = "auto") -> Batch:
    """The records of one decoded document, recognised by its shape (or as ``source_format``)."""
    kind, is_bulk, items = _recognise(document, source=source, source_format=source_format)
    return parse_items(items, source, kind, is_bulk=is_bulk)


def parse_items(
    items: Iterable[Any],
    source: str,
    kind: Literal["enheter", "frivillighet"],
    *,
    is_bulk: bool,
) -> Batch:
    """The records of a sequence of register items (a list, or a stream)."""
    batch = Batch(source=source, kind=kind, is_bulk=is_bulk)
    for index, item in enumerate(items):
        reader = _RecordReader(item, source=source, index=index, batch=batch)
        if not isinstance(item, Mapping):
            reader.problem(f"is a JSON {type(item).__name__}, not an object.")
            continue
        if kind == "enheter":
            enhet = reader.enhet()
            if enhet is not None:
                batch.enheter.append(enhet)
        else:
            frivillig = reader.frivillig()
            if frivillig is not None:
                batch.frivillige.append(frivillig)
    return batch


def _recognise(
    document: Any, *, source: str, source_format: Format
) -> tuple[Literal["enheter", "frivillighet"], bool, list[Any]]:
    if isinstance(document, list):
        # The bulk download: a bare array. Frivillighetsregisteret has no bulk
        # array of its own, so an array is enheter unless told otherwise.
        if source_format == "frivillighet":
            return "frivillighet", True, document
        return "enheter", True, document
    if not isinstance(document, Mapping):
        raise RegisterFormatError(
            f"{source}: holds a JSON {type(document).__name__}, "
            "neither an array of enheter nor an API response."
        )
    embedded = document.get("_embedded")
    if embedded is not None and not isinstance(embedded, Mapping):
        raise RegisterFormatError(f"{source}: _embedded is not an object.")
    embedded = embedded or {}
    if "enheter" in embedded and source_format != "frivillighet":
        return "enheter", False, _array(embedded["enheter"], source, "_embedded.enheter")
    for key in FRIVILLIG_KEYS:
        if key in embedded and source_format != "enheter":
            return "frivillighet", False, _array(embedded[key], source, f"_embedded.{key}")
    if not embedded and "page" in document and source_format != "auto":
        return source_format, False, []  # an empty page leaves out _embedded
    if not embedded and "page" in document:
        return "enheter", False, []
    if "organisasjonsnummer" in document:
        # One record on its own (/enheter/{orgnr} or /frivillige-organisasjoner/{orgnr}).
        looks_frivillig = "icnpoKategorier" in document or "navn" not in document
        if source_format == "frivillighet" or (source_format == "auto" and looks_frivillig):
            return "frivillighet", False, [document]
        return "enheter", False, [document]
    expected = {
        "auto": "an array of enheter, _embedded.enheter or _embedded.frivilligeOrganisasjoner",
        "enheter": "an array of enheter or _embedded.enheter",
        "frivillighet": "_embedded.frivilligeOrganisasjoner",
    }[source_format]
    raise RegisterFormatError(f"{source}: is not a register document (expected {expected}).")


def _array(value: Any, source: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise RegisterFormatError(f"{source}: {where} is not an array.")
    return value


# -- reading one record -----------------------------------------------------------------

_URL = URLValidator(schemes=["http", "https"])
_ICNPO_COMPACT = re.compile(r"^(\d{1,2})(\d{3})$")


def icnpo_code(raw: str) -> str:
    """The directory's code for the register's ICNPO number: "9100", "09100",
    "9 100", "9.100" all become "9.100"; "13" stays a main group."""
    text = raw.strip()
    compact = _ICNPO_COMPACT.match(text)
    if compact:
        main, sub = compact.groups()
        return str(int(main)) if sub == "000" else f"{int(main)}.{sub}"
    code = normalise_code(text)
    main, _sep, sub = code.partition(".")
    return f"{int(main)}.{sub}" if sub else str(int(main))


class _RecordReader:
    """Reads one record's fields, noting each problem against the record."""

    def __init__(self, item: Any, *, source: str, index: int, batch: Batch) -> None:
        self.item: Mapping[str, Any] = item if isinstance(item, Mapping) else {}
        self.source = source
        self.index = index
        self.batch = batch
        number = self.item.get("organisasjonsnummer")
        self.number = number if isinstance(number, str) else ""
        self.ok = True

    def problem(self, message: str) -> None:
        self.ok = False
        self.batch.problems.append(RecordProblem(self.source, self.index, self.number, message))

    def warning(self, message: str) -> None:
        self.batch.warnings.append(RecordProblem(self.source, self.index, self.number, message))

    # Typed field access ---------------------------------------------------------------

    def text(self, data: Mapping[str, Any], key: str, where: str = "") -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem(f"{where}{key} is not text.")
        return ""

    def flag(self, key: str) -> bool:
        value = self.item.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.problem(f"{key} is not true or false.")
        return False

    def date(self, key: str) -> datetime.date | None:
        value = self.item.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value[:10])
            except ValueError:
                pass
        self.problem(f"{key} is not a date (YYYY-MM-DD): {value!r}.")
        return None

    def texts(self, key: str) -> list[str]:
        value = self.item.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v.strip() for v in value if v.strip()]
        self.problem(f"{key} is not a list of text.")
        return []

    def obj(self, key: str) -> Mapping[str, Any] | None:
        value = self.item.get(key)
        if value is None:
            return None
        if isinstance(value, Mapping):
            return value
        self.problem(f"{key} is not an object.")
        return None

    def organisation_number(self) -> str:
        raw = self.item.get("organisasjonsnummer")
        if raw is None or raw == "":
            self.problem("has no organisasjonsnummer.")
            return ""
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            self.problem("organisasjonsnummer is not text.")
            return ""
        number = str(raw).replace(" ", "")
        self.number = number
        if not organisation_number_is_valid(number):
            self.problem(f"organisasjonsnummer: {invalid_number_message(str(raw))}")
        return number

    def address(self, key: str) -> Address | None:
        data = self.obj(key)
        if data is None:
            return None
        where = f"{key}."
        lines = data.get("adresse") or []
        if isinstance(lines, str):
            lines = [lines]
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            self.problem(f"{key}.adresse is not a list of text.")
            lines = []
        postal_code = self.text(data, "postnummer", where)
        if postal_code and not (len(postal_code) == 4 and postal_code.isdigit()):
            if (self.text(data, "landkode", where) or "NO") == "NO":
                self.warning(f"{key}.postnummer {postal_code!r} is not four digits; left out.")
            postal_code = ""
        municipality = self.text(data, "kommunenummer", where)
        if municipality and not (len(municipality) == 4 and municipality.isdigit()):
            self.problem(f"{key}.kommunenummer {municipality!r} is not four digits.")
        return Address(
            lines=tuple(line.strip() for line in lines if line.strip()),
            postal_code=postal_code,
            postal_place=self.text(data, "poststed", where)[:100],
            municipality_number=municipality,
            municipality_name=self.text(data, "kommune", where),
            country_code=self.text(data, "landkode", where),
        )

    def website(self) -> str:
        raw = self.text(self.item, "hjemmeside")
        if not raw:
            return ""
        url = raw if "://" in raw else f"https://{raw}"
        try:
            _URL(url)
        except ValidationError:
            self.warning(f"hjemmeside {raw!r} is not a web address; left out.")
            return ""
        return url[:200]

    def email(self) -> str:
        raw = self.text(self.item, "epostadresse")
        if not raw:
            return ""
        try:
            validate_email(raw)
        except ValidationError:
            self.warning(f"epostadresse {raw!r} is not an e-mail address; left out.")
            return ""
        return raw[:254]

    def phone(self) -> str:
        raw = self.text(self.item, "telefon") or self.text(self.item, "mobil")
        if len(raw) > MAX_PHONE:
            self.warning(f"telefon {raw!r} is longer than {MAX_PHONE} characters; left out.")
            return ""
        return raw

    def code_and_name(self, key: str) -> tuple[str, str]:
        data = self.obj(key)
        if data is None:
            return "", ""
        return self.text(data, "kode", f"{key}."), self.text(data, "beskrivelse", f"{key}.")

    # Records ---------------------------------------------------------------------------

    def enhet(self) -> Enhet | None:
        number = self.organisation_number()
        name = self.text(self.item, "navn")
        if not name:
            self.problem("has no navn (name).")
        elif len(name) > MAX_NAME:
            self.problem(f"navn is longer than {MAX_NAME} characters.")
        legal_form, legal_form_name = self.code_and_name("organisasjonsform")
        if len(legal_form) > 10:
            self.problem(f"organisasjonsform.kode {legal_form!r} is longer than 10 characters.")
        industry_code, _industry = self.code_and_name("naeringskode1")
        enhet = Enhet(
            organisation_number=number,
            name=name_from_register(name),
            legal_form=legal_form,
            legal_form_name=legal_form_name[:100],
            business_address=self.address("forretningsadresse"),
            postal_address=self.address("postadresse"),
            in_frivillighetsregisteret=self.flag("registrertIFrivillighetsregisteret"),
            founded=self.date("stiftelsesdato"),
            website=self.website(),
            email=self.email(),
            phone=self.phone(),
            bankrupt=self.flag("konkurs"),
            dissolving=self.flag("underAvvikling"),
            forced_dissolution=self.flag("underTvangsavviklingEllerTvangsopplosning"),
            deleted_on=self.date("slettedato"),
            purpose="\n".join(self.texts("vedtektsfestetFormaal")),
            activity="\n".join(self.texts("aktivitet")),
            industry_code=industry_code,
        )
        return enhet if self.ok else None

    def frivillig(self) -> FrivilligOrganisasjon | None:
        number = self.organisation_number()
        raw_categories = self.item.get("icnpoKategorier") or []
        categories: list[IcnpoRef] = []
        if not isinstance(raw_categories, list):
            self.problem("icnpoKategorier is not a list.")
            raw_categories = []
        for position, raw in enumerate(raw_categories, start=1):
            category = self._category(raw, position)
            if category is not None and category not in categories:
                categories.append(category)
        frivillig = FrivilligOrganisasjon(
            organisation_number=number,
            categories=tuple(categories),
            status=self.text(self.item, "frivilligOrganisasjonsstatus"),
            registered_on=self.date("innfoertDato") or self.date("registreringsdato"),
            first_registered_on=self.date("foersteGangInnfoert"),
        )
        return frivillig if self.ok else None

    def _category(self, raw: Any, position: int) -> IcnpoRef | None:
        if isinstance(raw, str | int) and not isinstance(raw, bool):
            raw = {"icnpoNummer": str(raw)}
        if not isinstance(raw, Mapping):
            self.problem(f"icnpoKategorier[{position}] is not an object.")
            return None
        # Be liberal: the API says icnpoNummer (with "kategori" as an enum name such
        # as "ICNPOKategori.idrett"); other exports say nummer, kode or kategori.
        for key in ("icnpoNummer", "nummer", "kode", "kategori", "code"):
            value = raw.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if isinstance(value, str) and re.fullmatch(r"\d{1,2}([ .]?\d{1,3})?", value.strip()):
                name = raw.get("navn") or raw.get("beskrivelse") or raw.get("name") or ""
                return IcnpoRef(
                    code=icnpo_code(value), name=name.strip() if isinstance(name, str) else ""
                )
        self.problem(f"icnpoKategorier[{position}] has no category number: {dict(raw)!r}.")
        return None
