"""The season allocation (*sesongtildeling*): a pure, deterministic algorithm.

No Django here: :func:`allocate` takes plain data and returns a :class:`Plan`,
so it can be unit-tested, benchmarked and explained on its own.

The problem
-----------
Organisations wish for weekly slots (weekday, start, end) in a space, with
acceptable alternatives. Spaces nest (a whole hall contains its halves): each
space occupies a set of *leaf* spaces, and two grants conflict when they share
a leaf on the same weekday at overlapping times. So a wish for the whole hall
conflicts with a wish for either half, and the two halves do not conflict.

The method: greedy by priority, with lazy re-evaluation
---------------------------------------------------------
Every wish gets a sort key built from the municipality's *ordered* list of
criteria (data, edited by the municipality):

``children_youth``
    wishes of applicants whose activity is for children or youth come first;
``members``
    applicants with more members come first;
``fair_share``
    the applicant with the smallest share of its wished hours granted *so far*
    comes first (this spreads hours between applicants: after an applicant
    gets a slot, its next wish waits behind applicants that have less);
``own_priority``
    the applicant's own ranking of its wishes (1 = most wanted) comes first.

Criteria that are not listed do not count. After the listed criteria the key
always ends with the applicant's own priority, the applicant's id and the
wish's id, so equal keys never depend on input order: the same input always
gives the same plan (deterministic).

The wishes sit in a heap by key. The wish at the top is taken; if its key has
changed since it was pushed (only ``fair_share`` changes, and it only grows
as the applicant is granted hours), it is pushed back with the new key and the
next top is looked at. Because keys only ever get worse, the top with a fresh
key is the true best wish (the others' stored keys are lower bounds of their
real ones). The taken wish is granted in the first of its spaces (the wished
one, then the alternatives in order) whose leaves are all free for the time,
inside the round's daily hours and not blocked by existing bookings
(:func:`weekly_blocks` turns the bookings already made for the season's
dates into weekly blocked times); otherwise it is refused, with the wishes
(or bookings) that took the time.

Cost: ``O(W log W)`` heap operations for ``W`` wishes (each wish is re-pushed
at most once per grant to its applicant), and a check of the leaf's intervals
on that weekday per attempt — well below a second for 2,000 wishes over 100
halls.

The upper bound next to each share
----------------------------------
Greedy is not optimal, so each share is reported next to what the halls'
capacity allows at most. Time is cut into 15-minute buckets per hall (a root
space with its parts) and weekday. A hall with ``n`` leaves can host at most
``n`` grants in any bucket (each grant occupies at least one leaf), fewer if
leaves are blocked by existing bookings. For wishes whose spaces all lie in
one hall, the grantable wished minutes in a bucket are therefore at most
``min(demand, free leaves)``; wishes with alternatives in several halls are
counted in full (they could go anywhere), and minutes outside the round's
daily hours count for nothing. Summing the buckets gives an upper bound on
the wished minutes any plan could grant: ``bound_share = bound / wished``.
Computed over all wishes it bounds the total share; computed over one
applicant's wishes alone it bounds that applicant's share even if nobody
else had applied (its own overlapping wishes compete with each other).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

CHILDREN_YOUTH = "children_youth"
MEMBERS = "members"
FAIR_SHARE = "fair_share"
OWN_PRIORITY = "own_priority"
CRITERIA = (CHILDREN_YOUTH, MEMBERS, FAIR_SHARE, OWN_PRIORITY)
DEFAULT_CRITERIA = (CHILDREN_YOUTH, MEMBERS, FAIR_SHARE, OWN_PRIORITY)

BUCKET = 15  # minutes, for the upper bound

# Why a wish was refused.
OUTSIDE_HOURS = "outside_hours"  # not inside the round's daily hours
TAKEN = "taken"  # other wishes were granted the time first
BLOCKED = "blocked"  # existing bookings occupy the time


@dataclass(frozen=True)
class SpaceInfo:
    id: int
    root_id: int  # the whole hall this space belongs to (itself if it is one)
    leaves: frozenset[int]


@dataclass(frozen=True)
class ApplicantInfo:
    id: int
    children_youth: bool = False
    members: int = 0


@dataclass(frozen=True)
class WishInfo:
    id: int
    applicant_id: int
    weekday: int  # 0 = Monday
    start: int  # minutes after midnight
    end: int
    options: tuple[int, ...]  # the wished space first, then acceptable alternatives
    priority: int = 1  # the applicant's own ranking, 1 = most wanted

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Window:
    """The weekly hours the round hands out, e.g. 08:00–23:00 every day."""

    start: int = 8 * 60
    end: int = 23 * 60
    weekdays: frozenset[int] = frozenset(range(7))

    def contains(self, weekday: int, start: int, end: int) -> bool:
        return weekday in self.weekdays and self.start <= start and end <= self.end


@dataclass(frozen=True)
class Blocked:
    """An existing booking occupying a leaf weekly at this time."""

    leaf_id: int
    weekday: int
    start: int
    end: int


def weekly_blocks(
    occupied: Iterable[tuple[int, int, int, int, int]], weeks: Mapping[int, int]
) -> list[Blocked]:
    """Existing bookings as weekly blocked times: the stretches of a leaf on a
    weekday that are occupied in *more than half* of the season's weeks.

    ``occupied`` holds ``(leaf_id, weekday, week, start, end)`` for each
    existing booking of a leaf within one day (``week`` tells the dates apart,
    e.g. the date's ordinal; minutes after midnight); ``weeks`` is how many
    weeks of the season there are on each weekday.

    Why a majority and not any week: a weekly grant lives the whole season. A
    one-off booking (a party one Saturday) should not cost an applicant its
    slot for every other week; publication skips that one week and lists it.
    But a time taken most weeks (another weekly series) would leave the grant
    mostly empty, so the proposal gives the applicant an alternative or the
    time to someone else instead, and says why.

    Cost: ``O(B log B)`` for ``B`` bookings (one sweep per leaf and weekday).
    """
    by_day: dict[tuple[int, int], dict[int, list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for leaf_id, weekday, week, start, end in occupied:
        if end > start:
            by_day[(leaf_id, weekday)][week].append((start, end))
    blocks: list[Blocked] = []
    for (leaf_id, weekday), per_week in sorted(by_day.items()):
        total = weeks.get(weekday, 0)
        if not total:
            continue
        events: list[tuple[int, int]] = []
        for intervals in per_week.values():
            # union within one date, so two bookings on one day count once
            intervals.sort()
            run_start, run_end = intervals[0]
            for start, end in intervals[1:]:
                if start > run_end:
                    events += [(run_start, 1), (run_end, -1)]
                    run_start, run_end = start, end
                else:
                    run_end = max(run_end, end)
            events += [(run_start, 1), (run_end, -1)]
        events.sort()
        count = 0
        opened: int | None = None
        for index, (minute, change) in enumerate(events):
            count += change
            if index + 1 < len(events) and events[index + 1][0] == minute:
                continue  # apply every change at this minute before judging
            if 2 * count > total and opened is None:
                opened = minute
            elif 2 * count <= total and opened is not None:
                blocks.append(Blocked(leaf_id, weekday, opened, minute))
                opened = None
    return blocks


@dataclass(frozen=True)
class Refusal:
    reason: str
    by_wishes: tuple[int, ...] = ()  # the granted wishes that took the time


@dataclass
class Share:
    wished: int = 0  # minutes per week
    granted: int = 0
    bound: int = 0

    @property
    def share(self) -> float:
        return self.granted / self.wished if self.wished else 0.0

    @property
    def bound_share(self) -> float:
        return self.bound / self.wished if self.wished else 0.0


@dataclass
class Plan:
    granted: dict[int, int] = field(default_factory=dict)  # wish id → space id
    refused: dict[int, Refusal] = field(default_factory=dict)
    shares: dict[int, Share] = field(default_factory=dict)  # by applicant id
    total: Share = field(default_factory=Share)
    order: list[int] = field(default_factory=list)  # wish ids in the order decided


class _Occupancy:
    """Who holds each leaf on each weekday: (start, end, wish id or -1)."""

    def __init__(self, blocked: Iterable[Blocked]) -> None:
        self._held: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
        for item in blocked:
            self._held[(item.leaf_id, item.weekday)].append((item.start, item.end, -1))

    def holders(self, leaves: Iterable[int], weekday: int, start: int, end: int) -> set[int]:
        found: set[int] = set()
        for leaf in leaves:
            for held_start, held_end, wish_id in self._held.get((leaf, weekday), ()):
                if held_start < end and held_end > start:
                    found.add(wish_id)
        return found

    def take(self, leaves: Iterable[int], weekday: int, start: int, end: int, wish_id: int) -> None:
        for leaf in leaves:
            self._held[(leaf, weekday)].append((start, end, wish_id))


def _key(
    wish: WishInfo,
    applicant: ApplicantInfo,
    criteria: Sequence[str],
    share: Share,
) -> tuple[object, ...]:
    parts: list[object] = []
    for criterion in criteria:
        if criterion == CHILDREN_YOUTH:
            parts.append(0 if applicant.children_youth else 1)
        elif criterion == MEMBERS:
            parts.append(-applicant.members)
        elif criterion == FAIR_SHARE:
            parts.append(Fraction(share.granted, share.wished) if share.wished else Fraction(0))
        elif criterion == OWN_PRIORITY:
            parts.append(wish.priority)
    parts.extend((wish.priority, wish.applicant_id, wish.id))
    return tuple(parts)


def allocate(
    *,
    spaces: Mapping[int, SpaceInfo],
    applicants: Mapping[int, ApplicantInfo],
    wishes: Sequence[WishInfo],
    criteria: Sequence[str] = DEFAULT_CRITERIA,
    window: Window | None = None,
    blocked: Iterable[Blocked] = (),
) -> Plan:
    """Propose a plan for ``wishes`` (see the module's documentation)."""
    window = window or Window()
    blocked = list(blocked)
    criteria = [c for c in criteria if c in CRITERIA]
    plan = Plan()
    for wish in wishes:
        share = plan.shares.setdefault(wish.applicant_id, Share())
        share.wished += wish.minutes
        plan.total.wished += wish.minutes
    _bounds(plan, spaces, wishes, window, blocked)

    occupancy = _Occupancy(blocked)
    heap: list[tuple[tuple[object, ...], int]] = []
    by_id = {wish.id: wish for wish in wishes}
    for wish in wishes:
        key = _key(wish, applicants[wish.applicant_id], criteria, plan.shares[wish.applicant_id])
        heap.append((key, wish.id))
    heapq.heapify(heap)
    dynamic = FAIR_SHARE in criteria
    while heap:
        key, wish_id = heapq.heappop(heap)
        wish = by_id[wish_id]
        share = plan.shares[wish.applicant_id]
        if dynamic:
            fresh = _key(wish, applicants[wish.applicant_id], criteria, share)
            if fresh != key:
                heapq.heappush(heap, (fresh, wish_id))
                continue
        plan.order.append(wish_id)
        if not window.contains(wish.weekday, wish.start, wish.end):
            plan.refused[wish_id] = Refusal(OUTSIDE_HOURS)
            continue
        first_holders: set[int] | None = None
        for space_id in wish.options:
            leaves = spaces[space_id].leaves
            holders = occupancy.holders(leaves, wish.weekday, wish.start, wish.end)
            if not holders:
                occupancy.take(leaves, wish.weekday, wish.start, wish.end, wish_id)
                plan.granted[wish_id] = space_id
                share.granted += wish.minutes
                plan.total.granted += wish.minutes
                break
            if first_holders is None:
                first_holders = holders
        else:
            holders = first_holders or set()
            by_wishes = tuple(sorted(h for h in holders if h >= 0))
            plan.refused[wish_id] = Refusal(BLOCKED if not by_wishes else TAKEN, by_wishes)
    return plan


def _bounds(
    plan: Plan,
    spaces: Mapping[int, SpaceInfo],
    wishes: Sequence[WishInfo],
    window: Window,
    blocked: Sequence[Blocked],
) -> None:
    """Fill ``bound`` of every share and of the total (see the module's documentation)."""
    leaves_of_root: dict[int, set[int]] = defaultdict(set)
    for space in spaces.values():
        leaves_of_root[space.root_id] |= space.leaves
    root_of_leaf = {leaf: root for root, leaves in leaves_of_root.items() for leaf in leaves}
    # free leaves per (root, weekday, bucket)
    blocked_leaves: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    for item in blocked:
        root = root_of_leaf.get(item.leaf_id)
        if root is None:
            continue
        # only buckets the booking fills completely (partly free buckets stay free)
        for bucket in range(-(-item.start // BUCKET), item.end // BUCKET):
            blocked_leaves[(root, item.weekday, bucket)].add(item.leaf_id)

    def bound(selected: Iterable[WishInfo]) -> int:
        demand: dict[tuple[int, int, int], int] = defaultdict(int)
        minutes = 0
        for wish in selected:
            if not window.contains(wish.weekday, wish.start, wish.end):
                continue
            roots = {spaces[s].root_id for s in wish.options}
            if len(roots) != 1:
                minutes += wish.minutes
                continue
            root = roots.pop()
            for bucket in range(wish.start // BUCKET, -(-wish.end // BUCKET)):
                lo = max(wish.start, bucket * BUCKET)
                hi = min(wish.end, (bucket + 1) * BUCKET)
                demand[(root, wish.weekday, bucket)] += hi - lo
        for (root, weekday, bucket), wanted in demand.items():
            free = len(leaves_of_root[root] - blocked_leaves.get((root, weekday, bucket), set()))
            minutes += min(wanted, free * BUCKET)
        return minutes

    by_applicant: dict[int, list[WishInfo]] = defaultdict(list)
    for wish in wishes:
        by_applicant[wish.applicant_id].append(wish)
    for applicant_id, own in by_applicant.items():
        plan.shares[applicant_id].bound = bound(own)
    plan.total.bound = bound(wishes)
