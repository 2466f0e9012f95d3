"""Declare who may use a view; the permission layer decides."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from dugnad.people import rules

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
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.dugnad_rule = rule_name  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
