from __future__ import annotations

import pytest
from django.test import Client

from dugnad.municipalities.models import Municipality
from dugnad.volunteering.models import NeedStatus
from tests.factories import (
    DistrictFactory,
    NeedFactory,
    ShiftFactory,
    ShiftSignupFactory,
)

pytestmark = pytest.mark.django_db


def test_open_needs(baerum: Municipality, baerum_client: Client, django_assert_num_queries) -> None:
    sandvika = DistrictFactory.create(municipality=baerum, name="Sandvika", slug="sandvika")
    need = NeedFactory.create(municipality=baerum, district=sandvika, suits=["seniors"])
    full = ShiftFactory.create(municipality=baerum, need=need, places=1)
    ShiftSignupFactory.create(municipality=baerum, shift=full)
    ShiftFactory.create(municipality=baerum, need=need, places=3)
    remote = NeedFactory.create(municipality=baerum, is_remote=True)
    NeedFactory.create(municipality=baerum, status=NeedStatus.DRAFT)
    NeedFactory.create()  # another municipality
    with django_assert_num_queries(4):
        response = baerum_client.get("/api/v1/volunteering/needs")
    body = response.json()
    assert response.status_code == 200
    assert body["total"] == 2
    assert body["licence"]["id"]
    first = next(r for r in body["results"] if r["id"] == need.pk)
    assert [s["free_places"] for s in first["shifts"]] == [0, 3]
    assert first["district"] == "sandvika"

    def ids(**params: str) -> list[int]:
        body = baerum_client.get("/api/v1/volunteering/needs", params).json()
        return [r["id"] for r in body["results"]]

    assert ids(bydel="sandvika") == [need.pk]
    assert ids(fjern="true") == [remote.pk]
    assert ids(passer="seniors") == [need.pk]
    assert ids(ledig="true") == [need.pk]
    detail = baerum_client.get(f"/api/v1/volunteering/needs/{need.pk}")
    assert detail.json()["title"] == need.title
    assert baerum_client.get("/api/v1/volunteering/needs/999999").status_code == 404


def test_documented(baerum_client: Client) -> None:
    schema = baerum_client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/volunteering/needs"]["get"]
    assert operation["summary"] == "Open volunteer needs"
    assert {p["name"] for p in operation["parameters"]} >= {"bydel", "passer", "ledig"}
