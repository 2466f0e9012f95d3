"""Pages of call-outs: registering to be called out, writing and sending a
call-out, following the answers, and answering by link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.municipalities.tenancy import (
    current_municipality,
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules
from dugnad.people.decorators import person_of, requires
from dugnad.volunteering import callouts
from dugnad.volunteering.models import Answer, Callout, CalloutStatus, Responder
from dugnad.volunteering.programme_forms import CalloutForm, ResponderForm

# --- registering -----------------------------------------------------------------


@requires(rules.AUTHENTICATED)
def register(request: HttpRequest) -> HttpResponse:
    """Register (or change) as an emergency volunteer or health ambassador."""
    municipality = municipality_or_404(request)
    person = person_of(request)
    current = scoped(request, Responder).filter(person=person).first()
    initial: dict[str, Any] = {"by_email": True, "phone": person.phone}
    if current is not None:
        initial = {
            "is_emergency_volunteer": current.is_emergency_volunteer,
            "is_health_ambassador": current.is_health_ambassador,
            "skills": current.skills,
            "languages": current.languages,
            "districts": list(current.districts.all()),
            "by_email": current.by_email,
            "by_sms": current.by_sms,
            "phone": current.phone,
        }
    form = ResponderForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            callouts.register_responder(
                person=person, municipality=municipality, **form.cleaned_data
            )
        except callouts.CalloutError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, _("Thank you! You are registered and can be called out."))
            return redirect("volunteering:responder")
    return render(
        request,
        "volunteering/callouts/register.html",
        {"title": _("Be ready to help"), "form": form, "current": current},
    )


@requires(rules.AUTHENTICATED)
@require_POST
def unregister(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    current = scoped(request, Responder).filter(person=person).first()
    if current is not None:
        callouts.unregister_responder(person=person, responder=current)
        messages.success(request, _("You are no longer registered for call-outs."))
    return redirect("volunteering:responder")


# --- coordinators ------------------------------------------------------------------


@requires("volunteering.manage_programmes")
def callout_list(request: HttpRequest) -> HttpResponse:
    items = scoped(request, Callout).select_related("created_by")
    return render(
        request,
        "volunteering/callouts/list.html",
        {"title": _("Call-outs"), "callouts": items[:100]},
    )


@requires("volunteering.manage_programmes")
def callout_create(request: HttpRequest) -> HttpResponse:
    municipality = municipality_or_404(request)
    form = CalloutForm(
        request.POST or None,
        initial={"starts_at": callouts.default_start()},
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = callouts.save_callout(
                actor=person_of(request), municipality=municipality, fields=form.cleaned_data
            )
        except callouts.CalloutError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The call-out is saved. Check who it reaches, then send it.")
            )
            return redirect("volunteering:callout", pk=item.pk)
    return render(
        request,
        "volunteering/callouts/form.html",
        {"title": _("New call-out"), "form": form},
    )


def _initial(item: Callout) -> dict[str, Any]:
    return {
        "title": item.title,
        "message": item.message,
        "place": item.place,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "skills": item.skills,
        "languages": item.languages,
        "districts": list(item.districts.all()),
        "ambassadors_only": item.ambassadors_only,
    }


@requires("volunteering.manage_programmes")
def callout(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft: edit it, see how many it reaches, send it. Sent: the answers."""
    municipality = municipality_or_404(request)
    item = get_scoped_or_404(request, Callout, pk=pk)
    form = None
    if item.status == CalloutStatus.DRAFT:
        form = CalloutForm(request.POST or None, initial=_initial(item), municipality=municipality)
        if request.method == "POST" and form.is_valid():
            try:
                callouts.save_callout(
                    actor=person_of(request),
                    municipality=municipality,
                    fields=form.cleaned_data,
                    callout=item,
                )
            except callouts.CalloutError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The call-out is saved."))
                return redirect("volunteering:callout", pk=item.pk)
    return render(
        request,
        "volunteering/callouts/detail.html",
        {
            "title": item.title,
            "callout": item,
            "form": form,
            "matching": callouts.match_count(item) if item.status == CalloutStatus.DRAFT else None,
            "counts": callouts.answer_counts(item),
        },
    )


@requires("volunteering.manage_programmes")
def callout_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """The small fragment the coordinator's page polls while answers come in."""
    item = get_scoped_or_404(request, Callout, pk=pk)
    return render(
        request,
        "volunteering/callouts/_counts.html",
        {"callout": item, "counts": callouts.answer_counts(item)},
    )


@requires("volunteering.manage_programmes")
@require_POST
def callout_send(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_scoped_or_404(request, Callout, pk=pk)
    try:
        callouts.send_callout(
            actor=person_of(request), callout=item, base_url=request.build_absolute_uri("/")
        )
    except callouts.CalloutError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The call-out is being sent. Answers appear below."))
    return redirect("volunteering:callout", pk=item.pk)


@requires("volunteering.manage_programmes")
@require_POST
def callout_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_scoped_or_404(request, Callout, pk=pk)
    try:
        callouts.close_callout(actor=person_of(request), callout=item)
    except callouts.CalloutError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The call-out is closed."))
    return redirect("volunteering:callout", pk=item.pk)


# --- answering by link (no log-in) -----------------------------------------------


@requires(rules.PUBLIC)
def answer(request: HttpRequest, token: str, value: str) -> HttpResponse:
    """The link in the message: confirm the answer with one button (so that link
    checkers in mail programs do not answer for the person)."""
    recipient = callouts.recipient_for_token(token)
    municipality = current_municipality(request)
    if (
        recipient is None
        or value not in Answer.values
        or municipality is None
        or recipient.municipality_id != municipality.pk
    ):
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            recipient = callouts.answer(recipient=recipient, value=value)
        except callouts.CalloutError as exc:
            error = str(exc)
        else:
            return redirect("volunteering:callout-answer", token=token, value=value)
    return render(
        request,
        "volunteering/callouts/answer.html",
        {
            "title": recipient.callout.title,
            "recipient": recipient,
            "callout": recipient.callout,
            "value": value,
            "other": Answer.NO if value == Answer.YES else Answer.YES,
            "token": token,
            "error": error,
        },
        status=400 if error else 200,
    )
