"""The season allocation's and waiting lists' part of a person's data export
and account deletion.

Season applications are the organisation's case documents (the decision is an
*enkeltvedtak* that can be appealed), so they are kept when the person who sent
them deletes the account; the account row itself is anonymised, so they no
longer name the person. Waiting list entries are the person's own and are
deleted (an open offer is passed to the next in line).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from dugnad.people import privacy
from dugnad.people.models import User
from dugnad.premises.models import SeasonApplication, WaitlistEntry


def export_season(user: User) -> list[dict[str, Any]]:
    return [
        {
            "round": application.round.name,
            "organisation": application.organisation.name,
            "activity": application.activity,
            "age_group": application.age_group,
            "members": application.members,
            "submitted_at": application.submitted_at.isoformat(),
            "wishes": [
                {
                    "space": str(wish.space),
                    "weekday": wish.weekday,
                    "start": f"{wish.start_time:%H:%M}",
                    "end": f"{wish.end_time:%H:%M}",
                    "priority": wish.priority,
                }
                for wish in application.wishes.all()
            ],
        }
        for application in SeasonApplication.objects.filter(person=user)
        .select_related("round", "organisation")
        .prefetch_related("wishes__space__building")
        .order_by("submitted_at")
    ]


def export_waitlist(user: User) -> list[dict[str, Any]]:
    return [
        {
            "space": str(entry.space),
            "purpose": entry.purpose,
            "start": entry.start.isoformat(),
            "end": entry.end.isoformat(),
            "status": entry.status,
            "joined": entry.created_at.isoformat(),
        }
        for entry in WaitlistEntry.objects.filter(person=user)
        .select_related("space__building")
        .order_by("created_at")
    ]


def erase_waitlist(user: User) -> None:
    from dugnad.premises.waitlist import offer_next

    offered = list(
        WaitlistEntry.objects.filter(person=user, status=WaitlistEntry.Status.OFFERED)
        .select_related("space")
        .values_list("space_id", "start", "end")
    )
    WaitlistEntry.objects.filter(person=user).delete()
    if offered:

        def pass_on() -> None:
            from dugnad.premises.models import Space

            for space_id, start, end in offered:
                offer_next(space=Space.objects.get(pk=space_id), start=start, end=end)

        transaction.on_commit(pass_on)


privacy.register("season_applications", exporter=export_season)
privacy.register("waiting_lists", exporter=export_waitlist, eraser=erase_waitlist)
