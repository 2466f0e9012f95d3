"""Volunteer needs (frivilligoppdrag), their shifts, and who signs up.

A need is posted by exactly one owner: a municipal service (a nursing home, a
volunteer centre) or an organisation. Capacity is held by the services that
take shifts (one locked transaction per sign-up), not by these models.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned, MunicipalityQuerySet


class Suits(models.TextChoices):
    """Who a need suits."""

    SENIORS = "seniors", _("Seniors (Gylden fremtid)")
    STUDENTS = "students", _("Students")
    YOUTH = "youth", _("Youth")
    FAMILIES = "families", _("Families")
    NEWCOMERS = "newcomers", _("Newcomers")


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class NeedQuerySet(MunicipalityQuerySet):
    def published(self) -> Self:
        return self.filter(status=NeedStatus.PUBLISHED)

    def in_district(self, district_id: int | None) -> Self:
        return self if district_id is None else self.filter(district_id=district_id)

    def suiting(self, code: str | None) -> Self:
        """Needs that suit ``code`` (a :class:`Suits` value), on either database."""
        if not code:
            return self
        if connection.vendor == "postgresql":
            return self.filter(suits__contains=[code])
        # SQLite has no JSON containment; codes are plain words, so the quoted
        # code cannot match inside another.
        return self.filter(suits__icontains=f'"{code}"')

    def owned_by(self, owner: models.Model) -> Self:
        from dugnad.municipalities.models import Service

        if isinstance(owner, Service):
            return self.filter(service=owner)
        return self.filter(organisation=owner)


class Need(MunicipalityOwned):
    """A volunteer task (frivilligoppdrag) a service or an organisation needs help with."""

    service = models.ForeignKey(
        "municipalities.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteer_needs",
        verbose_name=_("service"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteer_needs",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what to do"))
    why = models.TextField(_("why it matters"), blank=True)
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_remote = models.BooleanField(_("can be done remotely"), default=False)
    suits = models.JSONField(_("suits"), default=list, blank=True, help_text="Codes of Suits.")
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    requires_driving_licence = models.BooleanField(_("requires a driving licence"), default=False)
    requires_politiattest = models.BooleanField(
        _("requires a police certificate (politiattest)"), default=False
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.DRAFT
    )
    auto_accept = models.BooleanField(_("accept interested people automatically"), default=False)
    interests = models.JSONField(
        _("kind of work"), default=list, blank=True, help_text="Codes of Interest."
    )
    politiattest_renewal_years = models.PositiveSmallIntegerField(
        _("renew the police certificate after (years)"), default=3
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate unanswered interest after (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the municipality's default."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = NeedQuerySet.as_manager()  # type: ignore[misc]  # narrower manager

    class Meta:
        verbose_name = _("volunteer need")
        verbose_name_plural = _("volunteer needs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(service__isnull=False) & Q(organisation__isnull=True))
                | (Q(service__isnull=True) & Q(organisation__isnull=False)),
                name="need_exactly_one_owner",
            )
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="need_status_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:need", args=[self.pk])

    @property
    def owner(self) -> Any:
        """The service or organisation that posted the need."""
        return self.service if self.service_id else self.organisation

    @property
    def suits_labels(self) -> list[str]:
        labels = dict(Suits.choices)
        return [str(labels[code]) for code in self.suits if code in labels]


class Shift(MunicipalityOwned):
    """One time slot of a need, with a number of places. ``[starts_at, ends_at)``."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("need")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="shift_places_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} {self.starts_at:%Y-%m-%d %H:%M}"


class EngagementStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Engagement(MunicipalityOwned):
    """A person's interest in a need, and the coordinator's answer."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("need")
    )
    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="volunteer_engagements",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EngagementStatus.choices,
        default=EngagementStatus.INTERESTED,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    escalated_at = models.DateTimeField(
        _("escalated to the volunteer centre"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "person"], name="engagement_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.need}"


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")


class ShiftSignup(MunicipalityOwned):
    """A person on a shift (or on its waiting list). Cancelling deletes the row."""

    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="signups", verbose_name=_("shift")
    )
    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="shift_signups",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SignupStatus.choices, default=SignupStatus.CONFIRMED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    hours_confirmed_at = models.DateTimeField(_("hours confirmed"), null=True, blank=True)
    hours_confirmed_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hours confirmed by"),
    )

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "person"], name="signup_unique_person"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | (Q(hours__gt=0) & Q(hours__lte=24)),
                name="signup_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.shift}"


class PolitiattestCheck(MunicipalityOwned):
    """That a coordinator saw a valid police certificate (politiattest) for a person.

    Only who, for which owner, checked by whom and when: the certificate itself
    and its content are never stored.
    """

    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="politiattest_checks",
        verbose_name=_("volunteer"),
    )
    service = models.ForeignKey(
        "municipalities.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    checked_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(_("renewal reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("police certificate check")
        verbose_name_plural = _("police certificate checks")
        ordering = ["-checked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(service__isnull=False) & Q(organisation__isnull=True))
                | (Q(service__isnull=True) & Q(organisation__isnull=False)),
                name="politiattest_exactly_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.checked_on}"


# The profile models live in their own module; importing them here registers them.
from dugnad.volunteering.profile_models import (  # noqa: E402, F401
    ContactConsent,
    ContactTopic,
    Interest,
    Language,
    VolunteerProfile,
)
