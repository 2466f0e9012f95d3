"""National scale for the benchmark: generated municipalities and organisations."""

from __future__ import annotations

import time

import pytest

from bench import registry
from dugnad.directory import national
from dugnad.directory.models import Organisation
from dugnad.directory.validators import organisation_number_is_valid
from dugnad.municipalities.models import District, Municipality, MunicipalityHost

pytestmark = pytest.mark.django_db


def test_the_municipalities_are_the_real_biggest_and_generated_ones() -> None:
    specs = national.municipalities()
    assert len(specs) == national.MUNICIPALITY_COUNT
    assert len({s.number for s in specs}) == len(specs)
    assert len({s.name for s in specs}) == len(specs)
    by_number = {s.number: s.name for s in specs}
    assert by_number["0301"] == "Oslo"
    assert by_number["4601"] == "Bergen"
    assert by_number["3201"] == "Bærum"
    assert sum(s.population for s in specs) == pytest.approx(national.POPULATION, rel=0.01)
    assert specs == national.municipalities()  # the same every time


def test_quotas_follow_population_and_add_up() -> None:
    specs = national.municipalities()
    shares = national.quotas(specs, national.NATIONAL_COUNT)
    assert sum(shares) == national.NATIONAL_COUNT
    oslo = shares[[s.number for s in specs].index("0301")]
    assert 9_000 < oslo < 10_000


def test_loading_is_idempotent_and_fast() -> None:
    started = time.perf_counter()
    created = national.load_national(count=500)
    elapsed = time.perf_counter() - started
    assert created == Organisation.objects.count() == 500
    assert Municipality.objects.count() == national.MUNICIPALITY_COUNT
    assert MunicipalityHost.objects.filter(hostname="oslo.localhost").exists()
    assert District.objects.filter(municipality__number="0301", name="Grünerløkka").exists()
    assert elapsed < 30

    assert national.load_national(count=500) == 0
    assert Organisation.objects.count() == 500
    assert Municipality.objects.count() == national.MUNICIPALITY_COUNT


def test_organisations_are_complete_and_valid() -> None:
    national.load_national(count=500)
    numbers = list(Organisation.objects.values_list("organisation_number", flat=True))
    assert all(organisation_number_is_valid(n) for n in numbers)
    oslo = Organisation.objects.filter(municipality__number="0301")
    assert oslo.count() > 50
    sample = oslo.first()
    assert sample is not None
    assert sample.categories.exists()
    assert sample.district is not None
    assert sample.activities.count() == 1
    assert sample.search_stems


def test_the_benchmark_scenario_loads_the_national_register() -> None:
    scenario = registry.get("directory")
    assert scenario.setup is not None
    paths = [t.path for t in scenario.targets]
    assert "/organisasjoner/" in paths
    assert "/organisasjoner/?q=korps&kategori=1&bydel=rykkinn" in paths
