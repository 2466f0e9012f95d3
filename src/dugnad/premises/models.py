"""Municipal buildings and meeting places (booking grows in its own issue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned


class Building(MunicipalityOwned):
    """A building or meeting place the municipality lends out (e.g. Fornebu senter).

    Booking managers hold their role per building.
    """

    class Kind(models.TextChoices):
        MEETING_PLACE = "meeting_place", _("Meeting place")
        SCHOOL = "school", _("School")
        SPORTS_HALL = "sports_hall", _("Sports hall")
        CULTURE_HOUSE = "culture_house", _("Culture house")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="building_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
