"""Season allocation services: rounds, applications, the proposal with whole/part
conflicts, hand adjustments, publication as bookings, decisions."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import models
from django.utils import timezone, translation

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Municipality
from dugnad.people.models import AuditEntry, Role, User
from dugnad.premises import season, services
from dugnad.premises.models import (
    AllocatedSlot,
    AllocationAdjustment,
    Booking,
    BookingSlot,
    BookingStatus,
    SeasonApplication,
    SeasonBooking,
    SeasonRound,
    Space,
)
from tests.factories import (
    BuildingFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SpaceFactory,
    UserFactory,
)

T = datetime.time
SIX_PM = T(18)
EIGHT_PM = T(20)


def give_role(
    user: User, municipality: Municipality, role: str, scope: models.Model | None = None
) -> User:
    extra = {}
    if scope is not None:
        extra = {
            "scope_type": ContentType.objects.get_for_model(scope),
            "scope_id": scope.pk,
        }
    RoleAssignmentFactory.create(user=user, role=role, municipality=municipality, **extra)
    return user


def closed(season_round: SeasonRound) -> SeasonRound:
    """The round after its deadline: a plan can be proposed only then."""
    season_round.deadline = timezone.now() - datetime.timedelta(minutes=1)
    season_round.save(update_fields=["deadline"])
    return season_round


@pytest.fixture
def hall(baerum: Municipality) -> Space:
    building = BuildingFactory.create(municipality=baerum, name="Nadderud arena")
    whole = SpaceFactory.create(
        municipality=baerum, building=building, name="Hele hallen", kind=Space.Kind.HALL
    )
    for name in ("Halvdel A", "Halvdel B"):
        SpaceFactory.create(
            municipality=baerum,
            building=building,
            parent=whole,
            name=name,
            kind=Space.Kind.HALL_PART,
        )
    return whole


@pytest.fixture
def manager(baerum: Municipality, hall: Space) -> User:
    return give_role(UserFactory.create(), baerum, Role.BOOKING_MANAGER, hall.building)


def halves(hall: Space) -> tuple[Space, Space]:
    a, b = hall.parts.order_by("name")
    return a, b


def org_admin(baerum: Municipality, name: str) -> tuple[User, Organisation]:
    organisation = OrganisationFactory.create(municipality=baerum, name=name)
    user = give_role(UserFactory.create(), baerum, Role.ORGANISATION_ADMIN, organisation)
    return user, organisation


@pytest.fixture
def season_round(baerum: Municipality, hall: Space, manager: User) -> SeasonRound:
    start = timezone.localdate() + datetime.timedelta(days=30)
    return season.open_round(
        actor=manager,
        municipality=baerum,
        name="Idrettshaller 2027–2028",
        season_start=start,
        season_end=start + datetime.timedelta(days=27),  # four weeks
        deadline=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7),
        spaces=[hall, *hall.parts.all()],
    )


def apply(
    season_round: SeasonRound,
    baerum: Municipality,
    name: str,
    space: Space,
    *,
    age_group: str = SeasonApplication.AgeGroup.ADULTS,
    members: int = 50,
    weekday: int = 1,
    start: T = SIX_PM,
    end: T = EIGHT_PM,
    alternatives: tuple[Space, ...] = (),
) -> SeasonApplication:
    user, organisation = org_admin(baerum, name)
    return season.apply(
        actor=user,
        season_round=season_round,
        organisation=organisation,
        age_group=age_group,
        members=members,
        activity="Trening",
        wishes=[season.WishInput(space, weekday, start, end, 1, alternatives)],
    )


def test_only_managers_open_rounds_and_only_administrators_apply(
    baerum: Municipality, hall: Space, season_round: SeasonRound
) -> None:
    with pytest.raises(season.SeasonError):
        season.open_round(
            actor=UserFactory.create(),
            municipality=baerum,
            name="X",
            season_start=datetime.date(2027, 8, 15),
            season_end=datetime.date(2028, 6, 15),
            deadline=datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC),
            spaces=[hall],
        )
    user, _organisation = org_admin(baerum, "Bærum Turn")
    other = OrganisationFactory.create(municipality=baerum)
    with pytest.raises(season.SeasonError, match="administer"):
        season.apply(
            actor=user,
            season_round=season_round,
            organisation=other,
            age_group="children",
            members=10,
            activity="Turn",
            wishes=[season.WishInput(hall, 1, T(18), T(19))],
        )
    outside = SpaceFactory.create(municipality=baerum)
    with pytest.raises(season.SeasonError, match="part of this round"):
        apply(season_round, baerum, "Stabæk Håndball", outside)


def test_application_after_the_deadline_is_refused(
    baerum: Municipality, hall: Space, season_round: SeasonRound
) -> None:
    SeasonRound.objects.filter(pk=season_round.pk).update(
        deadline=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    )
    season_round.refresh_from_db()
    with pytest.raises(season.SeasonError, match="deadline"):
        apply(season_round, baerum, "Bærum Turn", hall)


def test_proposal_honours_whole_and_parts_and_the_priorities(
    baerum: Municipality, hall: Space, manager: User, season_round: SeasonRound
) -> None:
    a, b = halves(hall)
    adults_whole = apply(season_round, baerum, "Bedriftsidretten", hall, members=900)
    kids_a = apply(season_round, baerum, "Stabæk Håndball", a, age_group="children")
    youth_b = apply(
        season_round, baerum, "Bærums Verk IL", b, age_group="youth", start=T(19), end=T(21)
    )
    plan = season.propose(actor=manager, season_round=closed(season_round))
    assert set(plan.granted) == {w.pk for app in (kids_a, youth_b) for w in app.wishes.all()}
    refused = adults_whole.wishes.get()
    assert "Stabæk Håndball" in refused.refusal_text
    assert "Bærums Verk IL" in refused.refusal_text
    # stored as facts, told in each reader's language
    assert refused.refusal["kind"] == "priority"
    with translation.override("nn"):
        assert refused.refusal_text.startswith("Tida vart tildelt Bærums Verk IL")
    with translation.override("en"):
        assert refused.refusal_text.startswith("The time was given to Bærums Verk IL")
    season_round.refresh_from_db()
    assert season_round.status == SeasonRound.Status.PROPOSED
    adults_whole.refresh_from_db()
    assert adults_whole.bound_minutes == 120  # alone, the hall could have held it


def test_the_order_of_priorities_is_data(
    baerum: Municipality, hall: Space, manager: User, season_round: SeasonRound
) -> None:
    big = apply(season_round, baerum, "Bedriftsidretten", hall, members=900)
    kids = apply(season_round, baerum, "Stabæk Håndball", hall, age_group="children", members=20)
    admin = give_role(UserFactory.create(), baerum, Role.MUNICIPAL_ADMIN)
    with pytest.raises(season.SeasonError):
        season.set_criteria(actor=manager, municipality=baerum, kinds=["members"])
    season.set_criteria(actor=admin, municipality=baerum, kinds=["members", "children_youth"])
    assert season.criteria_for(baerum) == ["members", "children_youth"]
    season.propose(actor=manager, season_round=closed(season_round))
    assert AllocatedSlot.objects.get().wish.application == big
    season.set_criteria(actor=admin, municipality=baerum, kinds=["children_youth", "members"])
    season.propose(actor=manager, season_round=closed(season_round))
    assert AllocatedSlot.objects.get().wish.application == kids
    assert AuditEntry.objects.filter(action="premises.season_priorities_changed").count() == 2


def test_adjust_by_hand_with_a_reason_and_no_overlaps_in_the_plan(
    baerum: Municipality, hall: Space, manager: User, season_round: SeasonRound
) -> None:
    a, b = halves(hall)
    first = apply(season_round, baerum, "Stabæk Håndball", hall, age_group="children")
    second = apply(season_round, baerum, "Bærum Turn", a)
    season.propose(actor=manager, season_round=closed(season_round))
    refused = second.wishes.get()
    with pytest.raises(season.SeasonError, match="Stabæk Håndball"):
        season.adjust(actor=manager, wish=refused, action="grant", reason="Viktig")
    with pytest.raises(season.SeasonError, match="reason"):
        season.adjust(actor=manager, wish=refused, action="grant", reason=" ", space=b)
    granted = first.wishes.get()
    season.adjust(actor=manager, wish=granted, action="move", reason="Deler hallen", space=b)
    season.adjust(actor=manager, wish=refused, action="grant", reason="Deler hallen")
    assert {(s.wish_id, s.space_id) for s in AllocatedSlot.objects.all()} == {
        (granted.pk, b.pk),
        (refused.pk, a.pk),
    }
    season.adjust(actor=manager, wish=granted, action="remove", reason="Trakk søknaden")
    granted.refresh_from_db()
    assert granted.refusal_text == "Trakk søknaden"
    assert AllocationAdjustment.objects.count() == 3


def test_proposal_keeps_clear_of_times_existing_bookings_hold_most_weeks(
    baerum: Municipality, hall: Space, manager: User, season_round: SeasonRound
) -> None:
    """Half B has a weekly booking on three of the four Tuesdays 18–20 and half
    A one on a single Tuesday: the whole hall is refused, half A is granted."""
    a, b = halves(hall)
    tuesdays = season.season_dates(season_round, 1)
    services.request_series(
        actor=UserFactory.create(),
        municipality=baerum,
        space=b,
        dates=tuesdays[:3],
        start_time=T(17),
        end_time=T(19),
        purpose="Korps",
    )
    one_off = services.request_booking(
        actor=UserFactory.create(),
        municipality=baerum,
        space=a,
        start=timezone.make_aware(datetime.datetime.combine(tuesdays[0], SIX_PM)),
        end=timezone.make_aware(datetime.datetime.combine(tuesdays[0], EIGHT_PM)),
        purpose="Bursdag",
    )
    whole = apply(season_round, baerum, "Bedriftsidretten", hall, members=900)
    moved = apply(season_round, baerum, "Bærum Turn", b, alternatives=(a,), start=T(16))
    plan = season.propose(actor=manager, season_round=closed(season_round))
    refused = whole.wishes.get()
    assert refused.pk in plan.refused
    assert refused.refusal == {"kind": "blocked"}
    with translation.override("nb"):
        assert refused.refusal_text.startswith("Det finnes allerede bookinger")
    with translation.override("en"):
        assert refused.refusal_text.startswith("Existing bookings already hold")
    assert AllocatedSlot.objects.get().wish == moved.wishes.get()
    assert AllocatedSlot.objects.get().space == a  # the one-off booking does not block
    one_off.refresh_from_db()
    assert one_off.status == BookingStatus.CONFIRMED


def test_publish_books_every_week_skips_taken_weeks_and_sends_decisions(
    baerum: Municipality,
    hall: Space,
    manager: User,
    season_round: SeasonRound,
    django_capture_on_commit_callbacks: object,
) -> None:
    a, _b = halves(hall)
    kids = apply(season_round, baerum, "Stabæk Håndball", a, age_group="children")
    adults = apply(season_round, baerum, "Bedriftsidretten", hall)
    season.propose(actor=manager, season_round=closed(season_round))
    # an existing booking of the whole hall in the second week
    second_tuesday = season.season_dates(season_round, 1)[1]
    zone = datetime.timezone(datetime.timedelta(hours=0))
    existing = services.request_booking(
        actor=UserFactory.create(),
        municipality=baerum,
        space=hall,
        start=datetime.datetime.combine(second_tuesday, T(17), tzinfo=zone),
        end=datetime.datetime.combine(second_tuesday, T(22), tzinfo=zone),
        purpose="Kamp",
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        conflicts = season.publish(actor=manager, season_round=season_round)
    weeks = len(season.season_dates(season_round, 1))
    assert weeks == 4
    assert len(conflicts) == 1
    assert conflicts[0]["date"] == second_tuesday.isoformat()
    made = Booking.objects.exclude(pk=existing.pk)
    assert made.count() == weeks - 1
    assert all(b.status == BookingStatus.CONFIRMED for b in made)
    assert all(b.organisation.name == "Stabæk Håndball" for b in made)
    assert SeasonBooking.objects.count() == weeks - 1
    assert BookingSlot.objects.filter(booking__in=made, space=a).count() == weeks - 1
    # the granted slot is one weekly series, like any weekly booking
    (series,) = {b.series for b in made}
    assert series is not None
    assert (series.space, series.first_date) == (a, min(season.season_dates(season_round, 1)))
    kids.refresh_from_db()
    # The deadline counts from the Norwegian calendar day of the decision, not UTC's.
    decided_day = timezone.localdate(kids.decided_at)
    assert kids.complaint_deadline == decided_day + datetime.timedelta(days=21)
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == [adults.person.email])
    assert "Bedriftsidretten" in message.body
    assert message.attachments[0][2] == "application/pdf"
    assert message.attachments[0][1][:4] == b"%PDF"
    with pytest.raises(season.SeasonError):
        season.publish(actor=manager, season_round=season_round)


def test_publish_is_all_or_nothing_when_the_plan_overlaps(
    baerum: Municipality, hall: Space, manager: User, season_round: SeasonRound
) -> None:
    a, _b = halves(hall)
    one = apply(season_round, baerum, "Stabæk Håndball", a, age_group="children")
    two = apply(season_round, baerum, "Bedriftsidretten", hall)
    season.propose(actor=manager, season_round=closed(season_round))
    # a plan made inconsistent behind the services' back
    AllocatedSlot.objects.create(
        municipality=baerum,
        round=season_round,
        wish=two.wishes.get(),
        space=hall,
        weekday=1,
        start_time=T(18),
        end_time=T(20),
    )
    assert one.wishes.get().slot
    with pytest.raises(season.SeasonError, match="overlap"):
        season.publish(actor=manager, season_round=season_round)
    assert not Booking.objects.exists()
    season_round.refresh_from_db()
    assert season_round.status == SeasonRound.Status.PROPOSED
