from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from dugnad import sms
from dugnad.municipalities.models import Municipality
from tests.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Rate limits and host resolutions live in the cache: start each test clean."""
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_sms_outbox() -> None:
    """Like Django's mail outbox: each test starts with no text messages sent."""
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Code called directly (services, validators) speaks the source language, English,
    so tests can match its messages; each request still activates the person's
    language (LanguageMiddleware), and no test inherits another test's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def baerum(db: None) -> Municipality:
    return MunicipalityFactory.create(
        slug="baerum", name="Bærum kommune", number="3201", host="baerum.localhost"
    )


@pytest.fixture
def asker(db: None) -> Municipality:
    return MunicipalityFactory.create(
        slug="asker", name="Asker kommune", number="3203", host="asker.localhost"
    )


@pytest.fixture
def baerum_client(baerum: Municipality) -> Client:
    return Client(HTTP_HOST="baerum.localhost")


@pytest.fixture
def asker_client(asker: Municipality) -> Client:
    return Client(HTTP_HOST="asker.localhost")
