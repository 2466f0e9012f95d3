"""Interest left unanswered goes to the volunteer centre (frivilligsentral).

When a coordinator has not accepted or declined an interested person within
the need's ``escalate_after_days`` (or ``DUGNAD_VOLUNTEERING_ESCALATE_AFTER_DAYS``,
default 5), the engagement is marked escalated and the coordinators of the
municipality's volunteer centres get an e-mail; they see the escalated
interests in a list. Marking is an ``UPDATE … WHERE escalated_at IS NULL``,
so a rerun never escalates (or mails) twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dugnad.after_commit import mail_after_commit
from dugnad.municipalities.models import Municipality, Service
from dugnad.volunteering.models import Engagement, EngagementStatus, NeedStatus
from dugnad.volunteering.permissions import coordinator_assignments


def default_days() -> int:
    return int(getattr(settings, "DUGNAD_VOLUNTEERING_ESCALATE_AFTER_DAYS", 5))


def centre_people(municipality: Municipality) -> list[str]:
    """E-mail addresses of the volunteer centres and their coordinators."""
    centres = Service.objects.filter(municipality=municipality, kind=Service.Kind.VOLUNTEER_CENTRE)
    addresses = set(centres.exclude(email="").values_list("email", flat=True))
    addresses |= set(
        coordinator_assignments(municipality.pk, Service, centres.values("pk")).values_list(
            "user__email", flat=True
        )
    )
    return sorted(a for a in addresses if a)


def escalate_unanswered(*, now: datetime.datetime | None = None) -> int:
    """Escalate every interest older than its limit; returns how many."""
    now = now or timezone.now()
    default = default_days()
    waiting = Engagement.objects.filter(
        status=EngagementStatus.INTERESTED,
        escalated_at__isnull=True,
        need__status=NeedStatus.PUBLISHED,
        created_at__lte=now - datetime.timedelta(days=1),
    ).select_related(
        "need__service", "need__organisation", "need__district", "person", "municipality"
    )
    due: dict[int, list[Engagement]] = defaultdict(list)
    for engagement in waiting:
        days = engagement.need.escalate_after_days or default
        if engagement.created_at <= now - datetime.timedelta(days=days):
            due[engagement.municipality_id].append(engagement)
    escalated = 0
    for engagements in due.values():
        municipality = engagements[0].municipality
        with transaction.atomic():
            marked = [
                e
                for e in engagements
                if Engagement.objects.filter(pk=e.pk, escalated_at__isnull=True).update(
                    escalated_at=now
                )
            ]
            if not marked:
                continue
            escalated += len(marked)
            to = centre_people(municipality)
            with translation.override(municipality.default_language or "nb"):
                subject = _("Unanswered volunteers: %(count)s") % {"count": len(marked)}
                lines = [
                    _("“%(title)s” (%(owner)s): %(name)s, interested since %(date)s")
                    % {
                        "title": e.need.title,
                        "owner": e.need.owner.name,
                        "name": e.person.full_name or e.person.email,
                        "date": timezone.localtime(e.created_at).date().isoformat(),
                    }
                    for e in marked
                ]
                body = (
                    _(
                        "Nobody has answered these people who want to volunteer. Please "
                        "follow them up; the list is under Coordinate volunteers."
                    )
                    + "\n\n"
                    + "\n".join(lines)
                )
            if to:
                mail_after_commit(subject, body, to)
    return escalated


def escalated_in(municipality: Municipality) -> QuerySet[Engagement]:
    """The open escalated interests, oldest first."""
    return (
        Engagement.objects.filter(
            municipality=municipality,
            escalated_at__isnull=False,
            status=EngagementStatus.INTERESTED,
        )
        .select_related("need__service", "need__organisation", "person")
        .order_by("created_at", "pk")
    )
