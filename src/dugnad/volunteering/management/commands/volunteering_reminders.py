"""``manage.py volunteering_reminders``: shift reminders for tomorrow and police
certificate renewal reminders. Safe to run as often as you like (each reminder
is sent once); run it daily, e.g. at 12:00, or let Celery beat do it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dugnad.volunteering.reminders import send_renewal_reminders, send_shift_reminders


class Command(BaseCommand):
    help = "Send tomorrow's shift reminders and police certificate renewal reminders (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        shifts = send_shift_reminders()
        renewals = send_renewal_reminders()
        self.stdout.write(f"Shift reminders sent: {shifts}. Renewal reminders sent: {renewals}.")
