"""Background work of premises.

Schedule the waiting-list expiry with Celery beat, e.g. every 10 minutes::

    CELERY_BEAT_SCHEDULE = {
        "expire-waitlist-offers": {
            "task": "dugnad.premises.tasks.expire_waitlist_offers",
            "schedule": 600,
        },
    }

The same run is ``manage.py expire_waitlist_offers``.
"""

from __future__ import annotations

from celery import shared_task

from dugnad.premises.waitlist import expire_offers


@shared_task(name="dugnad.premises.tasks.expire_waitlist_offers")
def expire_waitlist_offers() -> int:
    return expire_offers()
