"""``manage.py volunteering_escalate``: escalate unanswered interest to the
volunteer centres. Safe to rerun (each interest is escalated once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dugnad.volunteering.escalation import escalate_unanswered


class Command(BaseCommand):
    help = "Escalate interest left unanswered for too long to the volunteer centres (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Interests escalated: {escalate_unanswered()}.")
