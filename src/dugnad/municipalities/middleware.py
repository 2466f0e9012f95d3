"""Resolve the request's municipality from its host, and its language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from dugnad.municipalities.models import Municipality, MunicipalityHost, normalise_host

_CACHE_VERSION_KEY = "tenancy:version"
_MISSING = "none"


def _cache_version() -> int:
    version = cache.get(_CACHE_VERSION_KEY)
    if version is None:
        version = 1
        cache.set(_CACHE_VERSION_KEY, version, None)
    return int(version)


def clear_tenant_cache() -> None:
    """Forget every cached host resolution (after a municipality or host changes)."""
    try:
        cache.incr(_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(_CACHE_VERSION_KEY, 2, None)


def resolve_municipality(host: str) -> Municipality | None:
    """The municipality served on ``host``.

    A host registered to a municipality wins; otherwise an installation with a
    single municipality serves it on every host, so a one-municipality set-up
    needs no host configuration. Cached for DUGNAD_TENANT_CACHE_SECONDS.
    """
    hostname = normalise_host(host)
    key = f"tenancy:{_cache_version()}:host:{hostname}"
    cached = cache.get(key)
    if cached == _MISSING:
        return None
    if isinstance(cached, Municipality):
        return cached
    match = (
        MunicipalityHost.objects.select_related("municipality").filter(hostname=hostname).first()
    )
    municipality: Municipality | None = match.municipality if match else None
    if municipality is None:
        only_two = list(Municipality.objects.all()[:2])
        if len(only_two) == 1:
            municipality = only_two[0]
    cache.set(key, municipality or _MISSING, settings.DUGNAD_TENANT_CACHE_SECONDS)
    return municipality


class MunicipalityMiddleware:
    """Sets ``request.municipality`` once per request, from the host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.municipality = resolve_municipality(request.get_host())  # type: ignore[attr-defined]
        return self.get_response(request)


class LanguageMiddleware:
    """Bokmål first: the person's choice (cookie) if the municipality offers it,
    else the municipality's default language. The browser's Accept-Language is
    deliberately not used, so a Norwegian service opens in Norwegian.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        municipality: Municipality | None = getattr(request, "municipality", None)
        offered = municipality.languages if municipality else [c for c, _ in settings.LANGUAGES]
        default = municipality.default_language if municipality else settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language: str = chosen if chosen and chosen in offered else default
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
