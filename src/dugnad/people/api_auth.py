"""Permission checks for API operations, through the same rules as the views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError

from dugnad.people import rules

F = TypeVar("F", bound=Callable[..., Any])


def api_requires(rule_name: str) -> Callable[[F], F]:
    """401 for anonymous callers without the right, 403 for others."""

    def decorate(operation: F) -> F:
        @wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            municipality = getattr(request, "municipality", None)
            if not rules.allows(rule_name, request.user, municipality):
                if not rules.is_authenticated(request.user):
                    raise AuthenticationError
                raise HttpError(403, "Forbidden")
            return operation(request, *args, **kwargs)

        wrapper.dugnad_rule = rule_name  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
