"""Background work of premises: booking e-mails with their calendar file, and
the waiting-list expiry (every ten minutes by Celery beat, see
``CELERY_BEAT_SCHEDULE`` in the settings; the same run is
``manage.py expire_waitlist_offers``).
"""

from __future__ import annotations

from celery import shared_task
from django.core.mail import EmailMessage

from dugnad.premises import calendar_files
from dugnad.premises.models import Booking


@shared_task(name="dugnad.premises.tasks.expire_waitlist_offers")
def expire_waitlist_offers() -> int:
    from dugnad.premises.waitlist import expire_offers

    return expire_offers()


@shared_task(
    name="dugnad.premises.tasks.send_booking_email",
    autoretry_for=(OSError,),  # the mail server: SMTP errors are OSErrors
    retry_backoff=60,
    max_retries=8,
)
def send_booking_email(
    *, booking_ids: list[int], subject: str, body: str, email: str, method: str
) -> None:
    """One e-mail about one or more bookings, with a calendar file (``method``
    REQUEST or CANCEL) that adds, updates or removes them in any calendar."""
    bookings = list(
        Booking.objects.filter(pk__in=booking_ids)
        .select_related("space__building")
        .order_by("start", "pk")
    )
    if not bookings:
        return
    ics = calendar_files.calendar(bookings, method=method)
    message = EmailMessage(subject, body, None, [email])
    message.attach("booking.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    message.send()


@shared_task(
    name="dugnad.premises.tasks.send_season_decision",
    autoretry_for=(OSError,),  # the mail server: SMTP errors are OSErrors
    retry_backoff=60,
    max_retries=8,
)
def send_season_decision(application_id: int) -> None:
    """E-mail one applicant its season decision (enkeltvedtak) with the PDF."""
    from dugnad.premises.season import send_decisions

    send_decisions([application_id])


@shared_task(
    name="dugnad.premises.tasks.send_plain_email",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=8,
)
def send_plain_email(*, subject: str, body: str, email: str) -> None:
    """A short e-mail without attachments (waiting-list offers), off the request."""
    EmailMessage(subject, body, None, [email]).send()
