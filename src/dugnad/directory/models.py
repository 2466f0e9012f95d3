"""Voluntary organisations (the directory grows in its own issue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dugnad.directory.validators import validate_organisation_number
from dugnad.municipalities.tenancy import MunicipalityOwned


class Organisation(MunicipalityOwned):
    """A voluntary organisation (frivillig organisasjon, lag eller forening)."""

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
    )
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organisation_number"],
                condition=~models.Q(organisation_number=""),
                name="organisation_unique_number",
            )
        ]

    def __str__(self) -> str:
        return self.name
