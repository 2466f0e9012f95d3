"""``python -m bench.volunteering_signup``: 20 clients race for the last free place.

Each round makes a shift with one place; 20 logged-in volunteers, all accepted
for the need, POST "take the shift" at the same moment (a barrier releases
them) to gunicorn on loopback with the production settings of ``python -m
bench``. One must get the place (302), the others "the shift is full" (409).
After all rounds the database is asked whether any shift has more confirmed
sign-ups than places (it must not).

Reports p50/p95/p99 of the sign-up requests (ms, wall clock). Options:
``--rounds`` (50), ``--clients`` (20), ``--skip-prepare``, ``--workers`` (4),
``--worker-class`` (gthread, as ``python -m bench``) and ``--threads`` (4).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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


def take(port: int, shift: int, cookie: str) -> tuple[int, float]:
    body = f"csrfmiddlewaretoken={CSRF}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    try:
        conn.request(
            "POST",
            f"/frivillighet/vakter/{shift}/ta/",
            body=body,
            headers={
                "Host": f"{DEFAULT_HOST}:{port}",
                "Cookie": f"{cookie}; csrftoken={CSRF}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def race(port: int, shift: int, cookies: list[str]) -> list[tuple[int, float]]:
    barrier = threading.Barrier(len(cookies))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(cookie: str) -> None:
        barrier.wait()
        outcome = take(port, shift, cookie)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=client, args=(c,)) for c in cookies]
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
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args(argv)
    env = production_env(args.database_url, None)
    if not args.skip_prepare:
        prepare(env)
    shift_ids, cookies = set_up(env, args.clients, args.rounds)
    port = free_port()
    config = ServerConfig(args.workers, args.worker_class, args.threads)
    print(
        f"Sign-up race: {engine_name(args.database_url)} ({redact(args.database_url)}), "
        f"{config.describe()}, {args.clients} clients × {args.rounds} shifts with one place; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    times: list[float] = []
    statuses: Counter[int] = Counter()
    winners: list[int] = []
    with running_server(env, config, port, Path(VAR) / "bench" / "signup-gunicorn.log"):
        race(port, shift_ids[0], cookies[:2])  # warm the workers up; not measured
        for shift in shift_ids[1:]:
            results = race(port, shift, cookies)
            statuses.update(status for status, _ms in results)
            winners.append(sum(1 for status, _ms in results if status == 302))
            times.extend(ms for _status, ms in results)
    over = over_capacity(env, shift_ids)
    times.sort()
    p50, p95, p99 = (percentile(times, q) for q in (50, 95, 99))
    print(f"requests {len(times)}, statuses {dict(sorted(statuses.items()))}")
    print(f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (target p95 ≤ {TARGET_P95_MS:g})")
    print(f"places taken per shift: {dict(Counter(winners))}; shifts over capacity: {over}")
    return 1 if over or any(w != 1 for w in winners) else 0


if __name__ == "__main__":
    raise SystemExit(main())
