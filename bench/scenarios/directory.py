"""The organisation directory at national scale: 72,800 organisations loaded.

The targets of the directory issue: the directory page, and a search with
text and two filters (main category 1, culture and leisure; district
Rykkinn) whose first page is rendered with its facet counts.
"""

from __future__ import annotations

from bench.registry import Scenario, Target, register


def _national_register() -> None:
    from django.db import connection  # Django is set up here

    from dugnad.directory.national import NATIONAL_COUNT, load_national

    load_national(count=NATIONAL_COUNT)  # idempotent: a kept bench database loads nothing
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would gather them after a bulk load
        # in production (it may be off on a development server): without them
        # PostgreSQL plans the searches for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


register(
    Scenario(
        name="directory",
        description="Directory page and search with 72,800 organisations nationwide.",
        targets=(
            Target(label="directory page", path="/organisasjoner/"),
            Target(
                label="search 'korps', culture, Rykkinn",
                path="/organisasjoner/?q=korps&kategori=1&bydel=rykkinn",
            ),
        ),
        setup=_national_register,
    )
)
