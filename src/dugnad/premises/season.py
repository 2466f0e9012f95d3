"""Season allocation (*sesongtildeling*): rounds, applications, the proposed
plan, hand adjustments, publication as bookings, and the decisions.

The algorithm itself is pure and lives in :mod:`dugnad.premises.allocation`;
this module feeds it from the database and writes its result back. Each
change checks permission and runs in one transaction; publication is
all-or-nothing: every weekly booking of the plan is inserted through the same
slot rows and exclusion constraint as any booking, so a plan can never
double-book, and one conflict inside the plan rolls the whole publication back.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from dugnad.after_commit import send_after_commit
from dugnad.directory.models import Organisation
from dugnad.directory.permissions import administers
from dugnad.municipalities.models import Municipality
from dugnad.municipalities.page_cache import bump_content_version
from dugnad.people import audit, rules
from dugnad.people.models import Role, User
from dugnad.premises import allocation
from dugnad.premises.models import (
    AllocatedSlot,
    AllocationAdjustment,
    Booking,
    BookingSeries,
    BookingSlot,
    BookingStatus,
    PriorityCriterion,
    SeasonApplication,
    SeasonBooking,
    SeasonRound,
    SeasonWish,
    Space,
)
from dugnad.premises.opening import minutes_of_day
from dugnad.premises.season_permissions import (
    can_apply_season,
    can_edit_priorities,
    can_manage_season,
    manages_all_buildings,
)
from dugnad.premises.services import (
    BookingConflict,
    overlaps_confirmed,
    queue_on_leaves,
    write_slots,
)

COMPLAINT_DAYS = 21  # three weeks from notice, forvaltningsloven § 29


class SeasonError(Exception):
    """A domain error with a message for the person who caused it."""


def _check(allowed: bool) -> None:
    if not allowed:
        raise SeasonError(_("You do not have permission to do this."))


# --- rounds and priorities -----------------------------------------------------


@transaction.atomic
def open_round(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    season_start: datetime.date,
    season_end: datetime.date,
    deadline: datetime.datetime,
    spaces: list[Space],
    day_start: datetime.time = datetime.time(8),
    day_end: datetime.time = datetime.time(23),
) -> SeasonRound:
    """Open an application round for weekly slots in ``spaces`` during the season."""
    _check(can_manage_season(actor, municipality, None))
    name = name.strip()
    if not name:
        raise SeasonError(_("Give the round a name."))
    if season_end <= season_start:
        raise SeasonError(_("The season must end after it starts."))
    if day_end <= day_start:
        raise SeasonError(_("The daily hours must end after they start."))
    if not spaces:
        raise SeasonError(_("Choose at least one space."))
    if any(space.municipality_id != municipality.pk for space in spaces):
        raise SeasonError(_("This space cannot be booked."))
    if not (
        rules.is_platform_admin(actor)
        or rules.has_role(actor, municipality, Role.MUNICIPAL_ADMIN)
        or manages_all_buildings(actor, {space.building for space in spaces})
    ):
        raise SeasonError(_("Choose halls in buildings you manage."))
    season_round = SeasonRound.objects.create(
        municipality=municipality,
        name=name,
        season_start=season_start,
        season_end=season_end,
        deadline=deadline,
        day_start=day_start,
        day_end=day_end,
        created_by=actor,
    )
    season_round.spaces.set(spaces)
    return season_round


def criteria_for(municipality: Municipality) -> list[str]:
    """The municipality's ordered criteria (the default order until it sets its own)."""
    kinds = list(
        PriorityCriterion.objects.filter(municipality=municipality)
        .order_by("position")
        .values_list("kind", flat=True)
    )
    return kinds or list(allocation.DEFAULT_CRITERIA)


@transaction.atomic
def set_criteria(*, actor: User, municipality: Municipality, kinds: list[str]) -> None:
    """Replace the municipality's ordered list of criteria."""
    _check(can_edit_priorities(actor, municipality, None))
    valid = set(PriorityCriterion.Kind.values)
    if any(kind not in valid for kind in kinds) or len(set(kinds)) != len(kinds):
        raise SeasonError(_("Each criterion can be listed once."))
    before = criteria_for(municipality)
    PriorityCriterion.objects.filter(municipality=municipality).delete()
    PriorityCriterion.objects.bulk_create(
        PriorityCriterion(municipality=municipality, kind=kind, position=i)
        for i, kind in enumerate(kinds, start=1)
    )
    audit.record(
        actor=actor,
        action="premises.season_priorities_changed",
        municipality=municipality,
        details={"before": before, "after": kinds},
    )


# --- applications ----------------------------------------------------------------


@dataclass(frozen=True)
class WishInput:
    space: Space
    weekday: int
    start_time: datetime.time
    end_time: datetime.time
    priority: int = 1
    alternatives: tuple[Space, ...] = ()


@transaction.atomic
def apply(
    *,
    actor: User,
    season_round: SeasonRound,
    organisation: Organisation,
    age_group: str,
    members: int,
    activity: str,
    wishes: list[WishInput],
) -> SeasonApplication:
    """Send (or replace) the organisation's application while the round is open."""
    _check(can_apply_season(actor, season_round.municipality, season_round))
    if not administers(actor, organisation) or (
        organisation.municipality_id != season_round.municipality_id
    ):
        raise SeasonError(_("You can only apply on behalf of an organisation you administer."))
    # Locked: a proposal started meanwhile waits for this application, or
    # this one sees the round closed.
    season_round = SeasonRound.objects.select_for_update().get(pk=season_round.pk)
    if season_round.status != SeasonRound.Status.OPEN or timezone.now() > season_round.deadline:
        raise SeasonError(_("The application deadline has passed."))
    activity = activity.strip()
    if not activity:
        raise SeasonError(_("Say what the activity is."))
    if not wishes:
        raise SeasonError(_("Add at least one wanted slot."))
    allowed = set(season_round.spaces.values_list("pk", flat=True))
    for wish in wishes:
        if wish.end_time <= wish.start_time:
            raise SeasonError(_("The booking must end after it starts."))
        if wish.space.pk not in allowed or any(a.pk not in allowed for a in wish.alternatives):
            raise SeasonError(_("Choose spaces that are part of this round."))
    application, _created = SeasonApplication.objects.update_or_create(
        round=season_round,
        organisation=organisation,
        defaults={
            "municipality_id": season_round.municipality_id,
            "person": actor,
            "age_group": age_group,
            "members": members,
            "activity": activity,
        },
    )
    application.wishes.all().delete()
    for wish in wishes:
        row = SeasonWish.objects.create(
            municipality_id=season_round.municipality_id,
            application=application,
            space=wish.space,
            weekday=wish.weekday,
            start_time=wish.start_time,
            end_time=wish.end_time,
            priority=wish.priority,
        )
        row.alternatives.set([a for a in wish.alternatives if a.pk != wish.space.pk])
    return application


# --- the proposal ------------------------------------------------------------------


def _space_infos(spaces: QuerySet[Space]) -> dict[int, allocation.SpaceInfo]:
    """Root hall and leaves of every space in the buildings of ``spaces``."""
    building_ids = set(spaces.values_list("building_id", flat=True))
    parent_of: dict[int, int | None] = dict(
        Space.objects.filter(building_id__in=building_ids).values_list("pk", "parent_id")
    )
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in parent_of.items():
        if parent_id is not None:
            children[parent_id].append(pk)
    infos = {}
    for pk in parent_of:
        root = pk
        while parent_of[root] is not None:
            root = parent_of[root]  # type: ignore[assignment]
        leaves, stack = set(), [pk]
        while stack:
            node = stack.pop()
            if children.get(node):
                stack.extend(children[node])
            else:
                leaves.add(node)
        infos[pk] = allocation.SpaceInfo(pk, root, frozenset(leaves))
    return infos


def _wishes(season_round: SeasonRound) -> list[SeasonWish]:
    return list(
        SeasonWish.objects.filter(application__round=season_round)
        .select_related("application__organisation", "space")
        .prefetch_related("alternatives")
    )


def _refusal(
    refusal: allocation.Refusal,
    season_round: SeasonRound,
    by_id: dict[int, SeasonWish],
    criteria: list[str],
) -> dict[str, Any]:
    """What the allocation found, as facts: each reader gets the sentence in
    their own language (:attr:`SeasonWish.refusal_text`)."""
    if refusal.reason == allocation.OUTSIDE_HOURS:
        return {
            "kind": "outside_hours",
            "start": f"{season_round.day_start:%H:%M}",
            "end": f"{season_round.day_end:%H:%M}",
        }
    if refusal.reason == allocation.BLOCKED or not refusal.by_wishes:
        return {"kind": "blocked"}
    names = sorted({by_id[w].application.organisation.name for w in refusal.by_wishes})
    return {"kind": "priority", "names": names, "criteria": list(criteria)}


def _existing_blocks(
    season_round: SeasonRound, infos: dict[int, allocation.SpaceInfo]
) -> list[allocation.Blocked]:
    """Confirmed bookings (not made by this round) on the leaves of the round's
    halls during the season, as weekly blocked times (see
    :func:`allocation.weekly_blocks`: a time taken in most weeks is blocked)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    weeks = {weekday: season_dates(season_round, weekday) for weekday in range(7)}
    days = {day for dates in weeks.values() for day in dates}
    if not days:
        return []
    leaves = {leaf for info in infos.values() for leaf in info.leaves}
    rows = (
        BookingSlot.objects.filter(
            space_id__in=leaves,
            status=BookingStatus.CONFIRMED,
            start__lt=datetime.datetime.combine(
                max(days) + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
            ),
            end__gt=datetime.datetime.combine(min(days), datetime.time(), tzinfo=zone),
        )
        .exclude(booking__season_booking__slot__round=season_round)
        .values_list("space_id", "start", "end")
    )

    def pieces() -> list[tuple[int, int, int, int, int]]:
        """Each booking cut at local midnights into (leaf, weekday, date, start, end)."""
        found = []
        for leaf_id, start, end in rows:
            start, end = start.astimezone(zone), end.astimezone(zone)
            day = start.date()
            while day <= end.date():
                begin = minutes_of_day(start.time()) if day == start.date() else 0
                finish = minutes_of_day(end.time()) if day == end.date() else 24 * 60
                if day in days and finish > begin:
                    found.append((leaf_id, day.weekday(), day.toordinal(), begin, finish))
                day += datetime.timedelta(days=1)
        return found

    return allocation.weekly_blocks(
        pieces(), {weekday: len(dates) for weekday, dates in weeks.items()}
    )


@transaction.atomic
def propose(*, actor: User, season_round: SeasonRound) -> allocation.Plan:
    """Run the allocation and store its plan, replacing the previous proposal
    (hand adjustments are recorded but the plan starts afresh)."""
    season_round = SeasonRound.objects.select_for_update().get(pk=season_round.pk)
    _check(can_manage_season(actor, season_round.municipality, season_round))
    if season_round.status == SeasonRound.Status.PUBLISHED:
        raise SeasonError(_("The allocation has already been published."))
    if timezone.now() <= season_round.deadline:
        raise SeasonError(
            _("Applications can be sent until the deadline; propose the plan after it.")
        )
    wishes = _wishes(season_round)
    criteria = criteria_for(season_round.municipality)
    applications = {w.application_id: w.application for w in wishes}
    infos = _space_infos(season_round.spaces.all())
    plan = allocation.allocate(
        spaces=infos,
        applicants={
            pk: allocation.ApplicantInfo(pk, app.children_youth, app.members)
            for pk, app in applications.items()
        },
        wishes=[
            allocation.WishInfo(
                id=w.pk,
                applicant_id=w.application_id,
                weekday=w.weekday,
                start=minutes_of_day(w.start_time),
                end=minutes_of_day(w.end_time),
                options=(w.space_id, *sorted(a.pk for a in w.alternatives.all())),
                priority=w.priority,
            )
            for w in wishes
        ],
        criteria=criteria,
        window=allocation.Window(
            minutes_of_day(season_round.day_start), minutes_of_day(season_round.day_end)
        ),
        blocked=_existing_blocks(season_round, infos),
    )
    AllocatedSlot.objects.filter(round=season_round).delete()
    by_id = {w.pk: w for w in wishes}
    AllocatedSlot.objects.bulk_create(
        AllocatedSlot(
            municipality_id=season_round.municipality_id,
            round=season_round,
            wish_id=wish_id,
            space_id=space_id,
            weekday=by_id[wish_id].weekday,
            start_time=by_id[wish_id].start_time,
            end_time=by_id[wish_id].end_time,
        )
        for wish_id, space_id in plan.granted.items()
    )
    for wish in wishes:
        refusal = plan.refused.get(wish.pk)
        found = _refusal(refusal, season_round, by_id, criteria) if refusal else {}
        if found != wish.refusal or wish.refusal_reason:
            SeasonWish.objects.filter(pk=wish.pk).update(refusal=found, refusal_reason="")
    for pk, share in plan.shares.items():
        SeasonApplication.objects.filter(pk=pk).update(bound_minutes=share.bound)
    SeasonRound.objects.filter(pk=season_round.pk).update(
        status=SeasonRound.Status.PROPOSED,
        proposed_at=timezone.now(),
        bound_minutes=plan.total.bound,
    )
    return plan


def _slot_conflicts(
    season_round: SeasonRound,
    space: Space,
    weekday: int,
    start: datetime.time,
    end: datetime.time,
    *,
    ignore_wish: int,
) -> list[AllocatedSlot]:
    """Slots of the plan that share a leaf with ``space`` at that weekly time."""
    infos = _space_infos(season_round.spaces.all())
    leaves = infos[space.pk].leaves
    return [
        slot
        for slot in AllocatedSlot.objects.filter(
            round=season_round, weekday=weekday, start_time__lt=end, end_time__gt=start
        )
        .exclude(wish_id=ignore_wish)
        .select_related("wish__application__organisation")
        if infos[slot.space_id].leaves & leaves
    ]


@transaction.atomic
def adjust(
    *,
    actor: User,
    wish: SeasonWish,
    action: str,
    reason: str,
    space: Space | None = None,
    weekday: int | None = None,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
) -> None:
    """Change the proposal by hand: grant a wish (perhaps at another space or
    time), move a granted one, or remove it — always with a recorded reason."""
    season_round = SeasonRound.objects.select_for_update().get(pk=wish.application.round_id)
    _check(can_manage_season(actor, season_round.municipality, season_round))
    if season_round.status != SeasonRound.Status.PROPOSED:
        raise SeasonError(_("Only a proposed plan can be adjusted."))
    reason = reason.strip()
    if not reason:
        raise SeasonError(_("Give a reason for the change."))
    Action = AllocationAdjustment.Action
    current = AllocatedSlot.objects.filter(wish=wish).first()
    if action == Action.REMOVE:
        if current is None:
            raise SeasonError(_("This wish is not granted."))
        current.delete()
        SeasonWish.objects.filter(pk=wish.pk).update(refusal={}, refusal_reason=reason)
        details = ""
    elif action in (Action.GRANT, Action.MOVE):
        if action == Action.MOVE and current is None:
            raise SeasonError(_("This wish is not granted."))
        space = space or wish.space
        weekday = wish.weekday if weekday is None else weekday
        start_time = start_time or wish.start_time
        end_time = end_time or wish.end_time
        if end_time <= start_time:
            raise SeasonError(_("The booking must end after it starts."))
        if not season_round.spaces.filter(pk=space.pk).exists():
            raise SeasonError(_("Choose spaces that are part of this round."))
        clashes = _slot_conflicts(
            season_round, space, weekday, start_time, end_time, ignore_wish=wish.pk
        )
        if clashes:
            raise SeasonError(
                _("That time is already given to %(names)s in the plan.")
                % {
                    "names": ", ".join(
                        sorted({s.wish.application.organisation.name for s in clashes})
                    )
                }
            )
        AllocatedSlot.objects.update_or_create(
            wish=wish,
            defaults={
                "municipality_id": season_round.municipality_id,
                "round": season_round,
                "space": space,
                "weekday": weekday,
                "start_time": start_time,
                "end_time": end_time,
                "by_hand": True,
            },
        )
        SeasonWish.objects.filter(pk=wish.pk).update(refusal={}, refusal_reason="")
        details = f"{space} {weekday} {start_time:%H:%M}–{end_time:%H:%M}"
    else:
        raise SeasonError(_("Unknown change."))
    AllocationAdjustment.objects.create(
        municipality_id=season_round.municipality_id,
        round=season_round,
        wish=wish,
        actor=actor,
        action=action,
        reason=reason,
        details=details,
    )
    audit.record(
        actor=actor,
        action=f"premises.season_{action}",
        municipality=season_round.municipality,
        target=wish,
        details={"reason": reason, "details": details},
    )


# --- publication and decisions -------------------------------------------------------


def season_dates(season_round: SeasonRound, weekday: int) -> list[datetime.date]:
    """Every date of the season on ``weekday``, from today on."""
    first = max(season_round.season_start, timezone.localdate())
    first += datetime.timedelta(days=(weekday - first.weekday()) % 7)
    dates = []
    while first <= season_round.season_end:
        dates.append(first)
        first += datetime.timedelta(days=7)
    return dates


@transaction.atomic
def publish(*, actor: User, season_round: SeasonRound) -> list[dict[str, str]]:
    """Turn the plan into confirmed bookings for every week of the season and
    send every applicant its decision. Weeks already taken by existing
    confirmed bookings are skipped and returned; a conflict inside the plan
    itself undoes everything."""
    season_round = SeasonRound.objects.select_for_update().get(pk=season_round.pk)
    _check(can_manage_season(actor, season_round.municipality, season_round))
    if season_round.status != SeasonRound.Status.PROPOSED:
        raise SeasonError(_("Only a proposed plan can be published."))
    zone = ZoneInfo(settings.TIME_ZONE)
    infos = _space_infos(season_round.spaces.all())
    slots = list(
        AllocatedSlot.objects.filter(round=season_round).select_related(
            "space__building", "wish__application__organisation", "wish__application__person"
        )
    )
    # Every leaf the plan occupies, locked at once in id order (as single
    # bookings lock theirs), so publishing never deadlocks with a booking.
    queue_on_leaves(sorted({leaf for slot in slots for leaf in infos[slot.space_id].leaves}))
    conflicts: list[dict[str, str]] = []
    made: set[int] = set()  # bookings made by this publication
    for slot in slots:
        application = slot.wish.application
        leaves = sorted(infos[slot.space_id].leaves)
        days = season_dates(season_round, slot.weekday)
        if not days:
            continue
        # One weekly series per granted slot: the organisation sees, cancels
        # and subscribes to it like any weekly booking.
        series = BookingSeries.objects.create(
            municipality_id=season_round.municipality_id,
            space=slot.space,
            person=application.person,
            organisation=application.organisation,
            purpose=application.activity,
            first_date=days[0],
            last_date=days[-1],
            start_time=slot.start_time,
            end_time=slot.end_time,
        )
        for day in days:
            start = datetime.datetime.combine(day, slot.start_time, tzinfo=zone)
            end = datetime.datetime.combine(day, slot.end_time, tzinfo=zone)
            if overlaps_confirmed(leaf_ids=leaves, start=start, end=end):
                clashing = set(
                    BookingSlot.objects.filter(
                        space_id__in=leaves,
                        status=BookingStatus.CONFIRMED,
                        start__lt=end,
                        end__gt=start,
                    ).values_list("booking_id", flat=True)
                )
                if clashing & made:
                    raise SeasonError(
                        _("Two slots of the plan overlap (%(space)s, %(date)s). Adjust the plan.")
                        % {"space": str(slot.space), "date": day.isoformat()}
                    )
                conflicts.append(
                    {
                        "organisation": application.organisation.name,
                        "space": str(slot.space),
                        "date": day.isoformat(),
                        "start": f"{slot.start_time:%H:%M}",
                        "end": f"{slot.end_time:%H:%M}",
                    }
                )
                continue
            booking = Booking.objects.create(
                municipality_id=season_round.municipality_id,
                space=slot.space,
                person=application.person,
                organisation=application.organisation,
                purpose=application.activity,
                start=start,
                end=end,
                status=BookingStatus.CONFIRMED,
                series=series,
            )
            made.add(booking.pk)
            try:
                write_slots(booking, leaves)
            except BookingConflict as exc:  # only the plan itself can clash here
                raise SeasonError(
                    _("Two slots of the plan overlap (%(space)s, %(date)s). Adjust the plan.")
                    % {"space": str(slot.space), "date": day.isoformat()}
                ) from exc
            SeasonBooking.objects.create(
                municipality_id=season_round.municipality_id, slot=slot, booking=booking
            )
    now = timezone.now()
    deadline = timezone.localdate() + datetime.timedelta(days=COMPLAINT_DAYS)
    SeasonApplication.objects.filter(round=season_round).update(
        decided_at=now, complaint_deadline=deadline
    )
    SeasonRound.objects.filter(pk=season_round.pk).update(
        status=SeasonRound.Status.PUBLISHED, published_at=now, publish_conflicts=conflicts
    )
    audit.record(
        actor=actor,
        action="premises.season_published",
        municipality=season_round.municipality,
        target=season_round,
        details={"bookings": len(made), "conflicts": len(conflicts)},
    )
    municipality_id = season_round.municipality_id
    application_ids = list(
        SeasonApplication.objects.filter(round=season_round).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: bump_content_version(municipality_id))
    # One task per applicant through the queue: a failing mail server or PDF
    # holds back no one else's decision, and a failed one is retried.
    send_after_commit(lambda: _queue_decisions(application_ids))
    return conflicts


# --- decisions -------------------------------------------------------------------------


@dataclass
class Decision:
    application: SeasonApplication
    granted: list[tuple[SeasonWish, AllocatedSlot]]
    refused: list[SeasonWish]
    wished_hours: float
    granted_hours: float
    bound_hours: float
    criteria: list[str]
    adjustments: list[AllocationAdjustment]

    @property
    def share(self) -> float:
        return self.granted_hours / self.wished_hours if self.wished_hours else 0.0

    @property
    def bound_share(self) -> float:
        return self.bound_hours / self.wished_hours if self.wished_hours else 0.0


def decision(application: SeasonApplication) -> Decision:
    """What the applicant was granted and refused, and why."""
    wishes = list(
        application.wishes.select_related("space__building", "slot__space__building").order_by(
            "priority", "weekday", "start_time"
        )
    )
    granted = []
    refused = []
    for wish in wishes:
        slot = getattr(wish, "slot", None)
        if slot is not None:
            granted.append((wish, slot))
        else:
            refused.append(wish)
    labels = dict(PriorityCriterion.Kind.choices)
    return Decision(
        application=application,
        granted=granted,
        refused=refused,
        wished_hours=sum(w.hours for w in wishes),
        granted_hours=sum(slot.hours for _w, slot in granted),
        bound_hours=application.bound_minutes / 60,
        criteria=[str(labels[c]) for c in criteria_for(application.round.municipality)],
        adjustments=list(
            AllocationAdjustment.objects.filter(wish__application=application).select_related(
                "wish"
            )
        ),
    )


def site_url(municipality: Municipality, path: str) -> str:
    host = municipality.primary_host
    return f"https://{host}{path}" if host else path


def decision_pdf(application: SeasonApplication) -> bytes:
    """The decision as a PDF (WeasyPrint, from the HTML template)."""
    from weasyprint import HTML

    html = render_to_string(
        "premises/season/decision_pdf.html",
        {"decision": decision(application), "round": application.round},
    )
    return bytes(HTML(string=html).write_pdf())


def _queue_decisions(application_ids: list[int]) -> None:
    from dugnad.premises.tasks import send_season_decision

    for application_id in application_ids:
        send_season_decision.delay(application_id)


def send_decisions(application_ids: list[int]) -> None:
    """E-mail each applicant its decision with the PDF attached."""
    for application in SeasonApplication.objects.filter(pk__in=application_ids).select_related(
        "round__municipality", "organisation", "person"
    ):
        person = application.person
        with override(person.preferred_language):
            url = site_url(
                application.round.municipality,
                reverse("premises:season-decision", args=[application.pk]),
            )
            context = {"decision": decision(application), "round": application.round, "url": url}
            subject = _("Decision on your application: %(round)s") % {
                "round": application.round.name
            }
            body = render_to_string("premises/season/decision_email.txt", context)
            message = EmailMultiAlternatives(subject, body, None, [person.email])
            message.attach(
                f"vedtak-{application.pk}.pdf", decision_pdf(application), "application/pdf"
            )
            message.send()
