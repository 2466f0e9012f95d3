"""Scheduled volunteering jobs for Celery beat (see ``CELERY_BEAT_SCHEDULE`` in
settings and the README); the management commands run the same functions."""

from __future__ import annotations

from celery import shared_task

from dugnad.volunteering.escalation import escalate_unanswered
from dugnad.volunteering.reminders import send_renewal_reminders, send_shift_reminders


@shared_task(name="dugnad.volunteering.tasks.send_reminders")
def send_reminders() -> dict[str, int]:
    return {"shifts": send_shift_reminders(), "renewals": send_renewal_reminders()}


@shared_task(name="dugnad.volunteering.tasks.escalate")
def escalate() -> int:
    return escalate_unanswered()
