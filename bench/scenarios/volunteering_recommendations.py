"""Volunteering at scale: recommendations among 10,000 volunteers and 2,000
open needs. The shift sign-up race has its own driver,
``python -m bench.volunteering_signup``.

``BENCH_VOLUNTEERS`` and ``BENCH_NEEDS`` shrink the generated data for a quick
run on a busy machine (defaults 10,000 and 2,000). The set-up is idempotent: a
kept bench database with enough generated rows loads nothing.
"""

from __future__ import annotations

import os

from bench.registry import Scenario, Target, register

BENCH_PERSON = "frivillig.bench@baerum.demo"


def _generate() -> None:
    from django.db import connection  # Django is set up here

    from dugnad.volunteering.benchdata import generate

    generate(
        volunteers=int(os.environ.get("BENCH_VOLUNTEERS", "10000")),
        needs=int(os.environ.get("BENCH_NEEDS", "2000")),
        person_email=BENCH_PERSON,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


register(
    Scenario(
        name="volunteering-recommendations",
        description="Recommended needs for one person among 10,000 volunteers and 2,000 needs.",
        targets=(
            # The volunteering issue names p95 ≤ 50 ms for one person's
            # recommendations; it names no throughput ratio.
            Target(
                label="recommended for you",
                path="/frivillighet/mitt/forslag/",
                login=BENCH_PERSON,
                target_ratio=None,
            ),
        ),
        setup=_generate,
    )
)
