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


class ShiftQuerySet(MunicipalityQuerySet):
    def with_places(self) -> Self:
        """Annotated with ``taken``, the confirmed sign-ups (a place on the
        waiting list holds no place); :attr:`Shift.free` then answers."""
        return self.annotate(
            taken=models.Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED))
        )


class Shift(MunicipalityOwned):
    """One time slot of a need, with a number of places. ``[starts_at, ends_at)``."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("need")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)

    objects = ShiftQuerySet.as_manager()  # type: ignore[misc]  # narrower manager

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

    @property
    def free(self) -> int:
        """Free places; the shift must come from :meth:`ShiftQuerySet.with_places`."""
        taken: int = self.taken  # type: ignore[attr-defined]
        return max(self.places - taken, 0)


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
    # The coordinator's consent that the person may download the purpose letter for
    # a police certificate (the letter says the owner has offered them the work).
    politiattest_letter_approved_at = models.DateTimeField(
        _("purpose letter approved"), null=True, blank=True
    )
    politiattest_letter_approved_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("purpose letter approved by"),
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


# --- call-outs (beredskapsfrivillighet) and health ambassadors ------------------------


class Skill(models.TextChoices):
    """What an emergency volunteer can help with."""

    DRIVER = "driver", _("Driver")
    HEALTH = "health", _("Health personnel")
    INTERPRETER = "interpreter", _("Interpreter")
    FIRST_AID = "first_aid", _("First aid")
    LOGISTICS = "logistics", _("Logistics and carrying")
    CARE = "care", _("Care and company")
    IT = "it", _("IT and phones")
    COOKING = "cooking", _("Cooking")


class Responder(MunicipalityOwned):
    """A person who may be called out: an emergency volunteer, a health ambassador or both.

    ``districts`` empty means anywhere in the municipality. The person says how
    they may be contacted (``by_email``/``by_sms``); ``consent_at`` is when they
    last said so.
    """

    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="responder_registrations",
        verbose_name=_("person"),
    )
    is_emergency_volunteer = models.BooleanField(_("emergency volunteer"), default=True)
    is_health_ambassador = models.BooleanField(_("health ambassador"), default=False)
    skills = models.JSONField(_("skills"), default=list, blank=True, help_text="Codes of Skill.")
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text="ISO 639-1 codes."
    )
    districts = models.ManyToManyField(
        "municipalities.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    phone = models.CharField(_("mobile number"), max_length=30, blank=True)
    by_email = models.BooleanField(_("may be contacted by e-mail"), default=True)
    by_sms = models.BooleanField(_("may be contacted by SMS"), default=False)
    consent_at = models.DateTimeField(_("contact consent given"), default=timezone.now)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("call-out volunteer")
        verbose_name_plural = _("call-out volunteers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "person"], name="responder_unique_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class CalloutStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CLOSED = "closed", _("Closed")


class Callout(MunicipalityOwned):
    """A call-out to the registered volunteers who match its criteria."""

    title = models.CharField(_("title"), max_length=150)
    message = models.TextField(_("message"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True, help_text="Any of these.")
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text="Any of these."
    )
    districts = models.ManyToManyField(
        "municipalities.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    ambassadors_only = models.BooleanField(_("only health ambassadors"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=CalloutStatus.choices, default=CalloutStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:callout", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (CalloutStatus.SENDING, CalloutStatus.SENT)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class CalloutRecipient(MunicipalityOwned):
    """One person a call-out was sent to, how it went and what they answered."""

    callout = models.ForeignKey(
        Callout, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("call-out")
    )
    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="callout_receipts",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("call-out recipient")
        verbose_name_plural = _("call-out recipients")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["callout", "person"], name="recipient_unique_person")
        ]
        indexes = [
            models.Index(fields=["callout", "status"], name="recipient_status_idx"),
            models.Index(fields=["callout", "answer"], name="recipient_answer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.callout}"


# --- the Mentor programme -------------------------------------------------------------


class MentorSide(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Participant")


class MentorProfile(MunicipalityOwned):
    """One side of the Mentor programme: a mentor with work experience, or a
    newcomer (immigrant or refugee) who wants one."""

    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        verbose_name=_("person"),
    )
    side = models.CharField(_("side"), max_length=8, choices=MentorSide.choices)
    profession = models.CharField(_("profession or field"), max_length=150)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text="ISO 639-1 codes."
    )
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    district = models.ForeignKey(
        "municipalities.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    goals = models.TextField(_("goals"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "person", "side"], name="mentor_profile_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_side_display()})"


class PairStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class MentorPair(MunicipalityOwned):
    """A mentor and a participant, confirmed by a coordinator, for six months."""

    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PairStatus.choices, default=PairStatus.ACTIVE
    )
    reasons = models.JSONField(_("why they were paired"), default=list, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    confirmed_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mentor pair")
        verbose_name_plural = _("mentor pairs")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor"],
                condition=Q(status="active"),
                name="mentor_pair_one_active_mentor",
            ),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status="active"),
                name="mentor_pair_one_active_mentee",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="mentor_pair_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} – {self.mentee.person}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:mentor-pair", args=[self.pk])


class MentorMeeting(MunicipalityOwned):
    """A meeting of a pair: when, and what they did."""

    pair = models.ForeignKey(
        MentorPair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("what was done"))
    logged_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mentor meeting")
        verbose_name_plural = _("mentor meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.pair} {self.held_on}"


class GoalsMet(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class MentorEvaluation(MunicipalityOwned):
    """One side's answers to the end evaluation of a pair."""

    pair = models.ForeignKey(
        MentorPair, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("pair")
    )
    side = models.CharField(_("side"), max_length=8, choices=MentorSide.choices)
    rating = models.PositiveSmallIntegerField(_("how useful was it (1–5)"))
    goals_met = models.CharField(_("were the goals met"), max_length=8, choices=GoalsMet.choices)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("mentor evaluation")
        verbose_name_plural = _("mentor evaluations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "side"], name="mentor_evaluation_unique"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="mentor_evaluation_rating"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pair} ({self.side})"


# The profile models live in their own module; importing them here registers them.
from dugnad.volunteering.profile_models import (  # noqa: E402, F401
    ContactConsent,
    ContactTopic,
    Interest,
    Language,
    VolunteerProfile,
)
