"""``python -m bench.volunteering_signup``: 20 clients race for the last free place.

Each round makes a shift with one place; 20 logged-in volunteers, all accepted
for the need, POST "take the shift" at the same moment (a barrier releases
them) to gunicorn on loopback with the production settings of ``python -m
bench`` (sessions in Redis, as production keeps them). The requests are what
the need page sends with htmx (``HX-Request``; ``--plain-form`` sends the
no-JavaScript form post instead). One must get the place (200 with htmx, 302
without), the others "the shift is full" (409).
After all rounds the database is asked whether any shift has more confirmed
sign-ups than places (it must not).

Reports p50/p95/p99 of the sign-up requests (ms, wall clock). Options:
``--rounds`` (50), ``--clients`` (20), ``--skip-prepare``, ``--workers`` (one
per core), ``--worker-class`` (sync), ``--threads`` (4, for gthread),
``--redis-url`` (``redis://127.0.0.1:6379/14``; ``none`` for database
sessions) and ``--plain-form``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.registry import DEFAULT_HOST
from bench.server import (
    DEFAULT_DATABASE_URL,
    ROOT,
    VAR,
    ServerConfig,
    engine_name,
    free_port,
    prepare,
    production_env,
    redact,
    running_server,
)
from bench.stats import percentile

TARGET_P95_MS = 60.0
WARM_UP_ROUNDS = 5
CSRF = "benchcsrftoken0123456789abcdefgh"  # 32 characters: an unmasked secret


def email(i: int) -> str:
    return f"vakt{i:02d}.bench@baerum.demo"


def _django(env: dict[str, str], code: str) -> object:
    script = (
        "import json, os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'dugnad.settings')\n"
        "django.setup()\n" + code
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def set_up(env: dict[str, str], clients: int, rounds: int) -> tuple[list[int], list[str]]:
    emails = [email(i) for i in range(clients)]
    result = _django(
        env,
        "from bench.django_setup import session_cookie\n"
        "from dugnad.volunteering.benchdata import signup_race\n"
        f"emails = {emails!r}\n"
        f"ids = signup_race(emails=emails, rounds={rounds})\n"
        "print(json.dumps({'shifts': ids, 'cookies': [session_cookie(e) for e in emails]}))",
    )
    assert isinstance(result, dict)  # noqa: S101
    return result["shifts"], result["cookies"]


def over_capacity(env: dict[str, str], shift_ids: list[int]) -> int:
    result = _django(
        env,
        "from django.db.models import Count, F, Q\n"
        "from dugnad.volunteering.models import Shift\n"
        f"ids = {shift_ids!r}\n"
        "n = Shift.objects.filter(pk__in=ids).annotate(c=Count('signups', "
        "filter=Q(signups__status='confirmed'))).filter(c__gt=F('places')).count()\n"
        "print(json.dumps(n))",
    )
    assert isinstance(result, int)  # noqa: S101
    return result


def request_bytes(port: int, shift: int, cookie: str, htmx: bool) -> bytes:
    """The whole HTTP request, built before the race: the load generator shares
    the server's two cores, so it does as little as it can while measuring."""
    body = f"csrfmiddlewaretoken={CSRF}"
    headers = [
        f"POST /frivillighet/vakter/{shift}/ta/ HTTP/1.1",
        f"Host: {DEFAULT_HOST}:{port}",
        f"Cookie: {cookie}; csrftoken={CSRF}",
        "Content-Type: application/x-www-form-urlencoded",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    if htmx:
        headers += ["HX-Request: true", f"HX-Target: shift-{shift}"]
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


def take(port: int, request: bytes) -> tuple[int, float]:
    """Send ``request`` on a new connection; its status and the time until the
    server closed the connection after the response (ms)."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    elapsed = (time.perf_counter() - started) * 1000
    status_line = b"".join(chunks).split(b"\r\n", 1)[0]
    return int(status_line.split()[1]), elapsed


def race(port: int, shift: int, cookies: list[str], htmx: bool) -> list[tuple[int, float]]:
    barrier = threading.Barrier(len(cookies))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(request: bytes) -> None:
        barrier.wait()
        outcome = take(port, request)
        with lock:
            results.append(outcome)

    requests = [request_bytes(port, shift, cookie, htmx) for cookie in cookies]
    threads = [threading.Thread(target=client, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.volunteering_signup")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    # As README's "Running in production" recommends: one sync worker per core.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-prepare", action="store_true")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--plain-form", action="store_true")
    args = parser.parse_args(argv)
    redis_url = None if args.redis_url == "none" else args.redis_url
    env = production_env(args.database_url, redis_url)
    htmx = not args.plain_form
    won = 302 if args.plain_form else 200
    if not args.skip_prepare:
        prepare(env)
    shift_ids, cookies = set_up(env, args.clients, args.rounds + WARM_UP_ROUNDS)
    port = free_port()
    config = ServerConfig(args.workers, args.worker_class, args.threads)
    print(
        f"Sign-up race: {engine_name(args.database_url)} ({redact(args.database_url)}), "
        f"{config.describe()}, sessions in {'Redis' if redis_url else 'the database'}, "
        f"{'plain form posts' if args.plain_form else 'htmx posts'}, "
        f"{args.clients} clients × {args.rounds} shifts with one place; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()[0]
    times: list[float] = []
    statuses: Counter[int] = Counter()
    winners: list[int] = []
    with running_server(env, config, port, Path(VAR) / "bench" / "signup-gunicorn.log"):
        # Warm-up, not measured: every worker thread serves requests, so no
        # measured request pays for a worker's first templates and connection.
        for shift in shift_ids[:WARM_UP_ROUNDS]:
            race(port, shift, cookies, htmx)
        for shift in shift_ids[WARM_UP_ROUNDS:]:
            results = race(port, shift, cookies, htmx)
            statuses.update(status for status, _ms in results)
            winners.append(sum(1 for status, _ms in results if status == won))
            times.extend(ms for _status, ms in results)
    over = over_capacity(env, shift_ids)
    times.sort()
    p50, p95, p99 = (percentile(times, q) for q in (50, 95, 99))
    print(f"requests {len(times)}, statuses {dict(sorted(statuses.items()))}")
    print(f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (target p95 ≤ {TARGET_P95_MS:g})")
    print(f"places taken per shift: {dict(Counter(winners))}; shifts over capacity: {over}")
    VAR.joinpath("bench").mkdir(parents=True, exist_ok=True)
    path = VAR / "bench" / f"volunteering-signup-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    document = {
        "started_at": started.isoformat(),
        "database": engine_name(args.database_url),
        "database_url": redact(args.database_url),
        "server": config.describe(),
        "sessions": "redis" if redis_url else "database",
        "requests_sent_as": "plain form" if args.plain_form else "htmx",
        "clients": args.clients,
        "rounds": args.rounds,
        "load_average_1m": [load_before, os.getloadavg()[0]],
        "statuses": dict(sorted(statuses.items())),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "places_taken_per_shift": dict(Counter(winners)),
        "shifts_over_capacity": over,
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    print(f"Result: {path}")
    return 1 if over or any(w != 1 for w in winners) else 0


if __name__ == "__main__":
    raise SystemExit(main())
