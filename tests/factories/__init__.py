"""factory-boy factories for every model; the tenancy test needs one per
municipality-owned model."""

from __future__ import annotations

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from dugnad.directory.models import Organisation, OrganisationClaim
from dugnad.municipalities.demo.foundation import demo_organisation_number
from dugnad.municipalities.models import District, Municipality, MunicipalityHost, Service
from dugnad.people.models import AuditEntry, Role, RoleAssignment, User
from dugnad.premises.models import (
    AllocatedSlot,
    AllocationAdjustment,
    Booking,
    BookingSeries,
    BookingSlot,
    BookingStatus,
    Building,
    BuildingPhoto,
    CalendarFeed,
    Closure,
    OpeningHours,
    PriorityCriterion,
    RenterType,
    SeasonApplication,
    SeasonBooking,
    SeasonRound,
    SeasonWish,
    Space,
    Tariff,
    WaitlistEntry,
)
from dugnad.volunteering.models import (
    Engagement,
    Need,
    NeedStatus,
    PolitiattestCheck,
    Shift,
    ShiftSignup,
)

PASSWORD = "correct-horse-battery"


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"test{n}")
    number = factory.Sequence(lambda n: f"{9000 + n:04d}")

    @factory.post_generation
    def host(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create:
            MunicipalityHost.objects.get_or_create(
                hostname=extracted or f"{self.slug}.localhost",
                defaults={"municipality": self, "is_primary": True},
            )


class DistrictFactory(DjangoModelFactory[District]):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Bydel {n}")
    slug = factory.Sequence(lambda n: f"bydel-{n}")


class ServiceFactory(DjangoModelFactory[Service]):
    class Meta:
        model = Service

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Tjenestested {n}")
    kind = Service.Kind.NURSING_HOME


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Testlaget {n}")
    organisation_number = factory.Sequence(lambda n: demo_organisation_number(5000 + n))


class BuildingFactory(DjangoModelFactory[Building]):
    class Meta:
        model = Building

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Grendehus {n}")
    kind = Building.Kind.MEETING_PLACE
    closed_on_holidays = False  # tests book "next week", whatever day that is


class SpaceFactory(DjangoModelFactory[Space]):
    class Meta:
        model = Space

    municipality = factory.SubFactory(MunicipalityFactory)
    building = factory.SubFactory(
        BuildingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    name = factory.Sequence(lambda n: f"Møterom {n}")
    kind = Space.Kind.MEETING_ROOM
    capacity = 20


def _next_week(hour: int) -> datetime.datetime:
    day = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)
    return day.replace(hour=hour)


class BookingFactory(DjangoModelFactory[Booking]):
    """A confirmed booking next week (its slots are made by ``BookingSlotFactory``
    or by the booking service; this factory alone writes none)."""

    class Meta:
        model = Booking

    municipality = factory.SubFactory(MunicipalityFactory)
    space = factory.SubFactory(SpaceFactory, municipality=factory.SelfAttribute("..municipality"))
    person = factory.SubFactory("tests.factories.UserFactory")
    purpose = "Styremøte"
    start = factory.LazyFunction(lambda: _next_week(17))
    end = factory.LazyFunction(lambda: _next_week(19))
    status = BookingStatus.CONFIRMED


class BookingSlotFactory(DjangoModelFactory[BookingSlot]):
    class Meta:
        model = BookingSlot

    municipality = factory.SubFactory(MunicipalityFactory)
    booking = factory.SubFactory(
        BookingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    space = factory.SelfAttribute("booking.space")
    start = factory.SelfAttribute("booking.start")
    end = factory.SelfAttribute("booking.end")
    status = factory.SelfAttribute("booking.status")


class OpeningHoursFactory(DjangoModelFactory[OpeningHours]):
    """Tuesdays 16–22 in a building."""

    class Meta:
        model = OpeningHours

    municipality = factory.SubFactory(MunicipalityFactory)
    building = factory.SubFactory(
        BuildingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    weekday = 1
    opens = datetime.time(16)
    closes = datetime.time(22)


class ClosureFactory(DjangoModelFactory[Closure]):
    class Meta:
        model = Closure

    municipality = factory.SubFactory(MunicipalityFactory)
    building = factory.SubFactory(
        BuildingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    reason = "Sommerstengt"
    first_date = datetime.date(2026, 6, 22)
    last_date = datetime.date(2026, 8, 9)


class TariffFactory(DjangoModelFactory[Tariff]):
    class Meta:
        model = Tariff

    municipality = factory.SubFactory(MunicipalityFactory)
    building = factory.SubFactory(
        BuildingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    renter_type = RenterType.PRIVATE
    price_per_hour_ore = 25000


class BookingSeriesFactory(DjangoModelFactory[BookingSeries]):
    class Meta:
        model = BookingSeries

    municipality = factory.SubFactory(MunicipalityFactory)
    space = factory.SubFactory(SpaceFactory, municipality=factory.SelfAttribute("..municipality"))
    person = factory.SubFactory("tests.factories.UserFactory")
    purpose = "Trening"
    first_date = factory.LazyFunction(lambda: _next_week(17).date())
    last_date = factory.LazyFunction(lambda: _next_week(17).date() + datetime.timedelta(weeks=4))
    start_time = datetime.time(17)
    end_time = datetime.time(19)


class BuildingPhotoFactory(DjangoModelFactory[BuildingPhoto]):
    class Meta:
        model = BuildingPhoto

    municipality = factory.SubFactory(MunicipalityFactory)
    building = factory.SubFactory(
        BuildingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    image = factory.django.ImageField(filename="bygg.png")
    alt_text = "Inngangspartiet"


class CalendarFeedFactory(DjangoModelFactory[CalendarFeed]):
    class Meta:
        model = CalendarFeed

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory("tests.factories.UserFactory")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            self.save()  # type: ignore[attr-defined]
            if extracted is not False:
                EmailAddress.objects.create(
                    user=self, email=self.email, verified=True, primary=True
                )


class RoleAssignmentFactory(DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.CASE_OFFICER


class AuditEntryFactory(DjangoModelFactory[AuditEntry]):
    class Meta:
        model = AuditEntry

    action = "test.action"


class OrganisationClaimFactory(DjangoModelFactory[OrganisationClaim]):
    class Meta:
        model = OrganisationClaim

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    claimant = factory.SubFactory(UserFactory)
    role_in_organisation = "Leder"


class NeedFactory(DjangoModelFactory[Need]):
    """A published need of a nursing home."""

    class Meta:
        model = Need

    municipality = factory.SubFactory(MunicipalityFactory)
    service = factory.SubFactory(
        ServiceFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Besøksvenn {n}")
    description = "Gå tur og prat med en beboer."
    status = NeedStatus.PUBLISHED


class ShiftFactory(DjangoModelFactory[Shift]):
    class Meta:
        model = Shift

    municipality = factory.SubFactory(MunicipalityFactory)
    need = factory.SubFactory(NeedFactory, municipality=factory.SelfAttribute("..municipality"))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    places = 2


class EngagementFactory(DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    municipality = factory.SubFactory(MunicipalityFactory)
    need = factory.SubFactory(NeedFactory, municipality=factory.SelfAttribute("..municipality"))
    person = factory.SubFactory(UserFactory)


class ShiftSignupFactory(DjangoModelFactory[ShiftSignup]):
    class Meta:
        model = ShiftSignup

    municipality = factory.SubFactory(MunicipalityFactory)
    shift = factory.SubFactory(ShiftFactory, municipality=factory.SelfAttribute("..municipality"))
    person = factory.SubFactory(UserFactory)


class PolitiattestCheckFactory(DjangoModelFactory[PolitiattestCheck]):
    class Meta:
        model = PolitiattestCheck

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory(UserFactory)
    service = factory.SubFactory(
        ServiceFactory, municipality=factory.SelfAttribute("..municipality")
    )
    checked_on = factory.LazyFunction(timezone.localdate)


# --- volunteering: call-outs and programmes ------------------------------------------

from dugnad.volunteering.models import (  # noqa: E402
    Callout,
    CalloutRecipient,
    MentorEvaluation,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorSide,
    Responder,
)


class ResponderFactory(DjangoModelFactory[Responder]):
    """An emergency volunteer who drives and may be e-mailed."""

    class Meta:
        model = Responder

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory(UserFactory)
    skills = factory.LazyFunction(lambda: ["driver"])
    languages = factory.LazyFunction(lambda: ["nb"])
    by_email = True


class CalloutFactory(DjangoModelFactory[Callout]):
    """A draft call-out for drivers."""

    class Meta:
        model = Callout

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Sjåfører til vaksinesenteret {n}")
    message = "Vi trenger sjåfører som kan kjøre eldre til vaksinesenteret."
    place = "Sandvika vaksinesenter"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=8))
    skills = factory.LazyFunction(lambda: ["driver"])


class CalloutRecipientFactory(DjangoModelFactory[CalloutRecipient]):
    class Meta:
        model = CalloutRecipient

    municipality = factory.SubFactory(MunicipalityFactory)
    callout = factory.SubFactory(
        CalloutFactory, municipality=factory.SelfAttribute("..municipality"), status="sent"
    )
    person = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("person.email")
    status = "sent"


class MentorProfileFactory(DjangoModelFactory[MentorProfile]):
    class Meta:
        model = MentorProfile

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory(UserFactory)
    side = MentorSide.MENTOR
    profession = "Sykepleier"
    languages = factory.LazyFunction(lambda: ["nb", "en"])


class MentorPairFactory(DjangoModelFactory[MentorPair]):
    class Meta:
        model = MentorPair

    municipality = factory.SubFactory(MunicipalityFactory)
    mentor = factory.SubFactory(
        MentorProfileFactory, municipality=factory.SelfAttribute("..municipality")
    )
    mentee = factory.SubFactory(
        MentorProfileFactory,
        municipality=factory.SelfAttribute("..municipality"),
        side=MentorSide.MENTEE,
    )
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=183))


class MentorMeetingFactory(DjangoModelFactory[MentorMeeting]):
    class Meta:
        model = MentorMeeting

    municipality = factory.SubFactory(MunicipalityFactory)
    pair = factory.SubFactory(
        MentorPairFactory, municipality=factory.SelfAttribute("..municipality")
    )
    held_on = factory.LazyFunction(timezone.localdate)
    notes = "Gikk gjennom CV og søknad."


class MentorEvaluationFactory(DjangoModelFactory[MentorEvaluation]):
    class Meta:
        model = MentorEvaluation

    municipality = factory.SubFactory(MunicipalityFactory)
    pair = factory.SubFactory(
        MentorPairFactory, municipality=factory.SelfAttribute("..municipality")
    )
    side = MentorSide.MENTOR
    rating = 5
    goals_met = "yes"


class SeasonRoundFactory(DjangoModelFactory[SeasonRound]):
    """An open round for next season, deadline in a month."""

    class Meta:
        model = SeasonRound

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Idrettshaller {n}")
    season_start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    season_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=120))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    created_by = factory.SubFactory(UserFactory)


class PriorityCriterionFactory(DjangoModelFactory[PriorityCriterion]):
    class Meta:
        model = PriorityCriterion

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = PriorityCriterion.Kind.CHILDREN_YOUTH
    position = 1


class SeasonApplicationFactory(DjangoModelFactory[SeasonApplication]):
    class Meta:
        model = SeasonApplication

    municipality = factory.SubFactory(MunicipalityFactory)
    round = factory.SubFactory(
        SeasonRoundFactory, municipality=factory.SelfAttribute("..municipality")
    )
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    person = factory.SubFactory(UserFactory)
    age_group = SeasonApplication.AgeGroup.CHILDREN
    members = 120
    activity = "Håndballtrening"


class SeasonWishFactory(DjangoModelFactory[SeasonWish]):
    class Meta:
        model = SeasonWish

    municipality = factory.SubFactory(MunicipalityFactory)
    application = factory.SubFactory(
        SeasonApplicationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    space = factory.SubFactory(SpaceFactory, municipality=factory.SelfAttribute("..municipality"))
    weekday = 1
    start_time = datetime.time(18)
    end_time = datetime.time(20)
    priority = 1


class AllocatedSlotFactory(DjangoModelFactory[AllocatedSlot]):
    class Meta:
        model = AllocatedSlot

    municipality = factory.SubFactory(MunicipalityFactory)
    wish = factory.SubFactory(
        SeasonWishFactory, municipality=factory.SelfAttribute("..municipality")
    )
    round = factory.SelfAttribute("wish.application.round")
    space = factory.SelfAttribute("wish.space")
    weekday = factory.SelfAttribute("wish.weekday")
    start_time = factory.SelfAttribute("wish.start_time")
    end_time = factory.SelfAttribute("wish.end_time")


class AllocationAdjustmentFactory(DjangoModelFactory[AllocationAdjustment]):
    class Meta:
        model = AllocationAdjustment

    municipality = factory.SubFactory(MunicipalityFactory)
    wish = factory.SubFactory(
        SeasonWishFactory, municipality=factory.SelfAttribute("..municipality")
    )
    round = factory.SelfAttribute("wish.application.round")
    actor = factory.SubFactory(UserFactory)
    action = AllocationAdjustment.Action.REMOVE
    reason = "Hallen stenges for vedlikehold."


class SeasonBookingFactory(DjangoModelFactory[SeasonBooking]):
    class Meta:
        model = SeasonBooking

    municipality = factory.SubFactory(MunicipalityFactory)
    slot = factory.SubFactory(
        AllocatedSlotFactory, municipality=factory.SelfAttribute("..municipality")
    )
    booking = factory.SubFactory(
        BookingFactory,
        municipality=factory.SelfAttribute("..municipality"),
        space=factory.SelfAttribute("..slot.space"),
    )


class WaitlistEntryFactory(DjangoModelFactory[WaitlistEntry]):
    class Meta:
        model = WaitlistEntry

    municipality = factory.SubFactory(MunicipalityFactory)
    space = factory.SubFactory(SpaceFactory, municipality=factory.SelfAttribute("..municipality"))
    person = factory.SubFactory(UserFactory)
    purpose = "Korøving"
    start = factory.LazyFunction(lambda: _next_week(17))
    end = factory.LazyFunction(lambda: _next_week(19))
