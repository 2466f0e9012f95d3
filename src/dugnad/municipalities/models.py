"""Municipalities (tenants), their host names, districts and services."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned
from dugnad.municipalities.validators import validate_upload_size

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))
MUNICIPALITY_NUMBER = RegexValidator(r"^\d{4}$", _("A municipality number has four digits."))
UI_LANGUAGES = ("nb", "nn", "en")


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in value if code not in UI_LANGUAGES]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."), params={"codes": ", ".join(unknown)}
        )


def default_languages() -> list[str]:
    return list(UI_LANGUAGES)


class Municipality(models.Model):
    """A municipality (kommune): the tenant every other record belongs to."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), unique=True)
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[MUNICIPALITY_NUMBER],
        help_text=_("The current four-digit number, e.g. 3201 for Bærum."),
    )
    former_numbers = models.JSONField(
        _("former municipality numbers"),
        default=list,
        blank=True,
        help_text=_("Numbers used before a regional reform, e.g. 3024 for Bærum before 2024."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    languages = models.JSONField(
        _("languages"), default=default_languages, validators=[validate_languages]
    )
    default_language = models.CharField(
        _("default language"),
        max_length=2,
        default="nb",
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#1e2b3c", validators=[HEX_COLOUR]
    )
    logo = models.FileField(
        _("logo"),
        upload_to="municipalities/logos/",
        blank=True,
        validators=[
            FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"]),
            validate_upload_size,
        ],
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.languages and self.default_language not in self.languages:
            raise ValidationError(
                {"default_language": _("The default language must be one of the languages.")}
            )
        for number in self.former_numbers or []:
            MUNICIPALITY_NUMBER(str(number))

    @property
    def all_numbers(self) -> list[str]:
        """Current and former municipality numbers, e.g. for register imports."""
        return [self.number, *[str(n) for n in self.former_numbers or []]]

    @property
    def brand_text_colour(self) -> str:
        """Black or white, whichever reads better on the brand colour (WCAG contrast)."""
        red, green, blue = (int(self.brand_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
        contrast_white = 1.05 / (luminance + 0.05)
        contrast_black = (luminance + 0.05) / 0.05
        return "#ffffff" if contrast_white >= contrast_black else "#000000"

    @property
    def primary_host(self) -> str | None:
        host = self.hosts.filter(is_primary=True).first() or self.hosts.first()
        return host.hostname if host else None


HOSTNAME = RegexValidator(
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
    _("Enter a host name such as baerum.example.no, without port or scheme."),
)


class MunicipalityHost(models.Model):
    """A host name that serves one municipality (e.g. ``baerum.localhost``)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("municipality")
    )
    hostname = models.CharField(_("host name"), max_length=253, validators=[HOSTNAME])
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        constraints = [
            models.UniqueConstraint(Lower("hostname"), name="municipality_host_unique_ci"),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(is_primary=True),
                name="municipality_one_primary_host",
            ),
        ]

    def __str__(self) -> str:
        return self.hostname

    def save(self, *args: object, **kwargs: object) -> None:
        self.hostname = normalise_host(self.hostname)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def normalise_host(host: str) -> str:
    """Lower-case host without port or trailing dot."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    host = re.sub(r":\d+$", "", host)
    return host.rstrip(".")


class District(MunicipalityOwned):
    """A district (bydel/område) of a municipality, e.g. Sandvika or Rykkinn."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"))

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="district_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Service(MunicipalityOwned):
    """A municipal service unit (tjenestested), e.g. a nursing home or a volunteer centre.

    Volunteer coordinators hold their role per service.
    """

    class Kind(models.TextChoices):
        VOLUNTEER_CENTRE = "volunteer_centre", _("Volunteer centre (frivilligsentral)")
        NURSING_HOME = "nursing_home", _("Nursing home (bo- og behandlingssenter)")
        HOME_CARE = "home_care", _("Home-based services")
        CULTURE = "culture", _("Culture and leisure")
        SCHOOL = "school", _("School")
        HEALTH = "health", _("Health")
        REFUGEE = "refugee", _("Refugee and integration services")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("municipal service")
        verbose_name_plural = _("municipal services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})


def norwegian_slug(text: str) -> str:
    """A URL slug that keeps Norwegian letters readable: "Østerås" → "osteraas"."""
    return slugify(text.translate(_NORWEGIAN_LETTERS))
