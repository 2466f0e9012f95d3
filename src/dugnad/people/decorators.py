"""Declare who may use a view; the permission layer decides."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect

from dugnad.people import rules
from dugnad.people.models import User

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(
    rule_name: str, obj: Callable[..., Any] | None = None, *, tenant: bool = True
) -> Callable[[View], View]:
    """Let the view run only if ``rule_name`` allows the person.

    Anonymous people are sent to log in; logged-in people without the right
    get 403. ``obj`` (optional) loads the object the rule is about from the
    view's arguments. A view with ``tenant=True`` (the default) belongs to a
    municipality: on a host that serves none, it sends the person to the
    municipality chooser on the home page. The rule name is kept on the view as ``dugnad_rule`` for
    the permission matrix test.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            municipality = getattr(request, "municipality", None)
            if tenant and municipality is None:
                return redirect("home")
            target = obj(request, *args, **kwargs) if obj else None
            if not rules.allows(rule_name, request.user, municipality, target):
                if not rules.is_authenticated(request.user):
                    if request.headers.get("HX-Request") == "true":
                        return _log_in_first(request)
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.dugnad_rule = rule_name  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _log_in_first(request: HttpRequest) -> HttpResponse:
    """Log in, for a request htmx made (a session that ran out on an open
    page): htmx would follow a redirect itself and put the log-in page where
    the fragment goes, so it is told to load the log-in page instead, which
    leads back to the page the person was on."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    back = current.path + (f"?{current.query}" if current.query else "")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    response = HttpResponse()
    response["HX-Redirect"] = redirect_to_login(back)["Location"]
    return response


def person_of(request: HttpRequest) -> User:
    """The logged-in person, in a view whose rule requires one."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (the view's rule requires a person)
    return user
