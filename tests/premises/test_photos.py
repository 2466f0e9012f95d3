"""Photos and access information of a building, kept by its booking managers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from dugnad.municipalities.models import Municipality
from dugnad.premises.models import Building, BuildingPhoto
from tests.factories import BuildingFactory, UserFactory
from tests.premises.test_services import manager_of
from tests.premises.test_views import logged_in


def png(name: str = "hall.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def building(baerum: Municipality, settings: pytest.FixtureRequest, tmp_path: Path) -> Building:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return BuildingFactory.create(municipality=baerum, name="Presterud gård")


def test_manager_adds_and_removes_photos_and_edits_information(building: Building) -> None:
    client = logged_in(manager_of(building))
    url = reverse("premises:building-edit", args=[building.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "info",
            "access_information": "Nøkkel i postkassen",
            "universal_design": "Trinnfri adkomst",
        },
    )
    assert response.status_code == 302
    response = client.post(url, {"action": "photo", "image": png(), "alt_text": "Låven om våren"})
    assert response.status_code == 302
    photo = BuildingPhoto.objects.get()
    page = Client(HTTP_HOST="baerum.localhost").get(
        reverse("premises:building", args=[building.pk])
    )
    content = page.content.decode()
    assert 'alt="Låven om våren"' in content
    assert "Nøkkel i postkassen" in content
    assert Path(photo.image.path).exists()
    client.post(url, {"action": "remove", "photo": str(photo.pk)})
    assert not BuildingPhoto.objects.exists()
    assert not Path(photo.image.path).exists()


def test_photos_are_checked_for_type_size_and_description(
    building: Building, settings: pytest.FixtureRequest
) -> None:
    client = logged_in(manager_of(building))
    url = reverse("premises:building-edit", args=[building.pk])
    not_image = SimpleUploadedFile("hall.png", b"<script>", content_type="image/png")
    response = client.post(url, {"action": "photo", "image": not_image, "alt_text": "Hallen"})
    assert response.status_code == 200
    svg = SimpleUploadedFile("hall.svg", b"<svg/>", content_type="image/svg+xml")
    assert client.post(url, {"action": "photo", "image": svg, "alt_text": "x"}).status_code == 200
    assert client.post(url, {"action": "photo", "image": png(), "alt_text": ""}).status_code == 200
    settings.DUGNAD_MAX_UPLOAD_BYTES = 10  # type: ignore[attr-defined]
    response = client.post(url, {"action": "photo", "image": png(), "alt_text": "Hallen"})
    assert response.status_code == 200
    assert not BuildingPhoto.objects.exists()


def test_others_cannot_edit_a_building(building: Building) -> None:
    url = reverse("premises:building-edit", args=[building.pk])
    assert logged_in(UserFactory.create()).get(url).status_code == 403
    other = BuildingFactory.create(municipality=building.municipality)
    assert logged_in(manager_of(other)).get(url).status_code == 403
