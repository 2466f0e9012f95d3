"""No two confirmed bookings may occupy the same leaf space at overlapping times.

On PostgreSQL an exclusion constraint holds this (btree_gist lets ``=`` on the
space id share a GiST index with ``&&`` on the time range). SQLite has no such
constraint: there the booking service checks inside a write transaction, which
SQLite serialises (``transaction_mode: IMMEDIATE`` in the settings).
"""

from typing import Any

from django.db import migrations

CONSTRAINT = "premises_slot_no_overlap"


def add_constraint(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE premises_bookingslot ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (space_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        "WHERE (status = 'confirmed')"
    )


def drop_constraint(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE premises_bookingslot DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("premises", "0002_spaces_and_bookings")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
