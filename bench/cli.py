"""``python -m bench``: prepare, serve, load, report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import registry
from bench.loadgen import LoadJob, run_in_child
from bench.registry import BASELINE, Target
from bench.server import (
    DEFAULT_DATABASE_URL,
    VAR,
    ServerConfig,
    engine_name,
    free_port,
    prepare,
    production_env,
    redact,
    running_server,
    server_pids,
    setup_scenarios,
)
from bench.stats import (
    TARGET_P95_MS,
    TARGET_RATIO,
    UrlSummary,
    format_markdown,
    format_table,
    summarise,
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark the app under gunicorn with production settings on loopback.",
    )
    load = parser.add_argument_group("load")
    load.add_argument("--scenario", action="append", help="scenario to run (default: all)")
    load.add_argument("--list", action="store_true", help="list the scenarios and exit")
    load.add_argument("--concurrency", type=int, default=20, help="concurrent clients (20)")
    load.add_argument("--requests", type=int, default=2000, help="requests per URL (2000)")
    load.add_argument("--duration", type=float, default=15.0, help="max seconds per URL (15)")
    load.add_argument("--warmup-requests", type=int, default=200, help="per URL (200)")
    load.add_argument("--warmup", type=float, default=3.0, help="max warm-up seconds (3)")
    load.add_argument("--timeout", type=float, default=10.0, help="per request, seconds (10)")
    server = parser.add_argument_group("server")
    server.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="DATABASE_URL of the bench database (default: $DATABASE_URL, else var/bench.sqlite3)",
    )
    server.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or None)
    # Why gthread 2 x 4 is the default: see BENCHMARKS.md (server configuration).
    server.add_argument("--workers", type=int, default=2)
    server.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    server.add_argument("--threads", type=int, default=4, help="per gthread worker (4)")
    server.add_argument("--port", type=int, default=0, help="default: a free port")
    server.add_argument(
        "--skip-prepare",
        action="store_true",
        help="skip collectstatic, migrate and load_demo (database already prepared)",
    )
    parser.add_argument("--output", type=Path, default=VAR / "bench", help="JSON result directory")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    for name in ("concurrency", "requests"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.duration <= 0:
        parser.error("--duration must be positive")
    return args


def machine() -> dict[str, Any]:
    model = ""
    memory_kib = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass  # not Linux: report what we have
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for name in registry.names():
            print(f"{name:20} {registry.get(name).description}")
        return 0
    try:
        scenarios = [registry.get(n) for n in (args.scenario or registry.names())]
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    config = ServerConfig(args.workers, args.worker_class, args.threads)
    env = production_env(args.database_url, args.redis_url)
    started = dt.datetime.now(dt.UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    port = args.port or free_port()
    database = engine_name(args.database_url)
    print(
        f"Bench: {database} ({redact(args.database_url)}), "
        f"cache {'Redis' if args.redis_url else 'local memory'}, {config.describe()}, "
        f"{args.concurrency} clients, ≤{args.requests} requests / ≤{args.duration:g} s per URL"
    )

    # Other work on the machine shows up as slower pages; say so beside the figures.
    load_before = os.getloadavg()[0]
    if load_before > 0.5 * (os.cpu_count() or 1):
        print(f"Warning: the machine is busy (load average {load_before:.1f}); figures will vary.")

    if not args.skip_prepare:
        prepare(env)
    logins = sorted({t.login for s in scenarios for t in s.targets if t.login})
    output = setup_scenarios(env, [s.name for s in scenarios], logins)
    cookies: dict[str, str] = json.loads(output.strip().splitlines()[-1])["cookies"]

    pids: tuple[int, ...] = ()

    def job(target: Target) -> LoadJob:
        return LoadJob(
            port=port,
            host=target.host,
            path=target.path,
            cookie=cookies.get(target.login) if target.login else None,
            concurrency=args.concurrency,
            requests=args.requests,
            duration_s=args.duration,
            warmup_requests=args.warmup_requests,
            warmup_s=args.warmup,
            timeout_s=args.timeout,
            server_pids=pids,
        )

    summaries: list[UrlSummary] = []
    log_path = args.output / f"gunicorn-{stamp}.log"
    try:
        with running_server(env, config, port, log_path) as process:
            pids = server_pids(process)
            print(f"gunicorn is serving on 127.0.0.1:{port}; measuring {BASELINE.path}")
            baseline = summarise(
                "baseline", BASELINE.label, BASELINE.url, run_in_child(job(BASELINE)), None
            )
            summaries.append(baseline)
            for scenario in scenarios:
                for target in scenario.targets:
                    print(f"  {scenario.name}: {target.label} {target.url}")
                    result = run_in_child(job(target))
                    summaries.append(
                        summarise(
                            scenario.name,
                            target.label,
                            target.url,
                            result,
                            baseline.rps,
                            target.target_p95_ms,
                            target.target_ratio,
                        )
                    )
    except KeyboardInterrupt:
        print("\nInterrupted; gunicorn stopped.", file=sys.stderr)
        return 130

    print()
    print(format_table(summaries))
    if args.markdown:
        print()
        print(format_markdown(summaries))
    print()
    for summary in summaries[1:]:
        verdict = "met" if summary.meets_targets() else "missed"
        print(f"{summary.label}: {summary.describe_targets()}, no errors: {verdict}.")

    args.output.mkdir(parents=True, exist_ok=True)
    result_path = args.output / f"{stamp}.json"
    document = {
        "started_at": started.isoformat(),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(),
        "machine": machine() | {"load_average_1m": [load_before, os.getloadavg()[0]]},
        "server": {
            "command": "gunicorn dugnad.wsgi",
            "workers": config.workers,
            "worker_class": config.worker_class,
            "threads": config.threads if config.worker_class == "gthread" else 1,
            "database": database,
            "database_url": redact(args.database_url),
            "cache": "redis" if args.redis_url else "locmem",
        },
        "load": {
            "concurrency": args.concurrency,
            "requests": args.requests,
            "duration_s": args.duration,
            "warmup_requests": args.warmup_requests,
            "warmup_s": args.warmup,
        },
        "default_targets": {"p95_ms": TARGET_P95_MS, "ratio": TARGET_RATIO},
        "results": [s.as_json() for s in summaries],
    }
    result_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"Result: {result_path}")
    # Errors mean the numbers describe error pages, not the app: fail the run.
    return 1 if any(s.errors for s in summaries) else 0
