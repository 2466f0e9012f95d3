"""Whole-page cache for what anonymous visitors see.

Most traffic to a municipality's public pages is anonymous, and those pages are
the same for everyone in one municipality and language. A view decorated with
:func:`public_page` is rendered once per (municipality, language, path and
query) and served from the cache (Redis in production) until the
municipality's content changes, so a page costs about as much as a trivial
view.

Forms still work: templates write the CSRF field with ``{% csrf_input %}``,
which renders a placeholder while a cacheable page is rendered; each response
gets the visitor's own token in its place. A page that used Django's own
``{% csrf_token %}``, set a cookie, showed a message or was not a plain 200 is
never stored. Logged-in people always get a freshly rendered page.

Freshness: saving or deleting any record of a municipality (any
``MunicipalityOwned`` model, or the municipality itself) bumps the
municipality's content version (see ``signals.py``); code that writes with
``QuerySet.update()`` or ``bulk_create()`` must call
:func:`bump_content_version` itself. Entries also expire after
``DUGNAD_PAGE_CACHE_SECONDS``, and ``DUGNAD_RELEASE`` (set it to the deployed
version) keeps pages of an older release from being served by a newer one.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__dugnad_csrf_placeholder__"
_RENDERING_FLAG = "_dugnad_rendering_for_cache"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def _version_key(municipality_id: int) -> str:
    return f"pages:{municipality_id}:version"


def _fresh_version() -> int:
    # Not 0 or 1: if the cache loses the version (cleared, or evicted under
    # memory pressure) while older entries survive, a restarted counter would
    # make them current again. A new starting point never repeats an old one.
    return time.time_ns() // 1000


def content_version(municipality_id: int) -> int:
    """The municipality's content version: anything derived from its records
    and stored with this number is current while the number stays the same."""
    key = _version_key(municipality_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_version(), None)
        version = cache.get(key)
    return int(version) if version is not None else _fresh_version()


def bump_content_version(municipality_id: int) -> None:
    """Make every cached page (and directory index) of the municipality stale."""
    key = _version_key(municipality_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, _fresh_version(), None)


def content_changed(municipality_id: int) -> None:
    """Bump the version now and again when the transaction commits.

    Now, so that later reads in the same transaction (and tests, which never
    commit) see the change; on commit, because a request in another
    transaction may have rendered the old content under the first new version
    in between.
    """
    bump_content_version(municipality_id)
    if transaction.get_autocommit():
        return
    # One bump on commit per municipality and transaction, however many rows
    # changed (an import touches thousands). Django drops the callbacks of a
    # savepoint that rolls back, so a queued one is always still to run.
    queued = transaction.get_connection().run_on_commit
    if any(getattr(func, "bumps_municipality", None) == municipality_id for _, func, _ in queued):
        return

    def bump() -> None:
        bump_content_version(municipality_id)

    bump.bumps_municipality = municipality_id  # type: ignore[attr-defined]
    transaction.on_commit(bump)


def rendering_for_cache(request: HttpRequest | None) -> bool:
    return bool(request is not None and getattr(request, _RENDERING_FLAG, False))


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "municipality", None) is None:
        return False
    if request.user.is_authenticated:
        return False
    if len(request.get_full_path()) > 500:
        return False
    # A page that would show a message (e.g. "you have logged out") is personal.
    return len(get_messages(request)) == 0


def _page_key(request: HttpRequest) -> str:
    municipality = request.municipality  # type: ignore[attr-defined]
    # An htmx request gets a fragment of the page, not the page.
    variant = "fragment" if request.headers.get("HX-Request") == "true" else "page"
    digest = hashlib.sha256(f"{variant}:{request.get_full_path()}".encode()).hexdigest()[:32]
    return f"pages:{municipality.pk}:{settings.DUGNAD_RELEASE}:{get_language()}:{digest}"


def _with_token(content: bytes, request: HttpRequest) -> bytes:
    if CSRF_PLACEHOLDER.encode() not in content:
        return content
    return content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def public_page(view: View) -> View:
    """Serve the view's page from the cache to anonymous visitors."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        municipality_id = request.municipality.pk  # type: ignore[attr-defined]
        version_key, page_key = _version_key(municipality_id), _page_key(request)
        found = cache.get_many([version_key, page_key])
        version = found.get(version_key)
        if version is None:
            version = content_version(municipality_id)
        entry = found.get(page_key)
        if entry is not None and entry[0] == version:
            _, content, content_type = entry
            hit = HttpResponse(_with_token(content, request), content_type=content_type)
            patch_vary_headers(hit, ("HX-Request",))
            return hit

        token_used_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        setattr(request, _RENDERING_FLAG, True)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            setattr(request, _RENDERING_FLAG, False)
        token_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) and not token_used_before
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not token_used
        ):
            cache.set(
                page_key,
                (version, response.content, response["Content-Type"]),
                settings.DUGNAD_PAGE_CACHE_SECONDS,
            )
        if not response.streaming:
            response.content = _with_token(response.content, request)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return wrapper  # type: ignore[return-value]
