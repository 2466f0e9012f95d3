"""Municipal buildings and meeting places (booking grows in its own issue)."""

from __future__ import annotations

from typing import Any

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned, MunicipalityQuerySet
from dugnad.municipalities.validators import validate_upload_size


class WhoMayBook(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    ORGANISATIONS = "organisations", _("Registered organisations")
    STAFF = "staff", _("Municipal staff only")


class RenterType(models.TextChoices):
    PRIVATE = "private", _("Private person")
    ORGANISATION = "organisation", _("Organisation")
    COMMERCIAL = "commercial", _("Commercial")


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
    access_information = models.TextField(
        _("access information"), blank=True, help_text=_("Keys, entrance, parking.")
    )
    universal_design = models.TextField(
        _("universal design"),
        blank=True,
        help_text=_("Step-free access, accessible toilet, hearing loop."),
    )
    # Booking rules (a space may override each of them).
    who_may_book = models.CharField(
        _("who may book"), max_length=16, choices=WhoMayBook.choices, default=WhoMayBook.EVERYONE
    )
    min_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=600)
    max_days_ahead = models.PositiveIntegerField(_("how many days ahead"), default=365)
    cancel_hours = models.PositiveIntegerField(
        _("cancellation deadline (hours before)"), default=24
    )
    closed_on_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    free_for_voluntary = models.BooleanField(
        _("free for voluntary organisations"),
        default=True,
        help_text=_("Registered voluntary organisations book free for non-commercial activity."),
    )

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
    # Overrides of the building's rules (empty: as the building).
    who_may_book = models.CharField(
        _("who may book"), max_length=16, choices=WhoMayBook.choices, blank=True
    )
    min_minutes = models.PositiveIntegerField(
        _("shortest booking (minutes)"), null=True, blank=True
    )
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), null=True, blank=True)
    max_days_ahead = models.PositiveIntegerField(_("how many days ahead"), null=True, blank=True)
    cancel_hours = models.PositiveIntegerField(
        _("cancellation deadline (hours before)"), null=True, blank=True
    )
    free_for_voluntary = models.BooleanField(
        _("free for voluntary organisations"), null=True, blank=True
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

    def rule(self, name: str) -> Any:
        """The space's own value of a booking rule, else the building's."""
        own = getattr(self, name)
        return getattr(self.building, name) if own in (None, "") else own

    @property
    def effective_rules(self) -> dict[str, Any]:
        """The rules that apply to the space (its own, else the building's), for pages."""
        return {
            "who_may_book": WhoMayBook(self.rule("who_may_book")).label,
            "min_minutes": self.rule("min_minutes"),
            "max_minutes": self.rule("max_minutes"),
            "max_days_ahead": self.rule("max_days_ahead"),
            "cancel_hours": self.rule("cancel_hours"),
        }

    def leaf_ids(self) -> list[int]:
        """The leaf spaces a booking of this space occupies (itself if it has no parts)."""
        from dugnad.premises.building_config import config_of
        from dugnad.premises.opening import leaves_under

        return leaves_under(config_of(self.building_id).parents, self.pk)


class OpeningHours(MunicipalityOwned):
    """An open interval on one weekday. A space with rows of its own uses only
    those; otherwise it uses the building's. No rows at all: open all day."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("building")
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
        verbose_name=_("space"),
        help_text=_("Empty: the whole building."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(MunicipalityOwned):
    """Closed dates or hours: a summer closure, or school hours on school days."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="closures", verbose_name=_("building")
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("space"),
        help_text=_("Empty: the whole building."),
    )
    reason = models.CharField(_("reason"), max_length=150)
    first_date = models.DateField(_("from date"))
    last_date = models.DateField(_("to date"))
    start_time = models.TimeField(_("from time"), null=True, blank=True)
    end_time = models.TimeField(
        _("to time"), null=True, blank=True, help_text=_("Empty times: closed all day.")
    )
    weekdays_only = models.BooleanField(
        _("school days only"),
        default=False,
        help_text=_("Only Monday to Friday, not on public holidays."),
    )

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["first_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_date__gte=models.F("first_date")),
                name="closure_last_after_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.first_date}–{self.last_date}"


class Tariff(MunicipalityOwned):
    """Price per hour for one type of renter in a building (or one space of it)."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="tariffs", verbose_name=_("building")
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tariffs",
        verbose_name=_("space"),
        help_text=_("Empty: every space of the building without a tariff of its own."),
    )
    renter_type = models.CharField(_("renter type"), max_length=16, choices=RenterType.choices)
    price_per_hour_ore = models.PositiveIntegerField(_("price per hour (øre)"))

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=["building", "space", "renter_type"],
                name="tariff_unique_type",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_renter_type_display()}: {self.kroner}"

    @property
    def kroner(self) -> str:
        from dugnad.premises.pricing import format_kroner

        return format_kroner(self.price_per_hour_ore)


class BookingSeries(MunicipalityOwned):
    """A weekly booking through a period: each chosen date is a :class:`Booking`."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="series", verbose_name=_("space")
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
    first_date = models.DateField(_("from date"))
    last_date = models.DateField(_("to date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        ordering = ["first_date"]

    def __str__(self) -> str:
        return f"{self.space_id} {self.first_date}–{self.last_date}"


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
    renter_type = models.CharField(
        _("renter type"), max_length=16, choices=RenterType.choices, default=RenterType.PRIVATE
    )
    commercial = models.BooleanField(_("commercial activity"), default=False)
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("series"),
    )
    sequence = models.PositiveIntegerField(
        _("calendar sequence"), default=0, help_text=_("Raised at each change (RFC 5545).")
    )
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

    @property
    def price_kroner(self) -> str:
        from dugnad.premises.pricing import format_kroner

        return format_kroner(self.price_ore)


class BookingSlot(MunicipalityOwned):
    """One leaf space a booking occupies, with the booking's time and status
    copied so the database can forbid overlaps (an exclusion constraint on
    PostgreSQL, see migration 0003)."""

    # No index of their own: ``slot_unique_space`` (booking, space) and
    # ``slot_space_start`` (space, start) begin with them, and every booking
    # would otherwise keep two more indexes up to date.
    booking = models.ForeignKey(
        Booking,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("booking"),
        db_index=False,
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=_("space"),
        db_index=False,
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


def new_feed_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class CalendarFeed(MunicipalityOwned):
    """A secret address a calendar app subscribes to without logging in: the
    bookings of one person or of one organisation. Resetting the token ends
    every old subscription."""

    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="feed_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["municipality", "person"],
                condition=models.Q(person__isnull=False),
                name="feed_unique_person",
            ),
            models.UniqueConstraint(
                fields=["municipality", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="feed_unique_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"feed {self.person_id or self.organisation_id}"


MAX_PHOTOS = 12


class BuildingPhoto(MunicipalityOwned):
    """A photo of a building, with the text a screen reader reads instead."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="photos", verbose_name=_("building")
    )
    image = models.ImageField(
        _("photo"),
        upload_to="premises/photos/",
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"]), validate_upload_size],
        help_text=_("PNG, JPEG or WebP."),
    )
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for those who cannot see it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.alt_text


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
