"""Municipal buildings and meeting places (booking grows in its own issue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned, MunicipalityQuerySet


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


class Space(MunicipalityOwned):
    """A room or area of a building that can be lent out.

    Areas nest: a whole sports hall (``parent`` empty) contains its halves,
    which may contain thirds. Only *leaf* spaces (those without parts) are
    ever occupied: booking a whole hall occupies every one of its leaves, so
    a booking of the whole and of a part can never both be confirmed.
    """

    class Kind(models.TextChoices):
        MEETING_ROOM = "meeting_room", _("Meeting room")
        HALL = "hall", _("Hall")
        HALL_PART = "hall_part", _("Part of a hall")
        GYM = "gym", _("Gym")
        STAGE = "stage", _("Stage")
        KITCHEN = "kitchen", _("Kitchen")
        OTHER = "other", _("Other")

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("building")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    facilities = models.TextField(_("facilities and equipment"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    bookable = models.BooleanField(_("can be booked"), default=True)
    needs_approval = models.BooleanField(
        _("needs approval"),
        default=False,
        help_text=_("Requests are confirmed by the building's booking manager."),
    )

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["building", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="space_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.building.name}: {self.name}"

    def leaf_ids(self) -> list[int]:
        """The leaf spaces a booking of this space occupies (itself if it has no parts)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Space.objects.filter(building_id=self.building_id).values_list(
            "pk", "parent_id"
        ):
            children.setdefault(parent_id, []).append(pk)
        leaves: list[int] = []
        stack = [self.pk]
        while stack:
            pk = stack.pop()
            if pk in children:
                stack.extend(children[pk])
            else:
                leaves.append(pk)
        return sorted(leaves)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class BookingQuerySet(MunicipalityQuerySet):
    def active(self) -> BookingQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)


class Booking(MunicipalityOwned):
    """One booking of a space for ``[start, end)`` (UTC), by a person, perhaps
    on behalf of an organisation."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("space")
    )
    person = models.ForeignKey(
        "people.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("booked by")
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
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    price_ore = models.PositiveIntegerField(_("price (øre)"), default=0)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()  # type: ignore[misc]  # narrower manager

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.start:%Y-%m-%d %H:%M}"


class BookingSlot(MunicipalityOwned):
    """One leaf space a booking occupies, with the booking's time and status
    copied so the database can forbid overlaps (an exclusion constraint on
    PostgreSQL, see migration 0003)."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="slots", verbose_name=_("booking")
    )
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="slots", verbose_name=_("space")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=16, choices=BookingStatus.choices)

    class Meta:
        verbose_name = _("booking slot")
        verbose_name_plural = _("booking slots")
        indexes = [models.Index(fields=["space", "start"], name="slot_space_start")]
        constraints = [
            models.UniqueConstraint(fields=["booking", "space"], name="slot_unique_space"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="slot_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space_id} {self.start:%Y-%m-%d %H:%M}"


# Season allocation and waiting lists live in their own module.
from dugnad.premises.season_models import (  # noqa: E402, F401 (registers the models)
    AllocatedSlot,
    AllocationAdjustment,
    PriorityCriterion,
    SeasonApplication,
    SeasonBooking,
    SeasonRound,
    SeasonWish,
    WaitlistEntry,
)
