"""The organisation directory: voluntary organisations, their activities and
categories, umbrella councils, claims.

Organisations are national records (one per organisation number); each has a
home municipality and may be active in more municipalities. A municipality's
directory shows the organisations at home or active there.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.directory.icnpo import sort_key
from dugnad.directory.validators import validate_organisation_number
from dugnad.municipalities.tenancy import MunicipalityOwned, MunicipalityQuerySet
from dugnad.municipalities.validators import validate_upload_size


class IcnpoCategory(models.Model):
    """An activity category of the national Frivillighetsregisteret (ICNPO-based:
    the 12 international main groups plus Norway's 13 and 14), main group or
    subgroup. National data, the same for every municipality."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subgroups",
        verbose_name=_("main group"),
    )
    name_nb = models.CharField(_("name (bokmål)"), max_length=150)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    sort_key = models.CharField(max_length=20, editable=False, db_index=True)

    class Meta:
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The name in the active language."""
        from django.utils.translation import get_language

        language = (get_language() or "nb")[:2]
        return {"nn": self.name_nn, "en": self.name_en}.get(language, self.name_nb)

    @property
    def is_main_group(self) -> bool:
        return self.parent_id is None


class TargetGroup(models.TextChoices):
    """Who an organisation's activities are for (målgruppe)."""

    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")
    FAMILIES = "families", _("Families")
    NEWCOMERS = "newcomers", _("Newcomers")
    DISABILITIES = "disabilities", _("People with disabilities")


class OrganisationKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    UMBRELLA = "umbrella", _("Umbrella council")
    VOLUNTEER_COUNCIL = "volunteer_council", _("Volunteer council (frivillighetsråd)")


class RegisterStatus(models.TextChoices):
    """What the Brønnøysund registers say about the legal entity."""

    ACTIVE = "active", _("Active")
    DISSOLVING = "dissolving", _("Being dissolved")
    BANKRUPT = "bankrupt", _("Bankrupt")
    DELETED = "deleted", _("Deleted from the register")


class OrganisationQuerySet(MunicipalityQuerySet):
    def in_municipality(self, municipality: Any) -> Self:
        """At home in the municipality or active there."""
        if municipality is None:
            return self.none()
        # One subquery of ids (at home UNION ALL active here), not a join: no
        # duplicate rows, so no DISTINCT over every column; and not an OR of
        # two conditions, which PostgreSQL can only test row by row over the
        # whole country (a sequential scan of every organisation).
        at_home = Organisation.objects.filter(municipality=municipality).order_by().values("pk")
        active_here = Organisation.active_in.through.objects.filter(municipality=municipality)
        return self.filter(pk__in=at_home.union(active_here.values("organisation_id"), all=True))

    def listed(self) -> Self:
        """What residents see: not hidden by staff, not deleted from the register."""
        return self.filter(is_hidden=False).exclude(register_status=RegisterStatus.DELETED)


class Organisation(MunicipalityOwned):
    """A voluntary organisation (frivillig organisasjon, lag eller forening).

    ``municipality`` is its home municipality; ``active_in`` adds the others.
    Fields listed in ``edited_fields`` were changed by the organisation itself
    and are never overwritten by the register import.
    """

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ORGANISATION,
    )
    legal_form = models.CharField(
        _("legal form"), max_length=10, blank=True, help_text=_("E.g. FLI for an association.")
    )
    legal_form_name = models.CharField(_("legal form (name)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    purpose = models.TextField(
        _("purpose (from the register)"), blank=True, help_text=_("Vedtektsfestet formål.")
    )
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("main district"),
    )
    districts = models.ManyToManyField(
        "municipalities.District",
        blank=True,
        related_name="organisations",
        verbose_name=_("districts"),
    )
    active_in = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("also active in"),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    social_links = models.JSONField(
        _("social media links"), default=list, blank=True, help_text=_("A list of addresses.")
    )
    logo = models.FileField(
        _("logo"),
        upload_to="organisations/logos/",
        blank=True,
        validators=[
            FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"]),
            validate_upload_size,
        ],
    )
    target_groups = models.JSONField(
        _("target groups"), default=list, blank=True, help_text=_("Codes of TargetGroup.")
    )
    languages = models.JSONField(
        _("languages used"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. nb, ar.")
    )
    accessibility = models.TextField(_("universal design and accessibility"), blank=True)
    membership_fee_ore = models.PositiveIntegerField(
        _("membership fee (øre a year)"), null=True, blank=True
    )
    membership_fee_note = models.CharField(
        _("about the membership fee"), max_length=200, blank=True
    )
    categories = models.ManyToManyField(
        IcnpoCategory, blank=True, related_name="organisations", verbose_name=_("categories")
    )
    member_of = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="members",
        limit_choices_to={
            "kind__in": [OrganisationKind.UMBRELLA, OrganisationKind.VOLUNTEER_COUNCIL]
        },
        verbose_name=_("member of (umbrella councils)"),
    )
    national_organisation = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("national organisation"),
        help_text=_("For a local branch: the national organisation it belongs to."),
    )
    # From the registers.
    in_frivillighetsregisteret = models.BooleanField(
        _("registered in Frivillighetsregisteret"), default=False
    )
    frivillighetsregisteret_since = models.DateField(
        _("in Frivillighetsregisteret since"), null=True, blank=True
    )
    register_status = models.CharField(
        _("register status"),
        max_length=20,
        choices=RegisterStatus.choices,
        default=RegisterStatus.ACTIVE,
    )
    founded = models.DateField(_("founded"), null=True, blank=True)
    register_synced_at = models.DateTimeField(
        _("last read from the registers"), null=True, blank=True
    )
    edited_fields = models.JSONField(
        _("fields edited by the organisation"), default=list, blank=True, editable=False
    )
    # Moderation.
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    # Kept current by services.update_search_document: what free-text search
    # reads. PostgreSQL indexes search_document (a generated tsvector column,
    # norwegian configuration); SQLite indexes search_stems in an FTS5 table.
    search_document = models.TextField(editable=False, blank=True)
    search_stems = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()  # type: ignore[misc]  # narrower manager

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="organisation_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="organisation_hidden_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.pk])

    @property
    def is_listed(self) -> bool:
        return not self.is_hidden and self.register_status != RegisterStatus.DELETED

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[code]) for code in self.target_groups if code in labels]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Activity(models.Model):
    """Something an organisation does regularly: when and where (aktivitet)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    schedule = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("E.g. Tuesdays 18–20, August to June.")
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A contact person of an organisation, shown on its page."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class OrganisationClaim(MunicipalityOwned):
    """A person's request to administer an organisation's profile (krav om å
    representere et lag). Decided by a case officer or the umbrella council."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("organisation"),
    )
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_claims",
        verbose_name=_("claimed by"),
    )
    role_in_organisation = models.CharField(
        _("your role in the organisation"), max_length=100, help_text=_("E.g. chair, secretary.")
    )
    message = models.TextField(_("message"), blank=True)
    is_registration = models.BooleanField(
        _("new registration"),
        default=False,
        help_text=_("The organisation was added with this request and is hidden until approved."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation claim")
        verbose_name_plural = _("organisation claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "claimant"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.claimant} → {self.organisation}"


class RegisterImport(models.Model):
    """One run of the register import (``manage.py import_brreg``): what it read,
    for which municipalities, and what it changed.

    Not owned by one municipality: a run may cover many (or all) of them, and
    organisations are national records. Platform administrators read it in the
    admin site.
    """

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed, nothing was changed")

    sources = models.JSONField(_("sources"), default=list)
    format = models.CharField(_("format"), max_length=20, default="auto")
    full = models.BooleanField(
        _("full import"),
        default=False,
        help_text=_("A full bulk file: organisations missing from it are marked deleted."),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("municipalities"),
    )
    all_municipalities = models.BooleanField(_("all municipalities"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUCCEEDED
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    records = models.PositiveIntegerField(_("records read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    marked_bankrupt = models.PositiveIntegerField(_("marked bankrupt"), default=0)
    marked_dissolving = models.PositiveIntegerField(_("marked as being dissolved"), default=0)
    marked_deleted = models.PositiveIntegerField(_("marked deleted"), default=0)
    skipped_other_municipality = models.PositiveIntegerField(
        _("skipped (other municipalities)"), default=0
    )
    skipped_not_voluntary = models.PositiveIntegerField(
        _("skipped (not a voluntary organisation)"), default=0
    )
    skipped_unknown = models.PositiveIntegerField(
        _("skipped (not in the directory)"),
        default=0,
        help_text=_(
            "Frivillighetsregisteret records of organisations the directory does not hold."
        ),
    )
    kept_edited = models.PositiveIntegerField(
        _("values kept (edited by the organisation)"), default=0
    )
    errors = models.PositiveIntegerField(_("errors"), default=0)
    changes = models.JSONField(
        _("changes"),
        default=list,
        blank=True,
        help_text=_("Organisation number, field, old and new value; the first 1,000."),
    )
    change_count = models.PositiveIntegerField(_("number of changes"), default=0)
    report = models.JSONField(
        _("report"), default=list, blank=True, help_text=_("Errors and warnings, one a line.")
    )

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {', '.join(self.sources)}"

    @property
    def changed(self) -> int:
        """Organisations created or updated."""
        return self.created + self.updated
