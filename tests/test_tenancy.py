"""Data of one municipality never shows in another: proven for every model
that belongs to a municipality, at the queryset and at the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.http import Http404
from django.test import Client, RequestFactory
from factory.django import DjangoModelFactory

import tests.factories as factories
from dugnad.municipalities.middleware import resolve_municipality
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.tenancy import MunicipalityOwned, get_scoped_or_404, scoped
from tests.factories import MunicipalityFactory, OrganisationFactory

OWNED_MODELS = sorted(
    (m for m in apps.get_models() if issubclass(m, MunicipalityOwned)),
    key=lambda m: m._meta.label,
)


def _factory_for(model: type[MunicipalityOwned]) -> Any:
    for value in vars(factories).values():
        if (
            isinstance(value, type)
            and issubclass(value, DjangoModelFactory)
            and value._meta.model is model
        ):
            return value
    raise AssertionError(f"{model._meta.label} belongs to a municipality but has no factory")


def test_every_owned_model_is_known() -> None:
    labels = {m._meta.label for m in OWNED_MODELS}
    assert {"municipalities.District", "directory.Organisation", "people.RoleAssignment"} <= labels


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
@pytest.mark.django_db
def test_rows_never_cross_municipalities(model: type[MunicipalityOwned]) -> None:
    baerum = MunicipalityFactory.create(slug="baerum", host="baerum.localhost")
    asker = MunicipalityFactory.create(slug="asker", host="asker.localhost")
    factory = _factory_for(model)
    own = factory(municipality=baerum)
    other = factory(municipality=asker)

    request = RequestFactory().get("/", HTTP_HOST="baerum.localhost")
    request.municipality = resolve_municipality(request.get_host())  # type: ignore[attr-defined]

    assert list(scoped(request, model)) == [own]
    assert get_scoped_or_404(request, model, pk=own.pk) == own
    with pytest.raises(Http404):
        get_scoped_or_404(request, model, pk=other.pk)
    request.municipality = None  # type: ignore[attr-defined]
    assert list(scoped(request, model)) == []


def test_host_chooses_the_municipality(baerum: Municipality, asker: Municipality) -> None:
    assert resolve_municipality("baerum.localhost:8000") == baerum
    assert resolve_municipality("ASKER.localhost") == asker
    assert resolve_municipality("127.0.0.1:8000") is None


@pytest.mark.django_db
def test_single_municipality_needs_no_host_configuration() -> None:
    only = Municipality.objects.create(name="Enkommune", slug="en", number="4601")
    assert resolve_municipality("whatever.example.no") == only
    page = Client().get("/")  # host "testserver", registered nowhere
    assert page.status_code == 200
    assert "Enkommune" in page.content.decode()


def test_unknown_host_shows_the_chooser(baerum: Municipality, asker: Municipality) -> None:
    page = Client(HTTP_HOST="127.0.0.1:8000").get("/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "http://baerum.localhost:8000/" in body
    assert "http://asker.localhost:8000/" in body
    module_page = Client(HTTP_HOST="127.0.0.1:8000").get("/organisasjoner/")
    assert module_page.status_code == 302
    assert module_page["Location"] == "/"


def test_directory_page_shows_only_own_organisations(
    baerum_client: Client, asker_client: Client, baerum: Municipality, asker: Municipality
) -> None:
    OrganisationFactory.create(municipality=baerum, name="Rykkinn skolekorps")
    OrganisationFactory.create(municipality=asker, name="Heggedal idrettslag")
    baerum_page = baerum_client.get("/organisasjoner/").content.decode()
    asker_page = asker_client.get("/organisasjoner/").content.decode()
    assert "Rykkinn skolekorps" in baerum_page
    assert "Heggedal idrettslag" not in baerum_page
    assert "Heggedal idrettslag" in asker_page
    assert "Rykkinn skolekorps" not in asker_page


def test_new_host_is_served_at_once(baerum: Municipality, asker: Municipality) -> None:
    """The host cache is invalidated when hosts change."""
    assert resolve_municipality("frivillig.baerum.no") is None
    baerum.hosts.create(hostname="Frivillig.Baerum.no")
    assert resolve_municipality("frivillig.baerum.no") == baerum
