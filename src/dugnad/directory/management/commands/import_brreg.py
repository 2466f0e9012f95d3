"""``manage.py import_brreg``: keep the directory current from Brønnøysund's open data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dugnad.directory.register_import import (
    RegisterImportError,
    find_municipality,
    import_register,
    summary_lines,
)
from dugnad.directory.registers import FORMATS


class Command(BaseCommand):
    help = (
        "Import organisations from the Brønnøysund registers: Enhetsregisteret's bulk file "
        "(JSON array, gzip or not) or API pages (_embedded.enheter), and "
        "Frivillighetsregisteret's API (_embedded.frivilligeOrganisasjoner). SOURCE is a file "
        "or an http(s) URL. Nothing is changed when any source or record is invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="File path or URL.")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--municipality",
            action="append",
            metavar="SLUG|NUMBER",
            help="Import for this municipality (short name, or current or former number). "
            "Repeat for more.",
        )
        which.add_argument(
            "--all", action="store_true", help="Import for every municipality on the platform."
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="auto",
            help="The sources' format (default: recognised from each document).",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="The Enhetsregisteret sources are complete bulk files: previously imported "
            "organisations of the municipalities that are missing from them are marked "
            "deleted. Refused for API pages, which hold only part of the register.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = []
        for key in options["municipality"] or []:
            municipality = find_municipality(key)
            if municipality is None:
                raise CommandError(f"No municipality {key!r} on this platform.")
            municipalities.append(municipality)
        try:
            run = import_register(
                sources=options["sources"],
                municipalities=municipalities,
                all_municipalities=options["all"],
                source_format=options["format"],
                full=options["full"],
                dry_run=options["dry_run"],
            )
        except RegisterImportError as exc:
            raise CommandError(exc.report()) from exc
        heading = "Dry run: nothing was changed." if options["dry_run"] else "Import finished."
        self.stdout.write(self.style.SUCCESS(heading))
        for line in summary_lines(run):
            self.stdout.write(line)
