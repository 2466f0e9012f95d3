"""The Redis cache backend production uses, against a real Redis on loopback."""

from __future__ import annotations

import os
import socket
from typing import Any

import pytest

from dugnad.cache import RedisCache

REDIS_URL = os.environ.get("DUGNAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def cache() -> RedisCache:
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail("CI starts Redis on 127.0.0.1:6379, but it does not answer")
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "dugnad-test-cache"})
    backend.clear()
    return backend


def test_the_cache_works_as_djangos(cache: RedisCache) -> None:
    cache.set("a", {"b": 1}, 30)
    cache.set("n", 1, 30)
    assert cache.get("a") == {"b": 1}
    assert cache.get_many(["a", "n", "missing"]) == {"a": {"b": 1}, "n": 1}
    assert cache.incr("n") == 2
    cache.delete("a")
    assert cache.get("a") is None


def test_one_client_serves_every_call(cache: RedisCache) -> None:
    backend: Any = cache._cache  # type: ignore[attr-defined]
    client = backend.get_client()
    cache.set("x", 1, 30)
    cache.get("x")
    assert backend.get_client(write=True) is client
    assert backend.get_client() is client
