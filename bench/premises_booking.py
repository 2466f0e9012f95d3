"""``python -m bench.premises_booking``: premises booking's two figures.

(a) **Week view** of a space in a building with 50 rooms and 20,000 existing
    bookings (and the building's day view, all 50 rooms side by side): server
    time in-process through Django's request handler with the production
    settings, rotating rooms and weeks. Target p95 ≤ 30 ms.
(b) **Booking creation** by 20 concurrent clients (processes, each with its
    own database connection) through ``services.request_booking``, most of
    them fighting over the same few times, some over a whole hall and its
    halves. Target p95 ≤ 60 ms, and zero double bookings: afterwards a query
    looks for two confirmed slots of the same leaf space that overlap.
    PostgreSQL is the production database; on SQLite writers queue on the
    database lock.

The bench building ("Benkehallen", Bærum) and its bookings are made once and
kept (idempotent); the concurrency run removes its own bookings afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import multiprocessing
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.directory_search import counting_queries
from bench.registry import DEFAULT_HOST
from bench.server import (
    DEFAULT_DATABASE_URL,
    VAR,
    engine_name,
    prepare,
    production_env,
    redact,
)
from bench.stats import percentile

BUILDING = "Benkehallen"
ROOMS = 50
BOOKINGS = 20_000
WEEK_TARGET_P95_MS = 30.0
CREATE_TARGET_P95_MS = 60.0
CONCURRENT_PURPOSE = "Benk: samtidige bookinger"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.premises_booking",
        description="Time the premises week view and concurrent booking creation.",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="DATABASE_URL of the bench database (default: $DATABASE_URL, else var/bench.sqlite3)",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"municipality ({DEFAULT_HOST})")
    parser.add_argument("--rooms", type=int, default=ROOMS, help=f"rooms ({ROOMS})")
    parser.add_argument("--bookings", type=int, default=BOOKINGS, help=f"bookings ({BOOKINGS})")
    parser.add_argument("--requests", type=int, default=500, help="measured page views (500)")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured page views (30)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent bookers (20)")
    parser.add_argument("--per-client", type=int, default=25, help="bookings per client (25)")
    parser.add_argument(
        "--skip-prepare", action="store_true", help="skip collectstatic, migrate and load_demo"
    )
    parser.add_argument(
        "--celery-broker",
        default=os.environ.get("CELERY_BROKER_URL") or None,
        help=(
            "broker URL, as in production (e.g. redis://127.0.0.1:6379/15): booking e-mails "
            "are queued, not built in the request; the queue is emptied afterwards "
            "(default: $CELERY_BROKER_URL, else none: tasks run inline)"
        ),
    )
    parser.add_argument("--output", type=Path, default=VAR / "bench", help="JSON directory")
    return parser.parse_args(argv)


def _monday() -> dt.date:
    from django.utils import timezone

    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


def ensure_data(host: str, rooms: int, bookings: int) -> Any:
    """The bench building with ``rooms`` rooms (the first a hall with two
    halves) and ``bookings`` confirmed bookings over a year around today."""
    from django.db import transaction

    from dugnad.municipalities.models import MunicipalityHost
    from dugnad.people.models import User
    from dugnad.premises.models import Booking, BookingSlot, Building, OpeningHours, Space
    from dugnad.premises.opening import zone

    municipality = MunicipalityHost.objects.get(hostname=host).municipality
    with transaction.atomic():
        building, created = Building.objects.get_or_create(
            municipality=municipality,
            name=BUILDING,
            defaults={"kind": Building.Kind.SPORTS_HALL, "closed_on_holidays": False},
        )
        if created:
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    municipality=municipality,
                    building=building,
                    weekday=day,
                    opens=dt.time(7),
                    closes=dt.time(23),
                )
                for day in range(7)
            )
        hall, _ = Space.objects.get_or_create(
            municipality=municipality,
            building=building,
            name="Hall 00",
            defaults={"kind": Space.Kind.HALL, "capacity": 200},
        )
        for half in ("Hall 00 A", "Hall 00 B"):
            Space.objects.get_or_create(
                municipality=municipality,
                building=building,
                name=half,
                defaults={"kind": Space.Kind.HALL_PART, "parent": hall, "capacity": 100},
            )
        for number in range(1, rooms - 2):
            Space.objects.get_or_create(
                municipality=municipality,
                building=building,
                name=f"Rom {number:02d}",
                defaults={"kind": Space.Kind.MEETING_ROOM, "capacity": 20},
            )
    existing = Booking.objects.filter(space__building=building).exclude(purpose=CONCURRENT_PURPOSE)
    if existing.count() >= bookings:
        return building
    person, _ = User.objects.get_or_create(
        email="benk@bench.invalid", defaults={"full_name": "Benk Bruker"}
    )
    leaves = [s for s in Space.objects.filter(building=building) if not s.parts.exists()]
    monday = _monday() - dt.timedelta(weeks=26)
    per_room = bookings // len(leaves) + 1
    made = 0
    rows: list[Booking] = []
    for index, space in enumerate(leaves):
        for n in range(per_room):
            if made >= bookings:
                break
            week, slot = divmod(n, 14)  # 14 two-hour slots a week: 7 days × 16 and 19
            day = monday + dt.timedelta(weeks=week, days=slot % 7)
            hour = 16 if slot < 7 else 19
            start = dt.datetime.combine(day, dt.time(hour), tzinfo=zone())
            rows.append(
                Booking(
                    municipality=municipality,
                    space=space,
                    person=person,
                    purpose=f"Trening {index}",
                    start=start,
                    end=start + dt.timedelta(hours=2),
                    status="confirmed",
                )
            )
            made += 1
    Booking.objects.filter(space__building=building).delete()
    with transaction.atomic():
        created_rows = Booking.objects.bulk_create(rows, batch_size=2000)
        BookingSlot.objects.bulk_create(
            (
                BookingSlot(
                    municipality=municipality,
                    booking=booking,
                    space_id=booking.space_id,
                    start=booking.start,
                    end=booking.end,
                    status="confirmed",
                )
                for booking in created_rows
            ),
            batch_size=2000,
        )
    return building


def _summary(label: str, times: list[float], queries: list[int] | None = None) -> dict[str, Any]:
    ordered = sorted(times)
    return {
        "label": label,
        "requests": len(times),
        "p50_ms": percentile(ordered, 50),
        "p95_ms": percentile(ordered, 95),
        "p99_ms": percentile(ordered, 99),
        "queries_per_request": (sum(queries) / len(queries)) if queries else None,
    }


def measure_views(args: argparse.Namespace, building: Any) -> list[dict[str, Any]]:
    from django.test import Client
    from django.urls import reverse

    from dugnad.premises.models import Space
    from dugnad.premises.queries import iso_week

    client = Client(HTTP_HOST=args.host)
    spaces = list(Space.objects.filter(building=building).values_list("pk", flat=True))
    monday = _monday()
    weeks = [iso_week(monday + dt.timedelta(weeks=w)) for w in range(-8, 9)]
    days = [(monday + dt.timedelta(days=d)).isoformat() for d in range(-30, 31)]
    rng = random.Random(5)
    results = []
    for label, make in (
        (
            "week view of a room",
            lambda: (
                reverse("premises:space-week", args=[rng.choice(spaces)])
                + f"?uke={rng.choice(weeks)}"
            ),
        ),
        (
            "day view of the building (all rooms)",
            lambda: (
                reverse("premises:building-day", args=[building.pk]) + f"?dato={rng.choice(days)}"
            ),
        ),
    ):
        for _ in range(args.warmup):
            client.get(make())
        times: list[float] = []
        queries: list[int] = []
        for _ in range(args.requests):
            url = make()
            counter = [0.0, 0.0]
            with counting_queries(counter):
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            times.append(elapsed * 1000)
            queries.append(int(counter[0]))
        results.append(_summary(label, times, queries))
    return results


def _contested(building_id: int) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """A few times next month in the hall, its halves and two rooms: most
    requests collide with another."""
    from dugnad.premises.models import Space
    from dugnad.premises.opening import zone

    spaces = list(
        Space.objects.filter(building_id=building_id)
        .order_by("name")
        .values_list("pk", flat=True)[:5]
    )
    base = _monday() + dt.timedelta(weeks=5)
    options = []
    for space in spaces:
        for day in range(3):
            for hour in (8, 9, 10, 11):
                start = dt.datetime.combine(
                    base + dt.timedelta(days=day), dt.time(hour), tzinfo=zone()
                )
                options.append((space, start, start + dt.timedelta(hours=2)))
    return options


def _client(
    number: int, building_id: int, per_client: int, barrier: Any, queue: Any
) -> None:  # pragma: no cover (runs in a child process)
    from django.db import connection

    from dugnad.people.models import User
    from dugnad.premises import services
    from dugnad.premises.models import Space

    connection.close()  # a fresh connection of this process
    person, _ = User.objects.get_or_create(email=f"benk-{number}@bench.invalid")
    options = _contested(building_id)
    spaces = {s.pk: s for s in Space.objects.select_related("building", "municipality")}
    rng = random.Random(number)
    # Warm up outside the measurement: the connection, the person's roles,
    # the content types and the query paths of a booking: a quote, a booking
    # of a time of this client's own (two weeks after the contested ones, in
    # the last room) and a refused second try at it.
    space_id, start, end = options[0]
    services.quote(actor=person, space=spaces[space_id], start=start, end=end)
    own_space = options[-1][0]
    own_start = start + dt.timedelta(weeks=2, days=number // 4, hours=2 * (number % 4))
    for _attempt in range(2):
        with contextlib.suppress(services.BookingError):
            services.request_booking(
                actor=person,
                municipality=spaces[own_space].municipality,
                space=spaces[own_space],
                start=own_start,
                end=own_start + dt.timedelta(hours=2),
                purpose=CONCURRENT_PURPOSE,
            )
    barrier.wait()
    outcomes = []
    for _ in range(per_client):
        space_id, start, end = rng.choice(options)
        space = spaces[space_id]
        started = time.perf_counter()
        try:
            services.request_booking(
                actor=person,
                municipality=space.municipality,
                space=space,
                start=start,
                end=end,
                purpose=CONCURRENT_PURPOSE,
            )
            outcome = "confirmed"
        except services.BookingConflict:
            outcome = "refused: already booked"
        except services.BookingError as exc:
            outcome = f"refused: {exc}"
        except Exception as exc:  # noqa: BLE001 (reported, not hidden)
            outcome = f"error: {type(exc).__name__}: {exc}"
        outcomes.append(((time.perf_counter() - started) * 1000, outcome))
        if os.environ.get("BENCH_TRACE"):
            print(f"TRACE {number} {len(outcomes)} {outcomes[-1][0]:.1f} {outcome}", flush=True)
    queue.put(outcomes)


def double_bookings(building_id: int) -> int:
    """Pairs of confirmed slots of the same leaf space that overlap in time."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COUNT(*) FROM premises_bookingslot a
            JOIN premises_bookingslot b
              ON a.space_id = b.space_id AND a.id < b.id
             AND a.start < b."end" AND b.start < a."end"
            JOIN premises_space s ON s.id = a.space_id
            WHERE a.status = 'confirmed' AND b.status = 'confirmed' AND s.building_id = %s
            """,
            [building_id],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def measure_creation(args: argparse.Namespace, building: Any) -> dict[str, Any]:
    from django.db import connections

    from dugnad.premises.models import Booking

    Booking.objects.filter(purpose=CONCURRENT_PURPOSE).delete()
    connections.close_all()  # the children must not share this process's connection
    # The children are forked from this (large) process: without this, each
    # child's first garbage collection writes to every inherited object and
    # copies the whole heap page by page, in the middle of its first
    # measured bookings (as gunicorn workers would after --preload).
    gc.freeze()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(args.clients)
    queue = context.Queue()
    workers = [
        context.Process(target=_client, args=(n, building.pk, args.per_client, barrier, queue))
        for n in range(args.clients)
    ]
    for worker in workers:
        worker.start()
    outcomes: list[tuple[float, str]] = []
    for _ in workers:
        outcomes.extend(queue.get(timeout=600))
    for worker in workers:
        worker.join(timeout=60)
    counts: dict[str, int] = {}
    for _ms, outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    doubles = double_bookings(building.pk)
    Booking.objects.filter(purpose=CONCURRENT_PURPOSE).delete()
    return {
        **_summary("booking creation", [ms for ms, _ in outcomes]),
        "clients": args.clients,
        "outcomes": counts,
        "double_bookings": doubles,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = production_env(args.database_url, None)
    env["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    if args.celery_broker:
        env["CELERY_BROKER_URL"] = args.celery_broker
    database = engine_name(args.database_url)
    load_before = os.getloadavg()[0]
    if not args.skip_prepare:
        prepare(env)
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dugnad.settings"
    import django

    django.setup()
    from dugnad.premises.models import Booking

    started = dt.datetime.now(dt.UTC)
    building = ensure_data(args.host, args.rooms, args.bookings)
    existing = Booking.objects.filter(space__building=building).count()
    views = measure_views(args, building)
    creation = measure_creation(args, building)
    if args.celery_broker:
        from dugnad.celery import app

        app.control.purge()  # the bench's booking e-mails: nobody reads them
    load_after = os.getloadavg()[0]
    broker = "queued to the broker" if args.celery_broker else "sent inline"
    print(
        f"Premises booking, {database}: {BUILDING} with {args.rooms} rooms and "
        f"{existing:,} bookings; e-mails {broker}; "
        f"load average {load_before:.1f} → {load_after:.1f}"
    )
    print(f"{'':40} {'n':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'queries':>8}")
    for s in [*views, creation]:
        queries = s["queries_per_request"]
        shown = "-" if queries is None else f"{queries:.1f}"
        print(
            f"{s['label']:40} {s['requests']:>6} {s['p50_ms']:>7.1f} {s['p95_ms']:>7.1f} "
            f"{s['p99_ms']:>7.1f} {shown:>8}"
        )
    print(f"Outcomes of {creation['clients']} concurrent clients: {creation['outcomes']}")
    print(f"Double bookings found afterwards: {creation['double_bookings']}")
    week = views[0]
    print(
        f"Week view p95 ≤ {WEEK_TARGET_P95_MS:g} ms: "
        + ("met." if week["p95_ms"] <= WEEK_TARGET_P95_MS else "missed.")
    )
    print(
        f"Booking creation p95 ≤ {CREATE_TARGET_P95_MS:g} ms with no double booking: "
        + (
            "met."
            if creation["p95_ms"] <= CREATE_TARGET_P95_MS and creation["double_bookings"] == 0
            else "missed."
        )
    )
    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / f"premises-booking-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    document = {
        "started_at": started.isoformat(),
        "database": database,
        "celery_broker": redact(args.celery_broker) if args.celery_broker else None,
        "database_url": redact(args.database_url),
        "host": args.host,
        "rooms": args.rooms,
        "bookings": existing,
        "load_average_1m": [load_before, load_after],
        "views": views,
        "creation": creation,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"Result: {path}")
    return 0 if creation["double_bookings"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
