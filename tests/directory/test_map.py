from __future__ import annotations

import json
from decimal import Decimal

from django.test import Client, override_settings

from dugnad.municipalities.models import Municipality
from tests.factories import OrganisationFactory


def test_no_map_without_tiles(baerum_client: Client, baerum: Municipality) -> None:
    OrganisationFactory.create(
        municipality=baerum, latitude=Decimal("59.9"), longitude=Decimal("10.5")
    )
    body = baerum_client.get("/organisasjoner/").content.decode()
    assert "results-map" not in body
    assert "leaflet" not in body


@override_settings(DUGNAD_MAP_TILE_URL="https://tiles.example/{z}/{x}/{y}.png")
def test_map_points_are_the_results_with_coordinates(
    baerum_client: Client, baerum: Municipality
) -> None:
    placed = OrganisationFactory.create(
        municipality=baerum, name="Med kart", latitude=Decimal("59.9"), longitude=Decimal("10.5")
    )
    OrganisationFactory.create(municipality=baerum, name="Uten kart")
    body = baerum_client.get("/organisasjoner/").content.decode()
    assert "results-map" in body
    data = body.split('<script id="map-points" type="application/json">')[1].split("</script>")[0]
    points = json.loads(data)
    assert points == [
        {"name": "Med kart", "url": f"/organisasjoner/{placed.pk}/", "lat": 59.9, "lng": 10.5}
    ]
    assert "Uten kart" in body  # the list stays complete
