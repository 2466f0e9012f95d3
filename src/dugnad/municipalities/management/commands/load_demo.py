"""``manage.py load_demo``: load the demo municipalities and people (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dugnad.directory import demo as directory_demo
from dugnad.municipalities.demo import foundation
from dugnad.premises import demo as premises_demo
from dugnad.volunteering import demo as volunteering_demo


class Command(BaseCommand):
    help = (
        "Load (or refresh) the demo data for Bærum and Asker, their directories and volunteer "
        "needs included. "
        "Safe to run again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print log-ins.")

    def handle(self, *args: Any, **options: Any) -> None:
        logins = foundation.load()
        directory = directory_demo.load()
        needs = volunteering_demo.load()
        bookings = premises_demo.load()
        if options["quiet_logins"]:
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for slug, count in directory.counts.items():
            self.stdout.write(f"  Directory of {slug}: {count} organisations")
        self.stdout.write(f"  Volunteer needs in baerum: {needs}")
        self.stdout.write(f"  Premises: {bookings} bookings added this week")
        self.stdout.write("")
        self.stdout.write("  Bærum:  http://baerum.localhost:8000/")
        self.stdout.write("  Asker:  http://asker.localhost:8000/")
        self.stdout.write(f"  Demo log-ins (password for all: {foundation.DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"    {login.email:32} {login.role} ({login.municipality})")
        for volunteer in volunteering_demo.VOLUNTEERS:
            self.stdout.write(
                f"    {volunteer.email:32} volunteer with a profile, {volunteer.name} (Bærum)"
            )
