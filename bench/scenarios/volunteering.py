"""Volunteering: the municipality's overview, a call-out's live counts and the
open-needs API, on the demo data."""

from __future__ import annotations

from bench.registry import Scenario, Target, register

COORDINATOR = "koordinator@baerum.demo"

register(
    Scenario(
        name="volunteering",
        description=(
            "The volunteering overview (aggregated in the database), the open-needs API "
            "and the call-out list, as Bærum's volunteer coordinator."
        ),
        targets=(
            Target(label="overview (16 weeks)", path="/frivillighet/oversikt/", login=COORDINATOR),
            Target(label="overview CSV", path="/frivillighet/oversikt/csv/", login=COORDINATOR),
            Target(label="call-outs list", path="/frivillighet/utkallinger/", login=COORDINATOR),
            Target(label="open needs API", path="/api/v1/volunteering/needs"),
        ),
    )
)
