"""Opening hours, closures, holidays, booking rules, prices, series and the
calendar file in the e-mail."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, User
from dugnad.premises import services
from dugnad.premises.models import (
    Booking,
    BookingSeries,
    BookingStatus,
    Building,
    RenterType,
    Space,
    WhoMayBook,
)
from dugnad.premises.opening import OpeningCalendar
from tests.factories import (
    BuildingFactory,
    ClosureFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SpaceFactory,
    TariffFactory,
    UserFactory,
)
from tests.premises.test_services import manager_of
from tests.premises.test_views import logged_in

OSLO = ZoneInfo("Europe/Oslo")


def next_weekday(weekday: int, weeks: int = 2) -> datetime.date:
    """The ``weekday`` (0 = Monday) at least ``weeks`` weeks from today."""
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=OSLO)


def admin_of(organisation: Organisation) -> User:
    user: User = UserFactory.create()
    RoleAssignmentFactory.create(
        user=user,
        role=Role.ORGANISATION_ADMIN,
        municipality=organisation.municipality,
        scope_type=ContentType.objects.get_for_model(Organisation),
        scope_id=organisation.pk,
    )
    return user


@pytest.fixture
def gym(baerum: Municipality) -> Space:
    """Open Tuesdays 16–22 and Wednesdays 08–22, school hours closed on weekdays."""
    building = BuildingFactory.create(municipality=baerum, name="Levre skole")
    OpeningHoursFactory.create(municipality=baerum, building=building)
    OpeningHoursFactory.create(
        municipality=baerum,
        building=building,
        weekday=2,
        opens=datetime.time(8),
        closes=datetime.time(22),
    )
    ClosureFactory.create(
        municipality=baerum,
        building=building,
        reason="Skoletid",
        first_date=timezone.localdate(),
        last_date=timezone.localdate() + datetime.timedelta(days=400),
        start_time=datetime.time(8),
        end_time=datetime.time(16),
        weekdays_only=True,
    )
    return SpaceFactory.create(municipality=baerum, building=building, name="Gymsalen")


def book(
    space: Space, start: datetime.datetime, end: datetime.datetime, **kwargs: object
) -> Booking:
    actor = kwargs.pop("actor", None) or UserFactory.create()
    return services.request_booking(
        actor=actor,  # type: ignore[arg-type]
        municipality=space.municipality,
        space=space,
        start=start,
        end=end,
        purpose="Trening",
        **kwargs,  # type: ignore[arg-type]
    )


def test_opening_hours_and_school_hours_are_enforced(gym: Space) -> None:
    tuesday = next_weekday(1)
    assert book(gym, local(tuesday, 18), local(tuesday, 20)).status == BookingStatus.CONFIRMED
    with pytest.raises(services.BookingError, match="closed"):
        book(gym, local(tuesday, 21), local(tuesday, 23))  # after closing
    with pytest.raises(services.BookingError, match="closed"):
        book(gym, local(next_weekday(0), 18), local(next_weekday(0), 19))  # no hours on Monday
    wednesday = next_weekday(2)
    with pytest.raises(services.BookingError, match=r"closed then \(Skoletid\)"):
        book(gym, local(wednesday, 10), local(wednesday, 11))
    assert book(gym, local(wednesday, 16), local(wednesday, 17)).status == "confirmed"


def test_public_holidays_close_the_building(baerum: Municipality) -> None:
    building = BuildingFactory.create(municipality=baerum, closed_on_holidays=True)
    space = SpaceFactory.create(municipality=baerum, building=building)
    today = timezone.localdate()
    christmas = datetime.date(today.year, 12, 25)
    if christmas <= today + datetime.timedelta(days=1):
        christmas = datetime.date(today.year + 1, 12, 25)
    with pytest.raises(services.BookingError, match="Christmas Day"):
        book(space, local(christmas, 12), local(christmas, 14))
    calendar = OpeningCalendar(building, christmas, christmas)
    assert calendar.day(space.pk, christmas).open == []


def test_a_closure_of_the_whole_hall_closes_its_parts(baerum: Municipality) -> None:
    building = BuildingFactory.create(municipality=baerum)
    whole = SpaceFactory.create(municipality=baerum, building=building, name="Hallen")
    half = SpaceFactory.create(municipality=baerum, building=building, parent=whole)
    day = next_weekday(3)
    ClosureFactory.create(
        municipality=baerum, building=building, space=whole, first_date=day, last_date=day
    )
    with pytest.raises(services.BookingError, match="Sommerstengt"):
        book(half, local(day, 18), local(day, 19))


def test_length_how_far_ahead_and_who_may_book(baerum: Municipality) -> None:
    building = BuildingFactory.create(
        municipality=baerum, min_minutes=60, max_minutes=120, max_days_ahead=30
    )
    space = SpaceFactory.create(municipality=baerum, building=building)
    day = next_weekday(3)
    with pytest.raises(services.BookingError, match="at least 60 minutes"):
        book(space, local(day, 18), local(day, 18, 30))
    with pytest.raises(services.BookingError, match="at most 120 minutes"):
        book(space, local(day, 18), local(day, 21))
    far = day + datetime.timedelta(days=60)
    with pytest.raises(services.BookingError, match="30 days ahead"):
        book(space, local(far, 18), local(far, 19))
    assert book(space, local(far, 18), local(far, 19), actor=manager_of(building))  # not bound

    space.who_may_book = WhoMayBook.ORGANISATIONS  # the space overrides the building
    space.save()
    with pytest.raises(services.BookingError, match="Only registered organisations"):
        book(space, local(day, 18), local(day, 19))
    organisation = OrganisationFactory.create(municipality=baerum)
    assert book(
        space,
        local(day, 18),
        local(day, 19),
        actor=admin_of(organisation),
        organisation=organisation,
    )
    space.who_may_book = WhoMayBook.STAFF
    space.save()
    with pytest.raises(services.BookingError, match="Only municipal staff"):
        book(space, local(day, 20), local(day, 21))


def test_prices_free_for_voluntary_tariff_otherwise(baerum: Municipality) -> None:
    building = BuildingFactory.create(municipality=baerum)
    space = SpaceFactory.create(municipality=baerum, building=building)
    TariffFactory.create(municipality=baerum, building=building, price_per_hour_ore=20000)
    TariffFactory.create(
        municipality=baerum,
        building=building,
        renter_type=RenterType.COMMERCIAL,
        price_per_hour_ore=80000,
    )
    TariffFactory.create(
        municipality=baerum,
        building=building,
        space=space,
        renter_type=RenterType.PRIVATE,
        price_per_hour_ore=30000,
    )  # the space's own tariff wins
    organisation = OrganisationFactory.create(municipality=baerum)
    admin = admin_of(organisation)
    day = next_weekday(4)
    private = book(space, local(day, 10), local(day, 11, 30))
    assert (private.renter_type, private.price_ore) == (RenterType.PRIVATE, 45000)
    free = book(space, local(day, 12), local(day, 14), actor=admin, organisation=organisation)
    assert (free.renter_type, free.price_ore) == (RenterType.ORGANISATION, 0)
    commercial = book(
        space,
        local(day, 14),
        local(day, 15),
        actor=admin,
        organisation=organisation,
        commercial=True,
    )
    assert (commercial.renter_type, commercial.price_ore) == (RenterType.COMMERCIAL, 80000)
    Building.objects.filter(pk=building.pk).update(free_for_voluntary=False)
    space.refresh_from_db()
    paid = book(space, local(day, 16), local(day, 17), actor=admin, organisation=organisation)
    assert paid.price_ore == 0  # no organisation tariff: nothing to pay
    TariffFactory.create(
        municipality=baerum,
        building=building,
        renter_type=RenterType.ORGANISATION,
        price_per_hour_ore=10000,
    )
    assert (
        book(
            space, local(day, 17), local(day, 18), actor=admin, organisation=organisation
        ).price_ore
        == 10000
    )


def test_cancellation_deadline_binds_the_booker_not_the_manager(baerum: Municipality) -> None:
    building = BuildingFactory.create(municipality=baerum, cancel_hours=48)
    space = SpaceFactory.create(municipality=baerum, building=building)
    person = UserFactory.create()
    soon = local(timezone.localdate() + datetime.timedelta(days=1), 12)  # 12–36 hours ahead
    booking = book(space, soon, soon + datetime.timedelta(hours=1), actor=person)
    with pytest.raises(services.BookingError, match="48 hours before"):
        services.cancel_booking(actor=person, booking=booking)
    services.cancel_booking(actor=manager_of(building), booking=booking)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_series_preview_shows_collisions_and_closed_days(gym: Space) -> None:
    first = next_weekday(1)
    taken_day = first + datetime.timedelta(weeks=2)
    book(gym, local(taken_day, 19), local(taken_day, 21))
    closed_day = first + datetime.timedelta(weeks=4)
    ClosureFactory.create(
        municipality=gym.municipality,
        building=gym.building,
        reason="Høstferie",
        first_date=closed_day,
        last_date=closed_day,
    )
    person = UserFactory.create()
    plan = services.plan_series(
        actor=person,
        space=gym,
        first_date=first,
        last_date=first + datetime.timedelta(weeks=5, days=3),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
    )
    assert [item.date for item in plan] == [first + datetime.timedelta(weeks=w) for w in range(6)]
    problems = {item.date: item.problem for item in plan if item.problem}
    assert problems == {
        taken_day: "Already booked",
        closed_day: "The space is closed then (Høstferie).",
    }


def test_series_is_all_or_nothing_and_mails_one_calendar_file(
    gym: Space, django_capture_on_commit_callbacks
) -> None:
    first = next_weekday(1)
    dates = [first + datetime.timedelta(weeks=w) for w in range(4)]
    book(gym, local(dates[2], 19), local(dates[2], 21))
    person = UserFactory.create()
    mail.outbox.clear()
    with pytest.raises(services.BookingError, match="already booked"):
        services.request_series(
            actor=person,
            municipality=gym.municipality,
            space=gym,
            dates=dates,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            purpose="Innebandy",
        )
    assert not BookingSeries.objects.exists()
    assert not Booking.objects.filter(person=person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        series = services.request_series(
            actor=person,
            municipality=gym.municipality,
            space=gym,
            dates=[dates[0], dates[1], dates[3]],
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            purpose="Innebandy",
        )
    assert series.bookings.filter(status=BookingStatus.CONFIRMED).count() == 3
    assert len(mail.outbox) == 1
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "booking.ics"
    assert "method=REQUEST" in mimetype
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    assert {str(event["UID"]) for event in events} == {
        f"premises-booking-{pk}@dugnad" for pk in series.bookings.values_list("pk", flat=True)
    }

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.cancel_series(actor=person, series=series)
    assert len(cancelled) == 3
    assert not series.bookings.active().exists()
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert calendar["METHOD"] == "CANCEL"
    assert {str(event["SEQUENCE"]) for event in calendar.walk("VEVENT")} == {"1"}


def test_manager_approves_a_requested_series_at_once(
    gym: Space, django_capture_on_commit_callbacks
) -> None:
    Space.objects.filter(pk=gym.pk).update(needs_approval=True)
    gym.refresh_from_db()
    first = next_weekday(1)
    dates = [first + datetime.timedelta(weeks=w) for w in range(3)]
    person = UserFactory.create()
    series = services.request_series(
        actor=person,
        municipality=gym.municipality,
        space=gym,
        dates=dates,
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        purpose="Innebandy",
    )
    assert set(series.bookings.values_list("status", flat=True)) == {BookingStatus.REQUESTED}
    manager = manager_of(gym.building)
    decide = reverse("premises:booking-decide", args=[series.bookings.first().pk])  # type: ignore[union-attr]
    client = logged_in(manager)
    assert "approve_series" in client.get(decide).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide, {"action": "approve_series"})
    assert response.status_code == 302
    assert set(series.bookings.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}
    assert len(mail.outbox) == 1
    assert len(Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")) == 3
    with pytest.raises(services.BookingError, match=r"No dates|Ingen datoer"):
        services.approve_series(actor=manager, series=series)
    with pytest.raises(services.BookingError, match=r"permission|tilgang"):
        services.approve_series(actor=person, series=series)  # (the page left nb active)


def test_school_hours_do_not_close_a_public_holiday_when_the_building_stays_open(
    baerum: Municipality,
) -> None:
    building = BuildingFactory.create(municipality=baerum, closed_on_holidays=False)
    space = SpaceFactory.create(municipality=baerum, building=building)
    today = timezone.localdate()
    may_17 = datetime.date(today.year + 1, 5, 17)
    ClosureFactory.create(
        municipality=baerum,
        building=building,
        reason="Skoletid",
        first_date=today,
        last_date=may_17 + datetime.timedelta(days=30),
        start_time=datetime.time(8),
        end_time=datetime.time(16),
        weekdays_only=True,
    )
    calendar = OpeningCalendar(building, may_17, may_17 + datetime.timedelta(days=7))
    assert calendar.day(space.pk, may_17).open == [(0, 24 * 60)]  # Constitution Day
    school_day = next(
        may_17 + datetime.timedelta(days=n)
        for n in range(1, 8)
        if (may_17 + datetime.timedelta(days=n)).weekday() < 5
        and may_17 + datetime.timedelta(days=n) not in calendar.public_holidays
    )
    assert calendar.day(space.pk, school_day).open == [(0, 8 * 60), (16 * 60, 24 * 60)]


def test_a_managers_change_to_opening_hours_is_seen_by_the_next_booking(
    baerum: Municipality,
) -> None:
    """The building's configuration is kept in memory (``building_config.py``):
    saving opening hours must reach the very next booking request."""
    from dugnad.premises.building_config import config_of

    building = BuildingFactory.create(municipality=baerum, closed_on_holidays=False)
    before = config_of(building.pk)
    assert before.hours == ()
    OpeningHoursFactory.create(
        municipality=baerum,
        building=building,
        weekday=0,
        opens=datetime.time(8),
        closes=datetime.time(16),
    )
    after = config_of(building.pk)
    assert after is not before
    assert [(h.weekday, h.opens, h.closes) for h in after.hours] == [
        (0, datetime.time(8), datetime.time(16))
    ]
    assert config_of(building.pk) is after  # read once per change
