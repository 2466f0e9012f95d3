"""PDFs for volunteers: the certificate of volunteering (attest for frivillig
innsats) and the purpose letter for a police certificate (bekreftelse på
formål). Both are rendered from HTML templates with WeasyPrint, in the
language the person is using, and never stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.people.models import User
from dugnad.volunteering.hours import hours_by_need
from dugnad.volunteering.models import Engagement, EngagementStatus, Need
from dugnad.volunteering.services import VolunteeringError


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    html = render_to_string(template, context)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def certificate_context(*, person: User, need: Need) -> dict[str, Any]:
    """What the certificate says; refused when no hours are confirmed for the need."""
    entry = next((e for e in hours_by_need(person) if e.need.pk == need.pk), None)
    if entry is None or entry.hours <= Decimal(0):
        raise VolunteeringError(
            _("A certificate can be made once a coordinator has confirmed your hours.")
        )
    return {
        "person": person,
        "need": need,
        "owner": need.owner,
        "municipality": need.municipality,
        "hours": entry.hours,
        "first": entry.first,
        "last": entry.last,
        "signed_off_by": entry.signed_off_by,
        "today": timezone.localdate(),
    }


def certificate_pdf(*, person: User, need: Need) -> bytes:
    return render_pdf(
        "volunteering/pdf/certificate.html", certificate_context(person=person, need=need)
    )


def purpose_letter_pdf(*, person: User, engagement: Engagement) -> bytes:
    """The letter the volunteer attaches to the application for a police certificate."""
    if engagement.person_id != person.pk:
        raise VolunteeringError(_("You do not have permission to do this."))
    need = engagement.need
    if not need.requires_politiattest:
        raise VolunteeringError(_("This need does not require a police certificate."))
    if engagement.status not in (EngagementStatus.INTERESTED, EngagementStatus.ACCEPTED):
        raise VolunteeringError(_("You are no longer signed up for this need."))
    if engagement.politiattest_letter_approved_at is None:
        raise VolunteeringError(
            _(
                "The coordinator must approve the purpose letter before you can download it. "
                "They will tell you by e-mail."
            )
        )
    return render_pdf(
        "volunteering/pdf/purpose_letter.html",
        {
            "person": person,
            "need": need,
            "owner": need.owner,
            "municipality": need.municipality,
            "today": timezone.localdate(),
        },
    )
