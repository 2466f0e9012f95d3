"""The one place where data is scoped to a municipality (tenant).

Every model owned by a municipality inherits :class:`MunicipalityOwned`. Views
and API endpoints never filter by municipality themselves: they ask
:func:`scoped` (or :func:`get_scoped_or_404`) for the request's queryset, and
the tenancy test proves for every such model that nothing crosses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dugnad.municipalities.models import Municipality


class MunicipalityQuerySet(models.QuerySet[Any]):
    """Reads scoped to one municipality."""

    def in_municipality(self, municipality: Municipality | None) -> Self:
        if municipality is None:
            return self.none()
        return self.filter(municipality=municipality)


class MunicipalityOwned(models.Model):
    """Abstract base for every record that belongs to one municipality."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        abstract = True


M = TypeVar("M", bound=MunicipalityOwned)


def current_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality this request is served in (set by the middleware)."""
    return getattr(request, "municipality", None)


def municipality_or_404(request: HttpRequest) -> Municipality:
    """The request's municipality; a host that serves none answers 404."""
    municipality = current_municipality(request)
    if municipality is None:
        raise Http404
    return municipality


def scoped(request: HttpRequest, model: type[M] | models.QuerySet[M]) -> models.QuerySet[M]:
    """All rows of ``model`` (or of a queryset of it) that belong to the
    request's municipality."""
    queryset = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    assert isinstance(queryset, MunicipalityQuerySet)  # noqa: S101 (tenant models only)
    return queryset.in_municipality(current_municipality(request))


def get_scoped_or_404(
    request: HttpRequest, model: type[M] | models.QuerySet[M], **lookup: Any
) -> M:
    """One row of the request's municipality, or 404 (never another tenant's)."""
    queryset = scoped(request, model)
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
