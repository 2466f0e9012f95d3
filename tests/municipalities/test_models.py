from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings

from dugnad.directory.validators import organisation_number_is_valid
from dugnad.municipalities.models import Municipality, MunicipalityHost, normalise_host
from dugnad.municipalities.validators import validate_upload_size


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#ffffff", "#000000"),
        ("#00497c", "#ffffff"),
        ("#ffd700", "#000000"),
        ("#1e2b3c", "#ffffff"),
    ],
)
def test_brand_text_colour_keeps_contrast(colour: str, text: str) -> None:
    assert Municipality(brand_colour=colour).brand_text_colour == text


def test_all_numbers_include_former_ones() -> None:
    baerum = Municipality(number="3201", former_numbers=["3024", "0219"])
    assert baerum.all_numbers == ["3201", "3024", "0219"]


@pytest.mark.django_db
def test_default_language_must_be_offered() -> None:
    municipality = Municipality(
        name="X", slug="x", number="1234", languages=["nn"], default_language="nb"
    )
    with pytest.raises(ValidationError) as excinfo:
        municipality.full_clean()
    assert "default_language" in excinfo.value.message_dict


@pytest.mark.django_db
def test_unknown_languages_are_refused() -> None:
    municipality = Municipality(name="X", slug="x", number="1234", languages=["de"])
    with pytest.raises(ValidationError) as excinfo:
        municipality.full_clean()
    assert "languages" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Baerum.Localhost:8000", "baerum.localhost"),
        ("asker.no.", "asker.no"),
        ("[::1]:8000", "[::1]"),
    ],
)
def test_host_names_are_normalised(raw: str, clean: str) -> None:
    assert normalise_host(raw) == clean


def test_a_host_serves_one_municipality_only(baerum: Municipality, asker: Municipality) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MunicipalityHost.objects.create(municipality=asker, hostname="BAERUM.localhost")


def test_one_primary_host_per_municipality(baerum: Municipality) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MunicipalityHost.objects.create(municipality=baerum, hostname="x.no", is_primary=True)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("974760673", True),  # Brønnøysundregistrene
        ("974760674", False),
        ("97476067", False),
        ("abcdefghi", False),
    ],
)
def test_organisation_numbers_are_checked_with_mod11(number: str, valid: bool) -> None:
    assert organisation_number_is_valid(number) is valid


@override_settings(DUGNAD_MAX_UPLOAD_BYTES=10)
def test_uploads_over_the_limit_are_refused() -> None:
    validate_upload_size(SimpleUploadedFile("small.png", b"12345"))
    with pytest.raises(ValidationError, match="too large"):
        validate_upload_size(SimpleUploadedFile("big.png", b"x" * 11))
