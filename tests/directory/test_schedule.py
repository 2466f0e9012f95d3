"""The nightly register sync is scheduled only when its sources are configured."""

from __future__ import annotations

import importlib
import os

from dugnad import settings


def test_the_nightly_import_is_scheduled_from_the_environment() -> None:
    assert "directory-import-brreg" not in settings.CELERY_BEAT_SCHEDULE
    os.environ["DUGNAD_BRREG_SOURCES"] = "/srv/brreg/enheter.json.gz"
    try:
        configured = importlib.reload(settings)
        job = configured.CELERY_BEAT_SCHEDULE["directory-import-brreg"]
        assert job["task"] == "dugnad.directory.tasks.import_brreg"
        assert job["kwargs"] == {
            "sources": ["/srv/brreg/enheter.json.gz"],
            "all_municipalities": True,
            "full": True,
        }
    finally:
        del os.environ["DUGNAD_BRREG_SOURCES"]
        importlib.reload(settings)
