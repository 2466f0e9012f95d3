"""Call-outs (beredskapsfrivillighet): who is registered, who matches, sending
and answers.

A coordinator writes a call-out and sends it: :func:`send_callout` marks it
as sending and, after the commit, enqueues one Celery task
(:func:`dugnad.volunteering.tasks.send_callout_messages`) that records every
matching person as a recipient (``bulk_create``) and sends e-mail (one SMTP
connection) and SMS in batches, recording each recipient's status. The request
never waits for the messages.

Each message carries personal yes/no links with a signed token
(:func:`answer_token`); answering needs no log-in, is idempotent, and can be
changed until the call-out is closed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core import signing
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.after_commit import send_after_commit
from dugnad.municipalities.models import District, Municipality
from dugnad.people import audit, rules
from dugnad.people.models import User
from dugnad.sms import InvalidNumber, normalise_number
from dugnad.volunteering.models import (
    Answer,
    Callout,
    CalloutRecipient,
    CalloutStatus,
    DeliveryStatus,
    Responder,
    Skill,
)

TOKEN_SALT = "dugnad.volunteering.callout-answer"  # noqa: S105 (a salt, not a secret)


class CalloutError(Exception):
    """A domain error with a message for the person who caused it; ``field``
    names the form field it belongs to, if one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _check_manages(actor: User, municipality: Municipality) -> None:
    if not rules.allows("volunteering.manage_programmes", actor, municipality):
        raise CalloutError(_("You do not have permission to do this."))


def json_has_any(field: str, codes: Iterable[str]) -> Q:
    """Rows whose JSON list ``field`` holds any of ``codes``, on either database."""
    condition = Q()
    for code in codes:
        if connection.vendor == "postgresql":
            condition |= Q(**{f"{field}__contains": [code]})
        else:
            # SQLite has no JSON containment; codes are plain words, so the
            # quoted code cannot match inside another.
            condition |= Q(**{f"{field}__icontains": f'"{code}"'})
    return condition


# --- registering -----------------------------------------------------------------


@transaction.atomic
def register_responder(
    *,
    person: User,
    municipality: Municipality,
    is_emergency_volunteer: bool,
    is_health_ambassador: bool,
    skills: Sequence[str],
    languages: Sequence[str],
    districts: Iterable[District],
    phone: str,
    by_email: bool,
    by_sms: bool,
) -> Responder:
    """Register (or update) the person as reachable for call-outs; stores when
    they gave their contact consent."""
    if not rules.is_authenticated(person):
        raise CalloutError(_("Please log in first."))
    if by_sms:
        try:
            phone = normalise_number(phone)
        except InvalidNumber as exc:
            raise CalloutError(
                _("Give a mobile number we can send SMS to."), field="phone"
            ) from exc
    if not (by_email or by_sms):
        raise CalloutError(_("Choose at least one way we may contact you."))
    if not (is_emergency_volunteer or is_health_ambassador):
        raise CalloutError(_("Choose emergency volunteer, health ambassador or both."))
    responder, _created = Responder.objects.select_for_update().get_or_create(
        municipality=municipality, person=person
    )
    consent_changed = (responder.by_email, responder.by_sms) != (by_email, by_sms)
    responder.is_emergency_volunteer = is_emergency_volunteer
    responder.is_health_ambassador = is_health_ambassador
    responder.skills = [s for s in skills if s in Skill.values]
    responder.languages = list(languages)
    responder.phone = phone
    responder.by_email = by_email
    responder.by_sms = by_sms
    responder.active = True
    if _created or consent_changed:
        responder.consent_at = timezone.now()
    responder.save()
    responder.districts.set(list(districts))
    return responder


@transaction.atomic
def unregister_responder(*, person: User, responder: Responder) -> None:
    if responder.person_id != person.pk:
        raise CalloutError(_("You do not have permission to do this."))
    responder.delete()


# --- matching ------------------------------------------------------------------------


def matching_responders(callout: Callout) -> QuerySet[Responder]:
    """Active registrations in the call-out's municipality that fit its criteria:
    any of its skills, any of its languages, any of its districts (a person with
    no districts goes anywhere), and a way to reach them."""
    found = Responder.objects.filter(municipality_id=callout.municipality_id, active=True).filter(
        Q(by_email=True, person__email__gt="") | Q(by_sms=True, phone__gt="")
    )
    if callout.ambassadors_only:
        found = found.filter(is_health_ambassador=True)
    else:
        found = found.filter(is_emergency_volunteer=True)
    if callout.skills:
        found = found.filter(json_has_any("skills", callout.skills))
    if callout.languages:
        found = found.filter(json_has_any("languages", callout.languages))
    district_ids = [d.pk for d in callout.districts.all()] if callout.pk else []
    if district_ids:
        found = found.filter(Q(districts__in=district_ids) | Q(districts__isnull=True)).distinct()
    return found


def match_count(callout: Callout) -> int:
    return matching_responders(callout).values("pk").count()


def answer_counts(callout: Callout) -> dict[str, int]:
    """Recipients, delivered, failed, yes and no, in one query."""
    counts = CalloutRecipient.objects.filter(callout=callout).aggregate(
        recipients=Count("pk"),
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        yes=Count("pk", filter=Q(answer=Answer.YES)),
        no=Count("pk", filter=Q(answer=Answer.NO)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


# --- writing and sending -----------------------------------------------------------


CALLOUT_FIELDS = ("title", "message", "place", "starts_at", "ends_at", "skills", "languages")


@transaction.atomic
def save_callout(
    *,
    actor: User,
    municipality: Municipality,
    fields: dict[str, Any],
    callout: Callout | None = None,
) -> Callout:
    """Create or edit a draft call-out."""
    _check_manages(actor, municipality)
    if callout is None:
        callout = Callout(municipality=municipality, created_by=actor)
    elif callout.status != CalloutStatus.DRAFT:
        raise CalloutError(_("A call-out that has been sent cannot be changed."))
    for name in CALLOUT_FIELDS:
        if name in fields:
            setattr(callout, name, fields[name])
    callout.ambassadors_only = bool(fields.get("ambassadors_only", callout.ambassadors_only))
    callout.save()
    if "districts" in fields:
        callout.districts.set(list(fields["districts"]))
    return callout


@transaction.atomic
def send_callout(*, actor: User, callout: Callout, base_url: str) -> Callout:
    """Mark the draft as sending and enqueue the task that sends it; ``base_url``
    (``https://host/``) begins the answer links."""
    _check_manages(actor, callout.municipality)
    locked = Callout.objects.select_for_update().get(pk=callout.pk)
    if locked.status != CalloutStatus.DRAFT:
        raise CalloutError(_("The call-out has already been sent."))
    locked.status = CalloutStatus.SENDING
    locked.sent_at = timezone.now()
    locked.save(update_fields=["status", "sent_at"])
    audit.record(
        actor=actor,
        action="volunteering.callout_sent",
        municipality=locked.municipality,
        target=locked,
        details={"matching": match_count(locked)},
    )
    from dugnad.volunteering.tasks import send_callout_messages

    pk = locked.pk
    send_after_commit(lambda: send_callout_messages.delay(pk, base_url))
    return locked


@transaction.atomic
def close_callout(*, actor: User, callout: Callout) -> Callout:
    """No more answers; the answers given stay."""
    _check_manages(actor, callout.municipality)
    locked = Callout.objects.select_for_update().get(pk=callout.pk)
    if locked.status == CalloutStatus.DRAFT:
        raise CalloutError(_("A draft has not been sent; there is nothing to close."))
    locked.status = CalloutStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


# --- answers by link ---------------------------------------------------------------


def answer_token(recipient: CalloutRecipient | int) -> str:
    """A signed token naming one recipient; the answer is in the URL beside it."""
    pk = recipient if isinstance(recipient, int) else recipient.pk
    return signing.Signer(salt=TOKEN_SALT).sign(str(pk))


def recipient_for_token(token: str) -> CalloutRecipient | None:
    try:
        pk = int(signing.Signer(salt=TOKEN_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        CalloutRecipient.objects.select_related("callout", "callout__municipality")
        .filter(pk=pk)
        .first()
    )


@transaction.atomic
def answer(*, recipient: CalloutRecipient, value: str) -> CalloutRecipient:
    """Record yes or no. Answering again with the same value changes nothing;
    another value replaces the answer while the call-out is open."""
    if value not in Answer.values:
        raise CalloutError(_("Answer yes or no."))
    locked = (
        CalloutRecipient.objects.select_for_update().select_related("callout").get(pk=recipient.pk)
    )
    if not locked.callout.is_open:
        raise CalloutError(_("The call-out is closed; answers can no longer be changed."))
    if locked.answer != value:
        locked.answer = value
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
    return locked


def default_start() -> datetime.datetime:
    """Tomorrow at eight, local time: a sensible first value for the form."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(8)))
