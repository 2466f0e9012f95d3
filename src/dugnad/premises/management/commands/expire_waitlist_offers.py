"""``manage.py expire_waitlist_offers``: expire waiting-list offers past their time limit."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dugnad.premises.waitlist import expire_offers


class Command(BaseCommand):
    help = (
        "Expire waiting-list offers that were not confirmed in time and offer each time "
        "to the next in line. Run it often (e.g. every 10 minutes from cron or Celery beat)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_offers()
        self.stdout.write(f"Expired {count} offer(s).")
