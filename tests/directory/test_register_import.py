"""The register import (``manage.py import_brreg``) against fixture files in the
real formats of Enhetsregisteret and Frivillighetsregisteret (see
fixtures/brreg/README.md). No test touches the network."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from dugnad.directory.models import IcnpoCategory, Organisation, RegisterImport, RegisterStatus
from dugnad.directory.register_import import RegisterImportError, import_register
from dugnad.directory.registers import (
    RegisterFormatError,
    decode,
    icnpo_code,
    parse_document,
    read_source,
)
from dugnad.municipalities.models import Municipality
from tests.factories import OrganisationFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures" / "brreg"
BULK = str(FIXTURES / "enheter_alle.json.gz")
PAGE = str(FIXTURES / "enheter_side.json")
FRIVILLIG = str(FIXTURES / "frivillighetsregisteret.json")

RYKKINN = "925181013"
BEKKESTUA = "925182028"  # business address under Bærum's former number 3024
SANDVIKA = "925183032"  # konkurs
HASLUM = "925184047"  # underAvvikling
FORNEBU = "925185051"  # slettedato
RADGIVNING = "925186066"  # an AS: not a voluntary organisation
ASKER_TURLAG = "925281018"
HEGGEDAL = "925282022"  # only a postal address, under Asker's former number 3025
VOLLEN = "925283037"  # underTvangsavviklingEllerTvangsopplosning
OSLO = "925381012"
TRONDHEIM = "925382027"
NOT_IN_DIRECTORY = "925481017"


@pytest.fixture
def municipalities(baerum: Municipality, asker: Municipality) -> tuple[Municipality, Municipality]:
    baerum.former_numbers = ["3024", "0219"]
    baerum.save()
    asker.former_numbers = ["3025", "0220"]
    asker.save()
    return baerum, asker


def no_network(url: str) -> bytes:
    raise AssertionError(f"a test tried to fetch {url}")


def run(*sources: str, **kwargs: Any) -> RegisterImport:
    kwargs.setdefault("fetch", no_network)
    return import_register(sources=list(sources), **kwargs)


def numbers(municipality: Municipality) -> set[str]:
    return set(
        Organisation.objects.filter(municipality=municipality).values_list(
            "organisation_number", flat=True
        )
    )


def snapshot() -> list[tuple[Any, ...]]:
    return list(
        Organisation.objects.order_by("organisation_number").values_list(
            "organisation_number", "name", "phone", "register_status", "municipality_id"
        )
    )


# -- parsing --------------------------------------------------------------------------


def test_the_gzip_bulk_file_parses() -> None:
    (batch,) = read_source(BULK, fetch=no_network)
    assert batch.kind == "enheter"
    assert batch.is_bulk
    assert not batch.problems
    assert len(batch.enheter) == 11
    rykkinn = next(e for e in batch.enheter if e.organisation_number == RYKKINN)
    assert rykkinn.name == "Rykkinn Skolekorps"
    assert rykkinn.legal_form == "FLI"
    assert rykkinn.municipality_number == "3201"
    assert rykkinn.founded == datetime.date(1978, 9, 1)
    assert rykkinn.website == "https://www.rykkinnskolekorps.no"
    assert rykkinn.purpose.startswith("Å drive skolekorps")
    heggedal = next(e for e in batch.enheter if e.organisation_number == HEGGEDAL)
    assert heggedal.municipality_number == "3025"  # from the postal address
    assert heggedal.address is not None
    assert heggedal.address.street == "c/o Kari Nordmann, Heggedalsveien 210"


def test_gzip_is_recognised_by_its_magic_bytes_not_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "enheter.json"
    shutil.copy(BULK, renamed)
    (batch,) = read_source(str(renamed), fetch=no_network)
    assert len(batch.enheter) == 11


def test_an_api_page_parses_as_a_partial_source() -> None:
    (batch,) = read_source(PAGE, fetch=no_network)
    assert batch.kind == "enheter"
    assert not batch.is_bulk
    assert [e.organisation_number for e in batch.enheter] == [
        RYKKINN,
        BEKKESTUA,
        ASKER_TURLAG,
        OSLO,
    ]


def test_an_empty_api_page_has_no_records() -> None:
    document = {"_links": {"self": {"href": "x"}}, "page": {"size": 20, "totalElements": 0}}
    batch = parse_document(document, source="empty")
    assert batch.kind == "enheter"
    assert len(batch) == 0


def test_a_frivillighetsregisteret_response_parses_its_categories() -> None:
    (batch,) = read_source(FRIVILLIG, fetch=no_network)
    assert batch.kind == "frivillighet"
    assert not batch.problems
    by_number = {f.organisation_number: f for f in batch.frivillige}
    assert [c.code for c in by_number[RYKKINN].categories] == ["1.100", "13"]
    assert [c.code for c in by_number[ASKER_TURLAG].categories] == ["1.300", "5.100", "12.200"]
    assert [c.code for c in by_number[HEGGEDAL].categories] == ["1.100"]
    assert by_number[RYKKINN].registered_on == datetime.date(2015, 1, 20)


def test_the_singular_embedded_key_is_read_too() -> None:
    document = {"_embedded": {"frivilligOrganisasjoner": [{"organisasjonsnummer": RYKKINN}]}}
    batch = parse_document(document, source="x")
    assert batch.kind == "frivillighet"
    assert [f.organisation_number for f in batch.frivillige] == [RYKKINN]


@pytest.mark.parametrize(
    ("raw", "code"),
    [("1100", "1.100"), ("01100", "1.100"), ("1 100", "1.100"), ("1.1", "1.100"),
     ("12200", "12.200"), ("13", "13"), ("9.100", "9.100")],
)  # fmt: skip
def test_icnpo_numbers_in_every_spelling(raw: str, code: str) -> None:
    assert icnpo_code(raw) == code


def test_a_truncated_gzip_file_is_reported() -> None:
    with pytest.raises(RegisterFormatError, match="truncated or corrupt"):
        decode((FIXTURES / "enheter_corrupt.json.gz").read_bytes(), source="enheter.json.gz")


def test_invalid_json_is_reported_with_its_position() -> None:
    with pytest.raises(RegisterFormatError, match=r"not valid JSON \(line \d+, column \d+"):
        read_source(str(FIXTURES / "enheter_truncated.json"), fetch=no_network)


def test_each_invalid_record_is_named() -> None:
    (batch,) = read_source(str(FIXTURES / "enheter_invalid_orgnr.json"), fetch=no_network)
    messages = [str(p) for p in batch.problems]
    assert len(messages) == 2
    assert "record 2 (organisation number 925182029)" in messages[0]
    assert "not a valid organisation number" in messages[0]
    assert "record 3" in messages[1]
    assert "has no navn" in messages[1]


# -- importing ------------------------------------------------------------------------


def test_import_filters_by_current_and_former_municipality_numbers(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    baerum, asker = municipalities
    result = run(BULK, municipalities=[baerum])

    # Rykkinn (3201), Bekkestua (3024), Sandvika and Haslum; not the deleted
    # historielag nor the AS; not Asker, Oslo or Trondheim.
    assert numbers(baerum) == {RYKKINN, BEKKESTUA, SANDVIKA, HASLUM}
    assert numbers(asker) == set()
    assert result.created == 4
    assert result.skipped_other_municipality == 5
    assert result.skipped_not_voluntary == 2
    assert result.records == 11

    run(BULK, municipalities=[asker])
    assert numbers(asker) == {ASKER_TURLAG, HEGGEDAL, VOLLEN}  # Heggedal by 3025


def test_import_for_all_municipalities(municipalities: tuple[Municipality, Municipality]) -> None:
    baerum, asker = municipalities
    result = run(BULK, all_municipalities=True)
    assert result.created == 7
    assert result.skipped_other_municipality == 2
    assert not Organisation.objects.filter(organisation_number__in=[OSLO, TRONDHEIM]).exists()
    assert set(result.municipalities.all()) == {baerum, asker}


def test_imported_fields_and_statuses(municipalities: tuple[Municipality, Municipality]) -> None:
    baerum, asker = municipalities
    result = run(BULK, all_municipalities=True)

    rykkinn = Organisation.objects.get(organisation_number=RYKKINN)
    assert rykkinn.name == "Rykkinn Skolekorps"
    assert rykkinn.municipality == baerum
    assert rykkinn.legal_form == "FLI"
    assert rykkinn.legal_form_name == "Forening/lag/innretning"
    assert rykkinn.street_address == "Rykkinnveien 98"
    assert (rykkinn.postal_code, rykkinn.postal_place) == ("1349", "RYKKINN")
    assert rykkinn.email == "post@rykkinnskolekorps.no"
    assert rykkinn.phone == "+47 67 13 45 80"
    assert rykkinn.founded == datetime.date(1978, 9, 1)
    assert rykkinn.in_frivillighetsregisteret
    assert rykkinn.register_status == RegisterStatus.ACTIVE
    assert rykkinn.register_synced_at is not None
    assert "skolekorps" in rykkinn.search_document.lower()

    status = dict(Organisation.objects.values_list("organisation_number", "register_status"))
    assert status[SANDVIKA] == RegisterStatus.BANKRUPT
    assert status[HASLUM] == RegisterStatus.DISSOLVING
    assert status[VOLLEN] == RegisterStatus.DISSOLVING
    assert (result.marked_bankrupt, result.marked_dissolving) == (1, 2)
    assert Organisation.objects.get(organisation_number=HEGGEDAL).municipality == asker


def test_slettedato_marks_a_known_organisation_deleted(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    baerum, _asker = municipalities
    fornebu = OrganisationFactory.create(
        municipality=baerum, organisation_number=FORNEBU, name="Fornebu historielag"
    )
    result = run(BULK, municipalities=[baerum])
    fornebu.refresh_from_db()
    assert fornebu.register_status == RegisterStatus.DELETED
    assert not fornebu.is_listed
    assert result.marked_deleted == 1


def test_running_twice_changes_nothing(municipalities: tuple[Municipality, Municipality]) -> None:
    first = run(BULK, FRIVILLIG, all_municipalities=True)
    assert first.created == 7
    before = snapshot()
    second = run(BULK, FRIVILLIG, all_municipalities=True)
    assert (second.created, second.updated, second.change_count) == (0, 0, 0)
    assert second.unchanged == 7
    assert (second.marked_bankrupt, second.marked_dissolving, second.marked_deleted) == (0, 0, 0)
    assert snapshot() == before


def test_an_api_page_updates_what_changed(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    run(BULK, all_municipalities=True)
    result = run(PAGE, all_municipalities=True)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert result.changes == [
        {
            "organisation_number": RYKKINN,
            "name": "Rykkinn Skolekorps",
            "field": "phone",
            "old": "+47 67 13 45 80",
            "new": "+47 67 13 45 99",
        }
    ]
    # A page is partial: nothing missing from it is marked deleted.
    assert not Organisation.objects.filter(register_status=RegisterStatus.DELETED).exists()


def test_frivillighetsregisteret_sets_categories(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    result = run(BULK, FRIVILLIG, all_municipalities=True)
    rykkinn = Organisation.objects.get(organisation_number=RYKKINN)
    assert sorted(c.code for c in rykkinn.categories.all()) == ["1.100", "13"]
    turlag = Organisation.objects.get(organisation_number=ASKER_TURLAG)
    assert sorted(c.code for c in turlag.categories.all()) == ["1.300", "12.200", "5.100"]
    # An unknown code becomes a category with the register's name in every language.
    new = IcnpoCategory.objects.get(code="12.200")
    assert (new.name_nb, new.name_nn, new.name_en) == ("Friluftsliv og turlag",) * 3
    assert new.parent is not None
    assert new.parent.code == "12"
    assert "kunst" in rykkinn.search_document.lower()
    # The date it first entered the register (not the latest re-entry).
    assert rykkinn.frivillighetsregisteret_since == datetime.date(2009, 6, 1)
    # Records of organisations the directory does not hold (here, and the
    # Oslo one, filtered out by its address) are skipped.
    assert result.skipped_unknown == 2
    assert not Organisation.objects.filter(organisation_number=NOT_IN_DIRECTORY).exists()


def test_what_the_organisation_edited_is_never_overwritten(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    baerum, _asker = municipalities
    run(BULK, FRIVILLIG, municipalities=[baerum])
    rykkinn = Organisation.objects.get(organisation_number=RYKKINN)
    rykkinn.name = "Rykkinn skolekorps"
    rykkinn.phone = "+47 900 00 000"
    rykkinn.edited_fields = ["name", "phone", "categories"]
    rykkinn.save()
    rykkinn.categories.set(IcnpoCategory.objects.filter(code="1.200"))

    result = run(PAGE, FRIVILLIG, municipalities=[baerum])  # the page has another phone

    rykkinn.refresh_from_db()
    assert rykkinn.name == "Rykkinn skolekorps"
    assert rykkinn.phone == "+47 900 00 000"
    assert [c.code for c in rykkinn.categories.all()] == ["1.200"]
    assert result.kept_edited == 3
    assert result.updated == 0


def test_an_organisation_moves_with_its_address(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    baerum, asker = municipalities
    OrganisationFactory.create(municipality=asker, organisation_number=RYKKINN)
    result = run(BULK, municipalities=[baerum])
    assert Organisation.objects.get(organisation_number=RYKKINN).municipality == baerum
    assert {"field": "municipality", "old": "Asker kommune (3203)"}.items() <= next(
        c for c in result.changes if c["field"] == "municipality"
    ).items()


def test_a_full_import_marks_missing_organisations_deleted(
    municipalities: tuple[Municipality, Municipality], tmp_path: Path
) -> None:
    baerum, _asker = municipalities
    run(BULK, municipalities=[baerum])
    records = json.loads(gzip.decompress(Path(BULK).read_bytes()))
    without_haslum = tmp_path / "enheter_alle.json.gz"
    without_haslum.write_bytes(
        gzip.compress(
            json.dumps([r for r in records if r["organisasjonsnummer"] != HASLUM]).encode()
        )
    )
    never_imported = OrganisationFactory.create(municipality=baerum)  # staff-made, not synced

    partial = run(str(without_haslum), municipalities=[baerum])  # not --full: nothing deleted
    assert partial.marked_deleted == 0
    full = run(str(without_haslum), municipalities=[baerum], full=True)

    assert full.marked_deleted == 1
    assert Organisation.objects.get(organisation_number=HASLUM).register_status == "deleted"
    never_imported.refresh_from_db()
    assert never_imported.register_status == RegisterStatus.ACTIVE


def test_full_is_refused_for_api_pages(municipalities: tuple[Municipality, Municipality]) -> None:
    baerum, _asker = municipalities
    with pytest.raises(RegisterImportError) as error:
        run(PAGE, municipalities=[baerum], full=True)
    assert "is a page of the API, not the bulk file" in error.value.report()
    assert Organisation.objects.count() == 0


def test_dry_run_changes_nothing(municipalities: tuple[Municipality, Municipality]) -> None:
    result = run(BULK, FRIVILLIG, all_municipalities=True, dry_run=True)
    assert result.created == 7
    assert result.pk is None
    assert Organisation.objects.count() == 0
    assert RegisterImport.objects.count() == 0
    assert not IcnpoCategory.objects.filter(code="12.200").exists()


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("enheter_corrupt.json.gz", "the gzip file is truncated or corrupt"),
        ("enheter_truncated.json", "is not valid JSON"),
        ("enheter_invalid_orgnr.json", "925182029 is not a valid organisation number"),
        ("does_not_exist.json", "cannot be read"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(
    municipalities: tuple[Municipality, Municipality], fixture: str, message: str
) -> None:
    baerum, _asker = municipalities
    run(BULK, municipalities=[baerum])
    before = snapshot()
    organisations = Organisation.objects.count()

    # A good source with a bad one: not even the good one is applied.
    with pytest.raises(RegisterImportError) as error:
        run(PAGE, str(FIXTURES / fixture), municipalities=[baerum])

    assert message in error.value.report()
    assert "Nothing was imported" in error.value.report()
    assert Organisation.objects.count() == organisations
    assert snapshot() == before
    failed = RegisterImport.objects.get(status=RegisterImport.Status.FAILED)
    assert failed.errors >= 1
    assert failed.created == failed.updated == 0


def test_the_run_is_recorded(municipalities: tuple[Municipality, Municipality]) -> None:
    baerum, _asker = municipalities
    result = run(BULK, municipalities=[baerum])
    stored = RegisterImport.objects.get()
    assert stored == result
    assert stored.sources == [BULK]
    assert stored.status == RegisterImport.Status.SUCCEEDED
    assert stored.finished_at is not None
    assert stored.finished_at >= stored.started_at
    assert list(stored.municipalities.all()) == [baerum]
    assert stored.change_count == len(stored.changes) == 4
    assert {c["new"] for c in stored.changes} == {"created"}


# -- the command ----------------------------------------------------------------------


def test_the_command_prints_a_summary(municipalities: tuple[Municipality, Municipality]) -> None:
    out = StringIO()
    call_command("import_brreg", BULK, FRIVILLIG, "--municipality", "3024", stdout=out)
    text = out.getvalue()
    assert "Import finished." in text
    assert "Created: 4   updated: 0   unchanged: 0" in text
    assert "Marked bankrupt: 1   being dissolved: 1   deleted: 0" in text
    assert f"{RYKKINN} Rykkinn Skolekorps: created" in text

    out = StringIO()
    call_command("import_brreg", BULK, "--municipality", "baerum", "--dry-run", stdout=out)
    assert "Dry run: nothing was changed." in out.getvalue()
    assert "Created: 0   updated: 0   unchanged: 4" in out.getvalue()


def test_the_command_reports_bad_input(municipalities: tuple[Municipality, Municipality]) -> None:
    with pytest.raises(CommandError, match="not a valid organisation number"):
        call_command(
            "import_brreg", str(FIXTURES / "enheter_invalid_orgnr.json"), "--all", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="No municipality 'narnia'"):
        call_command("import_brreg", BULK, "--municipality", "narnia", stdout=StringIO())
    assert Organisation.objects.count() == 0


def test_the_task_calls_the_same_service(municipalities: tuple[Municipality, Municipality]) -> None:
    from dugnad.directory.tasks import import_brreg

    run_id = import_brreg.delay(sources=[BULK], municipalities=["asker"]).get()
    assert run_id is not None
    assert RegisterImport.objects.get(pk=run_id).created == 3


def test_a_url_source_is_fetched_and_followed_through_its_pages(
    municipalities: tuple[Municipality, Municipality],
) -> None:
    page = json.loads(Path(PAGE).read_text())
    first = {**page, "_links": {"next": {"href": "https://data.brreg.no/x?page=1"}}}
    second = {"_embedded": {"enheter": []}, "page": {"number": 1}}
    fetched: list[str] = []

    def fake_fetch(url: str) -> bytes:
        fetched.append(url)
        return json.dumps(first if url.endswith("page=0") else second).encode()

    result = import_register(
        sources=["https://data.brreg.no/x?page=0"], all_municipalities=True, fetch=fake_fetch
    )
    assert fetched == ["https://data.brreg.no/x?page=0", "https://data.brreg.no/x?page=1"]
    assert result.created == 3


def test_an_unchanged_run_costs_the_same_queries_for_any_number_of_organisations(
    municipalities: tuple[Municipality, Municipality],
    django_assert_max_num_queries: Any,
) -> None:
    run(BULK, FRIVILLIG, all_municipalities=True)
    with django_assert_max_num_queries(12):
        result = run(BULK, FRIVILLIG, all_municipalities=True)
    assert result.unchanged == 7


def test_platform_administrators_read_runs_in_the_admin_site(
    municipalities: tuple[Municipality, Municipality], baerum_client: Client
) -> None:
    baerum, _asker = municipalities
    recorded = run(BULK, municipalities=[baerum])
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    baerum_client.force_login(admin)

    listing = baerum_client.get("/admin/directory/registerimport/")
    detail = baerum_client.get(f"/admin/directory/registerimport/{recorded.pk}/change/")

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert "Rykkinn Skolekorps" in detail.content.decode()
    assert baerum_client.get("/admin/directory/registerimport/add/").status_code == 403


def test_a_listing_longer_than_the_page_limit_is_refused(
    municipalities: tuple[Municipality, Municipality], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dugnad.directory.registers.MAX_PAGES", 2)
    endless = {"_embedded": {"enheter": []}, "_links": {"next": {"href": "https://x.test/n"}}}

    with pytest.raises(RegisterImportError, match="problem"):
        import_register(
            sources=["https://x.test/0"],
            all_municipalities=True,
            fetch=lambda url: json.dumps(endless).encode(),
        )
    assert RegisterImport.objects.get().report == [
        "https://x.test/0: has more than 2 pages; import the bulk file instead "
        "(a partial listing is never applied)."
    ]


# -- the bulk file as a stream ------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1 << 20])
def test_the_bulk_array_streams_across_any_chunk_boundary(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dugnad.directory import registers

    monkeypatch.setattr(registers, "STREAM_CHUNK", chunk)
    items = [
        {"organisasjonsnummer": "925181013", "navn": 'KORPS "NORD", \\ OG ]SØR['},
        12345678901234567890,
        -1.5e3,
        [1, [2, {"a": None}]],
        "ærlig talt",
        True,
        {},
    ]
    text = " \n[\n " + ",\n  ".join(json.dumps(i, ensure_ascii=False) for i in items) + " ]\n"
    streamed = list(registers.iter_json_array(io.StringIO(text), source="bulk.json"))
    assert streamed == items
    assert list(registers.iter_json_array(io.StringIO(" [ ] "), source="empty.json")) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[{"a": 1},\n {"b": 2', "line 2"),
        ('[{"a": 1}\n {"b": 2}]', "line 2"),
        ('{"a": 1}', "line 1, column 1"),
        ('[{"a": 1},', "line 1"),
    ],
)
def test_a_broken_bulk_stream_names_the_place(
    text: str, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dugnad.directory import registers

    monkeypatch.setattr(registers, "STREAM_CHUNK", 3)
    with pytest.raises(RegisterFormatError, match=f"not valid JSON \\({where}"):
        list(registers.iter_json_array(io.StringIO(text), source="bulk.json"))


def test_bulk_files_stream_to_the_same_records_packed_or_not(tmp_path: Path) -> None:
    """The stream (a local array) reads what decoding the whole document reads."""
    packed = Path(BULK)
    plain = tmp_path / "enheter_alle.json"
    plain.write_bytes(gzip.decompress(packed.read_bytes()))
    whole = parse_document(decode(packed.read_bytes(), source=BULK), source=BULK)
    for path in (packed, plain):
        (streamed,) = read_source(str(path), fetch=no_network)
        assert streamed.is_bulk
        assert streamed.kind == "enheter"
        assert streamed.enheter == whole.enheter
        assert [p.message for p in streamed.problems] == [p.message for p in whole.problems]
