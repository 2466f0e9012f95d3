"""Background work of the directory.

Production schedules the register sync with Celery beat every night when
``DUGNAD_BRREG_SOURCES`` names the sources (see ``CELERY_BEAT_SCHEDULE`` in
the settings): Brønnøysund refreshes the bulk file each night; the same run
by hand or from cron is ``manage.py import_brreg URL --all --full``.
"""

from __future__ import annotations

import logging

from celery import shared_task

from dugnad.directory.register_import import (
    RegisterImportError,
    find_municipality,
    import_register,
    summary_lines,
)
from dugnad.directory.registers import Format

logger = logging.getLogger(__name__)


@shared_task(name="dugnad.directory.tasks.import_brreg")
def import_brreg(
    *,
    sources: list[str],
    municipalities: list[str] | None = None,
    all_municipalities: bool = False,
    source_format: Format = "auto",
    full: bool = False,
) -> int | None:
    """Run the register import (see ``manage.py import_brreg``); returns the
    recorded run's id (also for a failed run, which changed nothing)."""
    found = [find_municipality(key) for key in municipalities or []]
    unknown = [key for key, m in zip(municipalities or [], found, strict=True) if m is None]
    if unknown:
        logger.error("import_brreg: no municipality %s", ", ".join(unknown))
        return None
    try:
        run = import_register(
            sources=sources,
            municipalities=[m for m in found if m is not None],
            all_municipalities=all_municipalities,
            source_format=source_format,
            full=full,
        )
    except RegisterImportError as exc:
        logger.error("import_brreg failed: %s", exc.report())
        return exc.register_import.pk if exc.register_import else None
    logger.info("import_brreg: %s", "; ".join(summary_lines(run)[:6]))
    return run.pk
