"""Pure helpers: percentiles, per-URL summaries and the result table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

# The directory issue's targets, the default of every URL; a URL of another
# issue names its own (``registry.Target``). The harness reports against
# them, it does not fail on them.
TARGET_P95_MS = 50.0
TARGET_RATIO = 0.5


@dataclass
class LoadResult:
    """What the load generator measured for one URL (raw, before summarising)."""

    latencies_ms: list[float]
    # Responses by status code (any status, errors included).
    statuses: dict[int, int]
    # Socket-level failures by kind (timeout, reset, ...): no response at all.
    socket_errors: dict[str, int]
    elapsed_s: float
    # CPU time used during the measured phase by the server (all gunicorn
    # processes) and by the load generator itself.
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0


@dataclass
class UrlSummary:
    scenario: str
    label: str
    url: str
    requests: int
    ok: int
    errors: int
    elapsed_s: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    server_cpu_ms_per_request: float
    client_cpu_ms_per_request: float
    statuses: dict[int, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    ratio: float | None = None
    # What this URL's issue asks: p95 at most, and the ratio to the trivial
    # view at least (None: the issue names no throughput figure).
    target_p95_ms: float = TARGET_P95_MS
    target_ratio: float | None = TARGET_RATIO

    def meets_targets(self) -> bool:
        ratio_ok = (
            self.target_ratio is None or self.ratio is None or self.ratio >= self.target_ratio
        )
        return self.errors == 0 and self.p95_ms <= self.target_p95_ms and ratio_ok

    def describe_targets(self) -> str:
        ratio = "" if self.target_ratio is None else f", ratio ≥ {self.target_ratio:g}"
        return f"p95 ≤ {self.target_p95_ms:g} ms{ratio}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["meets_targets"] = self.meets_targets()
        return data


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``, interpolating linearly between
    the closest ranks (numpy's default), so small samples give stable figures.
    NaN for no values.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0-100, not {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    fraction = position - lower
    return ordered[lower] + (ordered[upper] - ordered[lower]) * fraction


def is_error_status(status: int) -> bool:
    """Anything but 2xx and 3xx is an error (a redirect is a valid answer)."""
    return not 200 <= status < 400


def summarise(
    scenario: str,
    label: str,
    url: str,
    result: LoadResult,
    baseline_rps: float | None,
    target_p95_ms: float = TARGET_P95_MS,
    target_ratio: float | None = TARGET_RATIO,
) -> UrlSummary:
    ok = sum(n for status, n in result.statuses.items() if not is_error_status(status))
    responses = sum(result.statuses.values())
    socket_errors = sum(result.socket_errors.values())
    # Throughput counts only good answers: a page that fails fast must not look fast.
    rps = ok / result.elapsed_s if result.elapsed_s > 0 else 0.0
    latencies = result.latencies_ms
    requests = responses + socket_errors
    return UrlSummary(
        scenario=scenario,
        label=label,
        url=url,
        requests=requests,
        ok=ok,
        errors=responses - ok + socket_errors,
        elapsed_s=result.elapsed_s,
        rps=rps,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        mean_ms=sum(latencies) / len(latencies) if latencies else math.nan,
        max_ms=max(latencies) if latencies else math.nan,
        server_cpu_ms_per_request=result.server_cpu_s * 1000 / requests if requests else math.nan,
        client_cpu_ms_per_request=result.client_cpu_s * 1000 / requests if requests else math.nan,
        statuses=dict(sorted(result.statuses.items())),
        socket_errors=dict(result.socket_errors),
        ratio=rps / baseline_rps if baseline_rps else None,
        target_p95_ms=target_p95_ms,
        target_ratio=target_ratio,
    )


_COLUMNS = (
    "URL",
    "requests",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "ratio",
    "server CPU ms/req",
)


def table_rows(summaries: Sequence[UrlSummary]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [_COLUMNS]
    for s in summaries:
        rows.append(
            (
                f"{s.label}  {s.url}",
                str(s.requests),
                f"{s.rps:.0f}",
                f"{s.p50_ms:.1f}",
                f"{s.p95_ms:.1f}",
                f"{s.p99_ms:.1f}",
                str(s.errors),
                "-" if s.ratio is None else f"{s.ratio:.2f}",
                f"{s.server_cpu_ms_per_request:.2f}",
            )
        )
    return rows


def format_table(summaries: Sequence[UrlSummary]) -> str:
    """A plain-text table: first column left-aligned, figures right-aligned."""
    rows = table_rows(summaries)
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_markdown(summaries: Sequence[UrlSummary]) -> str:
    """The same table as Markdown, for pasting into BENCHMARKS.md."""
    rows = table_rows(summaries)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" + "---:|" * (len(rows[0]) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)
