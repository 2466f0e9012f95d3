"""``python -m bench.directory_search``: the directory search's uncached server time.

The load generator of ``python -m bench`` asks for the same URL again and
again, so after the warm-up it measures the public page cache, not the
search. This measures what the first visitor of a search waits for: the whole
request (middleware, the search with its facet counts, the rendered page),
in-process through Django's request handler with the production settings of
the bench server, on the bench database with the national register loaded.

Every request misses the page cache: the URLs rotate through realistic text
queries × (category, district) filter pairs of the municipality, and each one
carries a parameter the view ignores with a fresh value (``_n=<i>``), the way
a new search string would. Cache misses also store the page, as in production.
The municipality's facet index (``directory/search_index.py``) is built by the
first request and reused while the content stays the same, as in production;
the series "search after a change" bumps the content version before each of
its requests, so each one builds the index anew.

Reports p50/p95/p99 (ms, wall clock) and the CPU time of this process for
the searches, the issue's own search (``q=korps&kategori=1&bydel=rykkinn``),
the directory page without a query and the issue's search right after a
change, with the database queries and their time per request.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.registry import DEFAULT_HOST
from bench.server import (
    DEFAULT_DATABASE_URL,
    VAR,
    engine_name,
    prepare,
    production_env,
    redact,
    setup_scenarios,
)
from bench.stats import percentile

TARGET_P95_MS = 30.0
# Before each request of this series the municipality's content version is
# bumped (as any edit does), so the search rebuilds the facet index first:
# what the first visitor after a change waits for.
AFTER_A_CHANGE = "search after a change (new index)"
THE_SEARCH = (("q", "korps"), ("kategori", "1"), ("bydel", "rykkinn"))
# What people type into a municipality's directory search.
TEXTS = (
    "korps",
    "fotball",
    "kor",
    "idrettslag",
    "speider",
    "barn",
    "musikk",
    "sjakk",
    "korps for barn",
    "dans",
    "seniorer",
    "frivilligsentral",
)


@dataclass
class Series:
    label: str
    times_ms: list[float] = field(default_factory=list)
    # CPU time of this process (for SQLite, the database's work included;
    # PostgreSQL's runs in its own processes): what the other load on a
    # shared machine changes least.
    cpu_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        count = len(self.times_ms)
        return {
            "label": self.label,
            "requests": count,
            "p50_ms": round(percentile(self.times_ms, 50), 2),
            "p95_ms": round(percentile(self.times_ms, 95), 2),
            "p99_ms": round(percentile(self.times_ms, 99), 2),
            "mean_ms": round(sum(self.times_ms) / count, 2) if count else 0.0,
            "cpu_p50_ms": round(percentile(self.cpu_ms, 50), 2),
            "cpu_p95_ms": round(percentile(self.cpu_ms, 95), 2),
            "max_ms": round(max(self.times_ms, default=0.0), 2),
            "queries_per_request": round(sum(self.queries) / count, 1) if count else 0.0,
            "db_ms_per_request": round(sum(self.db_ms) / count, 2) if count else 0.0,
        }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.directory_search",
        description="Time the directory search in-process, every request a page-cache miss.",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="DATABASE_URL of the bench database (default: $DATABASE_URL, else var/bench.sqlite3)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or None)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"municipality ({DEFAULT_HOST})")
    parser.add_argument("--requests", type=int, default=600, help="measured searches (600)")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured requests first (30)")
    parser.add_argument(
        "--skip-prepare",
        action="store_true",
        help="skip collectstatic, migrate, load_demo and the national register",
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the searches")
    parser.add_argument("--output", type=Path, default=VAR / "bench", help="JSON directory")
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    return args


def search_urls(host: str) -> list[tuple[str, str]]:
    """(series, path) pairs: texts × filter pairs, the issue's search, the bare page."""
    from dugnad.directory.models import IcnpoCategory
    from dugnad.municipalities.models import District, MunicipalityHost

    municipality = MunicipalityHost.objects.select_related("municipality").get(hostname=host)
    districts = list(
        District.objects.filter(municipality=municipality.municipality_id)
        .order_by("name")
        .values_list("slug", flat=True)
    )
    categories = list(
        IcnpoCategory.objects.filter(parent__isnull=True)
        .order_by("sort_key")
        .values_list("code", flat=True)
    )
    urls: list[tuple[str, str]] = []
    for i, text in enumerate(TEXTS):
        for j in range(4):
            category = categories[(i + j) % len(categories)]
            district = districts[(3 * i + j) % len(districts)] if districts else ""
            params = [("q", text), ("kategori", category)]
            if district:
                params.append(("bydel", district))
            urls.append(("searches (text + 2 filters)", "/organisasjoner/?" + urlencode(params)))
    urls.append(("the issue's search", "/organisasjoner/?" + urlencode(THE_SEARCH)))
    urls.append(("directory page, no query", "/organisasjoner/?"))
    urls.append((AFTER_A_CHANGE, "/organisasjoner/?" + urlencode(THE_SEARCH)))
    return urls


@contextmanager
def counting_queries(counter: list[float]) -> Iterator[None]:
    """Count the queries of all connections and add up their time (counter = [n, s])."""
    from django.db import connections

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            counter[0] += 1
            counter[1] += time.perf_counter() - started

    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(wrapper))
        yield


def measure(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.test import Client

    from dugnad.directory.models import Organisation
    from dugnad.municipalities.models import MunicipalityHost
    from dugnad.municipalities.page_cache import bump_content_version

    urls = search_urls(args.host)
    municipality_id = MunicipalityHost.objects.get(hostname=args.host).municipality_id
    client = Client(HTTP_HOST=args.host)
    series: dict[str, Series] = {}
    # The bare page and the search are single URLs: ask for them as
    # often as for each other search, in turn with the rotation.
    rotation = [u for u in urls if u[0].startswith("searches")]
    singles = [u for u in urls if not u[0].startswith("searches")]
    schedule: list[tuple[str, str]] = []
    per_round = len(rotation) // 4 or 1
    i = 0
    while len(schedule) < args.requests:
        schedule.extend(rotation[i : i + per_round])
        schedule.extend(singles)
        i = (i + per_round) % len(rotation)
    schedule = schedule[: args.requests]

    def get(path: str, n: int) -> bytes:
        sep = "" if path.endswith("?") else "&"
        response = client.get(f"{path}{sep}_n={n}")
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        body: bytes = response.content
        return body

    for n in range(args.warmup):
        get(schedule[n % len(schedule)][1], -1 - n)
    profiler = cProfile.Profile() if args.profile else None
    for n, (label, path) in enumerate(schedule):
        if label == AFTER_A_CHANGE:
            bump_content_version(municipality_id)
        counter = [0.0, 0.0]
        with counting_queries(counter):
            if profiler is not None:
                profiler.enable()
            started, cpu_started = time.perf_counter(), time.thread_time()
            body = get(path, n)
            elapsed, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
            if profiler is not None:
                profiler.disable()
        if b'name="kategori"' not in body:
            raise RuntimeError(f"{path}: no category facet in the page")
        s = series.setdefault(label, Series(label))
        s.times_ms.append(elapsed * 1000)
        s.cpu_ms.append(cpu * 1000)
        s.queries.append(int(counter[0]))
        s.db_ms.append(counter[1] * 1000)
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue(), file=sys.stderr)

    municipality = MunicipalityHost.objects.get(hostname=args.host).municipality
    every = Series("all requests")
    for s in series.values():
        every.times_ms += s.times_ms
        every.cpu_ms += s.cpu_ms
        every.queries += s.queries
        every.db_ms += s.db_ms
    return {
        "organisations": Organisation.objects.count(),
        "organisations_listed_here": Organisation.objects.in_municipality(municipality)
        .listed()
        .count(),
        "distinct_urls": len(urls),
        "series": [s.summary() for s in series.values()] + [every.summary()],
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = production_env(args.database_url, args.redis_url)
    database = engine_name(args.database_url)
    load_before = os.getloadavg()[0]
    if not args.skip_prepare:
        prepare(env)
        setup_scenarios(env, ["directory"], [])
    # This process becomes the production Django process.
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dugnad.settings"
    started = dt.datetime.now(dt.UTC)
    result = measure(args)
    load_after = os.getloadavg()[0]
    print(
        f"Directory search, in-process, every request a page-cache miss: {database}, "
        f"{args.host}, {result['organisations']:,} organisations "
        f"({result['organisations_listed_here']:,} listed here), "
        f"load average {load_before:.1f} → {load_after:.1f}"
    )
    columns = ("n", "p50", "p95", "p99", "mean", "cpu p50", "cpu p95", "queries", "db ms")
    print(f"{'':30} " + " ".join(f"{c:>7}" for c in columns))
    for s in result["series"]:
        print(
            f"{s['label']:30} {s['requests']:>7} {s['p50_ms']:>7.1f} {s['p95_ms']:>7.1f} "
            f"{s['p99_ms']:>7.1f} {s['mean_ms']:>7.1f} "
            f"{s['cpu_p50_ms']:>7.1f} {s['cpu_p95_ms']:>7.1f} "
            f"{s['queries_per_request']:>7.1f} "
            f"{s['db_ms_per_request']:>7.1f}"
        )
    searches = next(s for s in result["series"] if s["label"].startswith("searches"))
    print(
        f"Target p95 ≤ {TARGET_P95_MS:g} ms for a search with text and two filters: "
        + ("met." if searches["p95_ms"] <= TARGET_P95_MS else "missed.")
    )
    args.output.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = args.output / f"directory-search-{stamp}.json"
    document = {
        "started_at": started.isoformat(),
        "database": database,
        "database_url": redact(args.database_url),
        "cache": "redis" if args.redis_url else "locmem",
        "host": args.host,
        "load_average_1m": [load_before, load_after],
        "target_p95_ms": TARGET_P95_MS,
        **result,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"Result: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
