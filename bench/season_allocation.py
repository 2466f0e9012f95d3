"""``python -m bench.season_allocation``: the season allocation of 2,000 wishes over 100 halls.

Pure Python, no database and no server: it times
:func:`dugnad.premises.allocation.allocate` on a generated round that looks
like a municipality's sports halls (a third of the halls split in halves, a
third in thirds), applicants with a 60 % share of children/youth activities,
wishes crowded on weekday evenings 16–22 with up to two alternatives, and
existing bookings over a 40-week season (a few weekly series and many
one-off bookings) that :func:`~dugnad.premises.allocation.weekly_blocks`
turns into blocked weekly times, as the proposal does; that step is timed
with the allocation. Prints the time (best and median of ``--repeat``
runs), the share of wished hours granted, and next to it the upper bound
the halls' capacity allows (explained in the allocation module), overall and
for the spread of applicants.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence

from dugnad.premises.allocation import (
    DEFAULT_CRITERIA,
    ApplicantInfo,
    Blocked,
    Plan,
    SpaceInfo,
    Window,
    WishInfo,
    allocate,
    weekly_blocks,
)

SEASON_WEEKS = 40
Occupied = tuple[int, int, int, int, int]  # leaf, weekday, week, start, end


def generate(
    *, halls: int, wishes: int, applicants: int, seed: int
) -> tuple[dict[int, SpaceInfo], dict[int, ApplicantInfo], list[WishInfo], list[Occupied]]:
    rng = random.Random(seed)
    spaces: dict[int, SpaceInfo] = {}
    for n in range(halls):
        root = n * 10 + 1
        parts = (1, 2, 3)[n % 3]
        leaves = frozenset(range(root + 1, root + 1 + parts)) if parts > 1 else frozenset({root})
        spaces[root] = SpaceInfo(root, root, leaves)
        if parts > 1:
            for leaf in leaves:
                spaces[leaf] = SpaceInfo(leaf, root, frozenset({leaf}))
    people = {
        i: ApplicantInfo(i, children_youth=rng.random() < 0.6, members=rng.randint(5, 900))
        for i in range(1, applicants + 1)
    }
    ids = sorted(spaces)
    wished = []
    for i in range(wishes):
        start = rng.randrange(16 * 60, 21 * 60, 30)
        home = rng.choice(ids)
        options = [home] + [rng.choice(ids) for _ in range(rng.randint(0, 2))]
        wished.append(
            WishInfo(
                id=i + 1,
                applicant_id=rng.randint(1, applicants),
                weekday=rng.choice((0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6)),
                start=start,
                end=start + rng.choice((60, 90, 120)),
                options=tuple(dict.fromkeys(options)),
                priority=rng.randint(1, 5),
            )
        )
    leaves_all = sorted({leaf for s in spaces.values() for leaf in s.leaves})
    occupied: list[Occupied] = []
    for _ in range(halls // 5):  # weekly series over the whole season: these block
        leaf, weekday = rng.choice(leaves_all), rng.randrange(7)
        occupied += [(leaf, weekday, week, 17 * 60, 19 * 60) for week in range(SEASON_WEEKS)]
    for _ in range(halls * 20):  # one-off bookings: these do not
        start = rng.randrange(8 * 60, 22 * 60, 30)
        occupied.append(
            (
                rng.choice(leaves_all),
                rng.randrange(7),
                rng.randrange(SEASON_WEEKS),
                start,
                start + rng.choice((60, 120, 180)),
            )
        )
    return spaces, people, wished, occupied


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "  –  "


def report(
    plan: Plan, seconds: list[float], wishes: int, halls: int, occupied: int, blocks: int
) -> str:
    shares = sorted(plan.shares.values(), key=lambda s: s.share)
    lines = [
        f"Season allocation: {wishes} wishes over {halls} halls, "
        f"{len(plan.shares)} applicants, criteria {', '.join(DEFAULT_CRITERIA)}",
        f"  time: best {min(seconds):.3f} s, median {statistics.median(seconds):.3f} s "
        f"({len(seconds)} runs; issue target ≤ 5 s)",
        f"  existing bookings: {occupied} over {SEASON_WEEKS} weeks"
        f" → {blocks} weekly blocked times",
        f"  wishes granted: {len(plan.granted)} of {wishes}, refused {len(plan.refused)}",
        f"  wished hours granted: {plan.total.granted / 60:.1f} of {plan.total.wished / 60:.1f} h"
        f" = {_percent(plan.total.granted, plan.total.wished)}"
        f"   (capacity upper bound {plan.total.bound / 60:.1f} h"
        f" = {_percent(plan.total.bound, plan.total.wished)})",
    ]
    if shares:
        q = [shares[int(p * (len(shares) - 1))] for p in (0.0, 0.1, 0.5, 0.9, 1.0)]
        lines.append(
            "  per applicant share granted (min/p10/median/p90/max): "
            + " / ".join(_percent(s.granted, s.wished).strip() for s in q)
        )
        at_bound = sum(1 for s in shares if s.granted >= s.bound)
        lines.append(
            f"  applicants granted their own upper bound: {at_bound} of {len(shares)};"
            f" mean own bound {statistics.mean(s.bound_share for s in shares) * 100:.1f} %"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--wishes", type=int, default=2000)
    parser.add_argument("--halls", type=int, default=100)
    parser.add_argument("--applicants", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args(argv)
    spaces, people, wishes, occupied = generate(
        halls=args.halls, wishes=args.wishes, applicants=args.applicants, seed=args.seed
    )
    seconds = []
    plan = Plan()
    blocked: list[Blocked] = []
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        blocked = weekly_blocks(occupied, dict.fromkeys(range(7), SEASON_WEEKS))
        plan = allocate(
            spaces=spaces,
            applicants=people,
            wishes=wishes,
            criteria=DEFAULT_CRITERIA,
            window=Window(),
            blocked=blocked,
        )
        seconds.append(time.perf_counter() - started)
    print(report(plan, seconds, args.wishes, args.halls, len(occupied), len(blocked)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
