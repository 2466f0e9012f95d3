"""The scenario registry: what a benchmark run requests, and what data it needs.

This module imports nothing from Django, so the harness process that starts
the server and the load generator stays free of app state. Set-up hooks import
Django inside the function; they run in a separate, Django-configured process
(:mod:`bench.django_setup`) against the bench database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.stats import TARGET_P95_MS, TARGET_RATIO

DEFAULT_HOST = "baerum.localhost"


@dataclass(frozen=True)
class Target:
    """One URL to measure."""

    label: str
    path: str
    # Municipalities are chosen by host name, so the host is part of the URL.
    host: str = DEFAULT_HOST
    # E-mail of a user whose (freshly created) session the requests carry;
    # None for an anonymous visitor.
    login: str | None = None
    # The figures its issue names: p95 (ms) at most and the throughput ratio
    # to the trivial view at least (None: no throughput figure).
    target_p95_ms: float = TARGET_P95_MS
    target_ratio: float | None = TARGET_RATIO

    @property
    def url(self) -> str:
        return f"//{self.host}{self.path}"


@dataclass(frozen=True)
class Scenario:
    """A named set of URLs, with optional data set-up.

    ``setup`` runs after ``migrate`` and ``load_demo`` in a Django process with
    the bench settings; it must be idempotent, because the bench database is
    kept between runs (loading 72,800 organisations every run would dominate
    the run time).
    """

    name: str
    description: str
    targets: tuple[Target, ...]
    setup: Callable[[], None] | None = field(default=None, compare=False)


# The trivial view every run measures first: it goes through the same server,
# middleware (host → municipality included) and connection handling as any
# page, so the ratio to it isolates what a page's own work costs.
BASELINE = Target(label="trivial view (baseline)", path="/helse/")

_SCENARIOS: dict[str, Scenario] = {}


def register(scenario: Scenario) -> Scenario:
    """Add a scenario; modules call this from ``bench/scenarios/<module>.py``."""
    if scenario.name in _SCENARIOS and _SCENARIOS[scenario.name] != scenario:
        raise ValueError(f"Benchmark scenario {scenario.name!r} is registered twice.")
    _SCENARIOS[scenario.name] = scenario
    return scenario


def get(name: str) -> Scenario:
    _load_all()
    try:
        return _SCENARIOS[name]
    except KeyError:
        raise KeyError(f"Unknown scenario {name!r}; known: {', '.join(names())}") from None


def names() -> list[str]:
    _load_all()
    return sorted(_SCENARIOS)


def _load_all() -> None:
    # Importing the package imports every scenario module in it.
    import bench.scenarios  # noqa: F401
