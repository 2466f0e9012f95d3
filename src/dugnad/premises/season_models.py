"""Season allocation (*sesongtildeling*) and waiting lists: the records.

Imported by :mod:`dugnad.premises.models` so Django sees them as premises models.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned

DEFAULT_LEGAL_BASIS = (
    "Tildelingen er gjort etter kommunens retningslinjer for fordeling av tid i kommunale "
    "idrettshaller og lokaler, med prioriteringene som er gjengitt i vedtaket. Vedtaket er et "
    "enkeltvedtak etter forvaltningsloven § 2 første ledd bokstav b. Du kan klage på vedtaket "
    "etter forvaltningsloven §§ 28 og 29. Klagen sendes til kommunen, som forbereder saken for "
    "klageinstansen."
)


class SeasonRound(MunicipalityOwned):
    """An application round for weekly slots in a season, for chosen spaces."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for applications")
        PROPOSED = "proposed", _("Allocation proposed")
        PUBLISHED = "published", _("Published")

    name = models.CharField(_("name"), max_length=150)
    season_start = models.DateField(_("season starts"))
    season_end = models.DateField(_("season ends"))
    deadline = models.DateTimeField(_("application deadline"))
    spaces = models.ManyToManyField(
        "premises.Space", related_name="season_rounds", verbose_name=_("spaces")
    )
    day_start = models.TimeField(_("daily hours from"), default=datetime.time(8))
    day_end = models.TimeField(_("daily hours to"), default=datetime.time(23))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    legal_basis = models.TextField(_("legal basis"), default=DEFAULT_LEGAL_BASIS)
    created_by = models.ForeignKey(
        "people.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The weeks that could not be booked at publication (existing bookings).
    bound_minutes = models.PositiveIntegerField(_("upper bound (minutes)"), default=0)
    publish_conflicts = models.JSONField(_("conflicts at publication"), default=list, blank=True)

    class Meta:
        verbose_name = _("season round")
        verbose_name_plural = _("season rounds")
        ordering = ["-season_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(season_end__gt=models.F("season_start")),
                name="season_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(day_end__gt=models.F("day_start")),
                name="season_day_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PriorityCriterion(MunicipalityOwned):
    """One step of the municipality's ordered priorities for season allocation."""

    class Kind(models.TextChoices):
        CHILDREN_YOUTH = "children_youth", _("Activities for children and youth first")
        MEMBERS = "members", _("More members first")
        FAIR_SHARE = "fair_share", _("Spread hours fairly between applicants")
        OWN_PRIORITY = "own_priority", _("The applicant's own priority of its wishes")

    kind = models.CharField(_("criterion"), max_length=32, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("priority criterion")
        verbose_name_plural = _("priority criteria")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="criterion_unique_kind"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class SeasonApplication(MunicipalityOwned):
    """An organisation's application in a round, with the facts the priorities use."""

    class AgeGroup(models.TextChoices):
        CHILDREN = "children", _("Children (under 13)")
        YOUTH = "youth", _("Youth (13–19)")
        ADULTS = "adults", _("Adults")
        SENIORS = "seniors", _("Seniors")
        MIXED = "mixed", _("All ages")

    round = models.ForeignKey(
        SeasonRound, on_delete=models.CASCADE, related_name="applications", verbose_name=_("round")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "people.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("applied by")
    )
    age_group = models.CharField(_("target age group"), max_length=16, choices=AgeGroup.choices)
    members = models.PositiveIntegerField(_("number of members"))
    activity = models.CharField(_("activity"), max_length=150)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    complaint_deadline = models.DateField(_("complaint deadline"), null=True, blank=True)
    # Wished minutes per week the halls' capacity allows at most (set by the allocation).
    bound_minutes = models.PositiveIntegerField(_("upper bound (minutes)"), default=0)

    class Meta:
        verbose_name = _("season application")
        verbose_name_plural = _("season applications")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="season_application_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.organisation}"

    @property
    def children_youth(self) -> bool:
        return self.age_group in (self.AgeGroup.CHILDREN, self.AgeGroup.YOUTH)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SeasonWish(MunicipalityOwned):
    """A wanted weekly slot: weekday, time, space and acceptable alternatives."""

    application = models.ForeignKey(
        SeasonApplication,
        on_delete=models.CASCADE,
        related_name="wishes",
        verbose_name=_("application"),
    )
    space = models.ForeignKey(
        "premises.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space")
    )
    alternatives = models.ManyToManyField(
        "premises.Space", blank=True, related_name="+", verbose_name=_("acceptable alternatives")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, help_text=_("1 is your most important wish.")
    )
    # Why the wish was refused, empty when granted: ``refusal`` holds what the
    # allocation found (``kind`` and its facts), rendered in each reader's
    # language by :attr:`refusal_text`; ``refusal_reason`` the manager's own
    # words when a wish was refused by hand.
    refusal = models.JSONField(_("refusal"), default=dict, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("season wish")
        verbose_name_plural = _("season wishes")
        ordering = ["application", "priority", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="season_wish_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def hours(self) -> float:
        return _minutes(self.start_time, self.end_time) / 60

    @property
    def refusal_text(self) -> str:
        """Why the wish was refused, in the active language ("" when granted)."""
        kind = (self.refusal or {}).get("kind")
        if kind == "outside_hours":
            return str(
                _("The time is outside the hours this round allocates (%(start)s–%(end)s).")
                % {"start": self.refusal["start"], "end": self.refusal["end"]}
            )
        if kind == "blocked":
            return str(
                _(
                    "Existing bookings already hold this time in most weeks of the season, "
                    "and none of the alternatives you accepted was free."
                )
            )
        if kind == "priority":
            labels = dict(PriorityCriterion.Kind.choices)
            return str(
                _(
                    "The time was given to %(names)s, which came first under the priorities "
                    "(in order: %(criteria)s), and none of the alternatives you accepted was free."
                )
                % {
                    "names": ", ".join(self.refusal["names"]),
                    "criteria": "; ".join(
                        str(labels.get(c, c)).lower() for c in self.refusal["criteria"]
                    ),
                }
            )
        return self.refusal_reason


def _minutes(start: datetime.time, end: datetime.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class AllocatedSlot(MunicipalityOwned):
    """A wish granted in the plan (by the allocation or by hand), possibly moved."""

    round = models.ForeignKey(
        SeasonRound, on_delete=models.CASCADE, related_name="slots", verbose_name=_("round")
    )
    wish = models.OneToOneField(
        SeasonWish, on_delete=models.CASCADE, related_name="slot", verbose_name=_("wish")
    )
    space = models.ForeignKey(
        "premises.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    by_hand = models.BooleanField(_("set by hand"), default=False)

    class Meta:
        verbose_name = _("allocated slot")
        verbose_name_plural = _("allocated slots")
        ordering = ["weekday", "start_time"]

    def __str__(self) -> str:
        return f"{self.space_id} {self.get_weekday_display()} {self.start_time:%H:%M}"

    @property
    def hours(self) -> float:
        return _minutes(self.start_time, self.end_time) / 60


class AllocationAdjustment(MunicipalityOwned):
    """A manager's change to the proposed plan, with the recorded reason."""

    class Action(models.TextChoices):
        MOVE = "move", _("Moved")
        REMOVE = "remove", _("Removed")
        GRANT = "grant", _("Granted")

    round = models.ForeignKey(
        SeasonRound, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("round")
    )
    wish = models.ForeignKey(
        SeasonWish, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("wish")
    )
    actor = models.ForeignKey(
        "people.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.TextField(_("reason"))
    details = models.CharField(_("details"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("allocation adjustment")
        verbose_name_plural = _("allocation adjustments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.wish}"


class SeasonBooking(MunicipalityOwned):
    """Links one weekly booking made at publication to its allocated slot."""

    slot = models.ForeignKey(
        AllocatedSlot, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("slot")
    )
    booking = models.OneToOneField(
        "premises.Booking",
        on_delete=models.CASCADE,
        related_name="season_booking",
        verbose_name=_("booking"),
    )

    class Meta:
        verbose_name = _("season booking")
        verbose_name_plural = _("season bookings")

    def __str__(self) -> str:
        return f"{self.slot_id}: {self.booking_id}"


class WaitlistEntry(MunicipalityOwned):
    """A person waiting for a space at a time that was taken; offered in order
    of joining when an overlapping confirmed booking is cancelled."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered")
        BOOKED = "booked", _("Booked")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    space = models.ForeignKey(
        "premises.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space")
    )
    person = models.ForeignKey(
        "people.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    booking = models.ForeignKey(
        "premises.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booking"),
    )

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="waitlist_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "space"], name="waitlist_status_space")]

    def __str__(self) -> str:
        return f"{self.space_id} {self.start:%Y-%m-%d %H:%M}"
