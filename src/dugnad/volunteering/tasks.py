"""Background work of volunteering: sending a call-out in batches, and the
scheduled jobs for Celery beat (see ``CELERY_BEAT_SCHEDULE`` in settings and
the README; the management commands run the same functions)."""

from __future__ import annotations

from collections import defaultdict

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dugnad.sms import InvalidNumber, SmsMessage, get_backend, normalise_number
from dugnad.volunteering import callouts
from dugnad.volunteering.escalation import escalate_unanswered
from dugnad.volunteering.models import Callout, CalloutRecipient, CalloutStatus, DeliveryStatus
from dugnad.volunteering.reminders import send_renewal_reminders, send_shift_reminders

BATCH_SIZE = 500


def record_recipients(callout: Callout) -> int:
    """Everyone who matches the call-out becomes a queued recipient (once)."""
    rows = callouts.matching_responders(callout).values_list(
        "person_id", "person__email", "phone", "by_email", "by_sms"
    )
    recipients = [
        CalloutRecipient(
            municipality_id=callout.municipality_id,
            callout_id=callout.pk,
            person_id=person_id,
            email=email if by_email else "",
            phone=phone if by_sms else "",
        )
        for person_id, email, phone, by_email, by_sms in rows
    ]
    CalloutRecipient.objects.bulk_create(recipients, batch_size=1000, ignore_conflicts=True)
    return len(recipients)


def _when(callout: Callout) -> str:
    starts = timezone.localtime(callout.starts_at)
    if callout.ends_at is None:
        return f"{starts:%d.%m.%Y %H:%M}"
    ends = timezone.localtime(callout.ends_at)
    if ends.date() == starts.date():
        return f"{starts:%d.%m.%Y %H:%M}–{ends:%H:%M}"
    return f"{starts:%d.%m.%Y %H:%M}–{ends:%d.%m.%Y %H:%M}"


def _links(base_url: str, pk: int) -> tuple[str, str]:
    token = callouts.answer_token(pk)
    base = base_url.rstrip("/")
    return (
        base + reverse("volunteering:callout-answer", args=[token, "yes"]),
        base + reverse("volunteering:callout-answer", args=[token, "no"]),
    )


def _texts(callout: Callout, base_url: str, pk: int) -> tuple[str, str, str]:
    """Subject, e-mail body and SMS body for one recipient."""
    yes, no = _links(base_url, pk)
    when = _when(callout)
    subject = _("Call-out: %(title)s") % {"title": callout.title}
    body = _(
        "%(title)s\n\nWhen: %(when)s\nWhere: %(place)s\n\n%(message)s\n\n"
        "Can you come? Answer with one click:\nYes: %(yes)s\nNo: %(no)s\n\n"
        "You can change your answer until the call-out closes. You get this message "
        "because you registered as a volunteer who may be called out."
    ) % {
        "title": callout.title,
        "when": when,
        "place": callout.place or "–",
        "message": callout.message,
        "yes": yes,
        "no": no,
    }
    short = _("%(title)s, %(when)s. Yes: %(yes)s No: %(no)s") % {
        "title": callout.title,
        "when": when,
        "yes": yes,
        "no": no,
    }
    return subject, body, short


@shared_task(name="dugnad.volunteering.tasks.send_callout_messages")
def send_callout_messages(callout_id: int, base_url: str) -> dict[str, int]:
    """Record the recipients, then send in batches over one mail connection and
    one SMS backend, recording each recipient's status. Safe to run again: only
    queued recipients are sent to."""
    callout = Callout.objects.filter(pk=callout_id, status=CalloutStatus.SENDING).first()
    if callout is None:
        return {"sent": 0, "failed": 0}
    record_recipients(callout)
    sent_total = failed_total = 0
    mail = get_connection()
    sms_backend = get_backend()
    language = settings.LANGUAGE_CODE
    queued = CalloutRecipient.objects.filter(callout=callout, status=DeliveryStatus.QUEUED)
    while True:
        batch = list(
            queued.order_by("pk").values_list("pk", "email", "phone", "person__preferred_language")[
                :BATCH_SIZE
            ]
        )
        if not batch:
            break
        emails: list[EmailMessage] = []
        texts: list[SmsMessage] = []
        outcome: dict[str, list[int]] = defaultdict(list)
        for pk, email, phone, preferred in batch:
            with translation.override(preferred or language):
                subject, body, short = _texts(callout, base_url, pk)
            reached = False
            if email:
                emails.append(EmailMessage(subject, body, None, [email], connection=mail))
                reached = True
            if phone:
                try:
                    texts.append(SmsMessage(to=normalise_number(phone), body=short))
                    reached = True
                except InvalidNumber:
                    pass
            outcome[DeliveryStatus.SENT if reached else DeliveryStatus.FAILED].append(pk)
        if emails:
            mail.send_messages(emails)
        if texts:
            sms_backend.send_messages(texts)
        now = timezone.now()
        for status, pks in outcome.items():
            CalloutRecipient.objects.filter(pk__in=pks).update(status=status, sent_at=now)
        sent_total += len(outcome[DeliveryStatus.SENT])
        failed_total += len(outcome[DeliveryStatus.FAILED])
    Callout.objects.filter(pk=callout.pk, status=CalloutStatus.SENDING).update(
        status=CalloutStatus.SENT
    )
    return {"sent": sent_total, "failed": failed_total}


# --- scheduled jobs --------------------------------------------------------------


@shared_task(name="dugnad.volunteering.tasks.send_reminders")
def send_reminders() -> dict[str, int]:
    return {"shifts": send_shift_reminders(), "renewals": send_renewal_reminders()}


@shared_task(name="dugnad.volunteering.tasks.escalate")
def escalate() -> int:
    return escalate_unanswered()
