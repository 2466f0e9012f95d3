"""Pages of the season allocation and the waiting lists: thin over the services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
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
from dugnad.premises import forms, season, season_forms, season_queries, waitlist
from dugnad.premises.models import (
    AllocationAdjustment,
    PriorityCriterion,
    SeasonApplication,
    SeasonRound,
    SeasonWish,
    Space,
    WaitlistEntry,
)
from dugnad.premises.season_permissions import can_apply_season, can_manage_season
from dugnad.premises.views import _administered
from dugnad.spreadsheet import safe_cell


def _round(request: HttpRequest, pk: int) -> SeasonRound:
    return get_scoped_or_404(request, SeasonRound, pk=pk)


def _application(request: HttpRequest, pk: int) -> SeasonApplication:
    return get_scoped_or_404(
        request,
        SeasonApplication.objects.select_related("round__municipality", "organisation", "person"),
        pk=pk,
    )


def _wish_round(request: HttpRequest, pk: int) -> SeasonRound:
    wish = get_scoped_or_404(
        request, SeasonWish.objects.select_related("application__round"), pk=pk
    )
    return wish.application.round


def _entry(request: HttpRequest, pk: int) -> WaitlistEntry:
    return get_scoped_or_404(request, WaitlistEntry.objects.select_related("space"), pk=pk)


def _round_spaces(request: HttpRequest, season_round: SeasonRound | None = None) -> QuerySet[Space]:
    spaces = scoped(request, Space).filter(bookable=True).select_related("building")
    if season_round is not None:
        spaces = spaces.filter(season_rounds=season_round)
    return spaces.order_by("building__name", "name")


@requires(rules.AUTHENTICATED)
def rounds(request: HttpRequest) -> HttpResponse:
    municipality = current_municipality(request)
    person = person_of(request)
    own = (
        scoped(request, SeasonApplication)
        .filter(organisation__in=_administered(request, person))
        .select_related("round", "organisation")
    )
    return render(
        request,
        "premises/season/rounds.html",
        {
            "title": _("Season allocation"),
            "rounds": scoped(request, SeasonRound).order_by("-season_start"),
            "own": own,
            "can_manage": can_manage_season(person, municipality, None),
            "can_apply": can_apply_season(person, municipality, None),
            "can_edit_priorities": rules.allows("premises.edit_priorities", person, municipality),
        },
    )


@requires("premises.manage_season")
def round_create(request: HttpRequest) -> HttpResponse:
    form = season_forms.RoundForm(request.POST or None, spaces=_round_spaces(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = season.open_round(
                actor=person_of(request),
                municipality=municipality_or_404(request),
                name=data["name"],
                season_start=data["season_start"],
                season_end=data["season_end"],
                deadline=data["deadline_at"],
                spaces=list(data["spaces"]),
                day_start=data["day_start"],
                day_end=data["day_end"],
            )
        except season.SeasonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The application round is open."))
            return redirect("premises:season-round", created.pk)
    return render(
        request,
        "premises/season/round_form.html",
        {"title": _("Open an application round"), "form": form},
    )


@requires(rules.AUTHENTICATED)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    season_round = _round(request, pk)
    person = person_of(request)
    municipality = current_municipality(request)
    return render(
        request,
        "premises/season/round.html",
        {
            "title": season_round.name,
            "round": season_round,
            "spaces": _round_spaces(request, season_round),
            "is_open": season_round.status == SeasonRound.Status.OPEN
            and timezone.now() <= season_round.deadline,
            "own": scoped(request, SeasonApplication)
            .filter(round=season_round, organisation__in=_administered(request, person))
            .select_related("organisation"),
            "can_manage": can_manage_season(person, municipality, season_round),
            "can_apply": can_apply_season(person, municipality, season_round),
        },
    )


@requires("premises.apply_season", _round)
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    season_round = _round(request, pk)
    person = person_of(request)
    spaces = _round_spaces(request, season_round)
    form = season_forms.ApplicationForm(
        request.POST or None, organisations=_administered(request, person)
    )
    formset = season_forms.WishFormSet(
        request.POST or None, prefix="wish", form_kwargs={"spaces": spaces}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        wishes = [
            season.WishInput(
                space=data["space"],
                weekday=data["weekday"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                priority=data.get("priority") or 1,
                alternatives=tuple(data.get("alternatives") or ()),
            )
            for data in formset.cleaned_data
            if data
        ]
        try:
            season.apply(
                actor=person,
                season_round=season_round,
                organisation=form.cleaned_data["organisation"],
                age_group=form.cleaned_data["age_group"],
                members=form.cleaned_data["members"],
                activity=form.cleaned_data["activity"],
                wishes=wishes,
            )
        except season.SeasonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your application has been sent."))
            return redirect("premises:season-round", season_round.pk)
    return render(
        request,
        "premises/season/apply.html",
        {
            "title": _("Apply for %(round)s") % {"round": season_round.name},
            "round": season_round,
            "form": form,
            "formset": formset,
        },
    )


@requires("premises.manage_season", _round)
def allocation(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal: run it, see it per hall and per applicant, publish it."""
    season_round = _round(request, pk)
    person = person_of(request)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "propose":
                season.propose(actor=person, season_round=season_round)
                messages.success(request, _("The allocation has been proposed."))
            elif action == "publish":
                conflicts = season.publish(actor=person, season_round=season_round)
                messages.success(
                    request,
                    _("The plan is published as bookings and the decisions are sent.")
                    if not conflicts
                    else _(
                        "The plan is published and the decisions are sent. Some weeks were "
                        "already booked and were skipped: see the list."
                    ),
                )
        except season.SeasonError as exc:
            messages.error(request, str(exc))
        return redirect("premises:season-allocation", season_round.pk)
    shares = season_queries.applicant_shares(season_round)
    wished = sum(s.wished_hours for s in shares)
    granted = sum(s.granted_hours for s in shares)
    return render(
        request,
        "premises/season/allocation.html",
        {
            "title": _("Allocation: %(round)s") % {"round": season_round.name},
            "round": season_round,
            "grids": season_queries.hall_grids(season_round),
            "weekdays": [label for _value, label in season_forms.Weekday.choices],
            "shares": shares,
            "wished": wished,
            "granted": granted,
            "bound": season_round.bound_minutes / 60,
            "adjustments": AllocationAdjustment.objects.filter(round=season_round)
            .select_related("wish__application__organisation", "actor")
            .order_by("-created_at"),
        },
    )


@requires("premises.manage_season", _wish_round)
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    wish = get_scoped_or_404(
        request,
        SeasonWish.objects.select_related("application__round", "application__organisation"),
        pk=pk,
    )
    season_round = wish.application.round
    slot = getattr(wish, "slot", None)
    form = season_forms.AdjustForm(
        request.POST or None,
        spaces=_round_spaces(request, season_round),
        initial={
            "action": "move" if slot else "grant",
            "space": slot.space_id if slot else wish.space_id,
            "weekday": slot.weekday if slot else wish.weekday,
            "start_time": slot.start_time if slot else wish.start_time,
            "end_time": slot.end_time if slot else wish.end_time,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            season.adjust(
                actor=person_of(request),
                wish=wish,
                action=data["action"],
                reason=data["reason"],
                space=data.get("space"),
                weekday=data.get("weekday"),
                start_time=data.get("start_time"),
                end_time=data.get("end_time"),
            )
        except season.SeasonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The plan has been changed."))
            return redirect("premises:season-allocation", season_round.pk)
    return render(
        request,
        "premises/season/adjust.html",
        {
            "title": _("Change the plan"),
            "wish": wish,
            "slot": slot,
            "round": season_round,
            "form": form,
        },
    )


@requires("premises.manage_season", _round)
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    season_round = _round(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sesong-{season_round.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Organisation"),
            _("Activity"),
            _("Target age group"),
            _("Number of members"),
            _("Wished hours per week"),
            _("Granted hours per week"),
            _("Share granted"),
            _("Upper bound of the share"),
        ]
    )
    for share in season_queries.applicant_shares(season_round):
        application = share.application
        writer.writerow(
            [
                safe_cell(application.organisation.name),
                safe_cell(application.activity),
                application.get_age_group_display(),
                application.members,
                f"{share.wished_hours:.2f}",
                f"{share.granted_hours:.2f}",
                f"{share.share:.3f}",
                f"{share.bound_share:.3f}",
            ]
        )
    return response


@requires("premises.view_decision", _application)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return render(
        request,
        "premises/season/decision.html",
        {
            "title": _("Decision: %(round)s") % {"round": application.round.name},
            "decision": season.decision(application),
            "round": application.round,
        },
    )


@requires("premises.view_decision", _application)
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    response = HttpResponse(season.decision_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="vedtak-{application.pk}.pdf"'
    return response


@requires("premises.edit_priorities")
def priorities(request: HttpRequest) -> HttpResponse:
    municipality = municipality_or_404(request)
    form = season_forms.PrioritiesForm(
        request.POST or None, current=season.criteria_for(municipality)
    )
    if request.method == "POST" and form.is_valid():
        try:
            season.set_criteria(
                actor=person_of(request),
                municipality=municipality,
                kinds=form.cleaned_data["kinds"],
            )
        except season.SeasonError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The priorities have been saved."))
            return redirect("premises:season-priorities")
    return render(
        request,
        "premises/season/priorities.html",
        {
            "title": _("Priorities for season allocation"),
            "form": form,
            "current": [
                PriorityCriterion.Kind(kind).label for kind in season.criteria_for(municipality)
            ],
        },
    )


# --- waiting lists -----------------------------------------------------------------------


@requires(rules.AUTHENTICATED)
def waitlist_join(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_scoped_or_404(
        request, Space.objects.select_related("building").filter(bookable=True), pk=pk
    )
    person = person_of(request)
    form = forms.BookingForm(request.POST or None, organisations=_administered(request, person))
    if request.method == "POST" and form.is_valid():
        try:
            waitlist.join(
                actor=person,
                municipality=municipality_or_404(request),
                space=space,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                purpose=form.cleaned_data["purpose"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except waitlist.WaitlistError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("You are on the waiting list. We e-mail you if the time becomes free.")
            )
            return redirect("premises:waitlist")
    return render(
        request,
        "premises/waitlist/join.html",
        {
            "title": _("Waiting list for %(space)s") % {"space": space.name},
            "space": space,
            "form": form,
        },
    )


@requires(rules.AUTHENTICATED)
def my_waitlist(request: HttpRequest) -> HttpResponse:
    entries = (
        scoped(request, WaitlistEntry)
        .filter(person=person_of(request), end__gt=timezone.now())
        .select_related("space__building")
        .order_by("start")
    )
    return render(
        request,
        "premises/waitlist/mine.html",
        {"title": _("My waiting lists"), "entries": entries},
    )


@requires("premises.withdraw_waitlist", _entry)
@require_POST
def waitlist_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        waitlist.withdraw(actor=person_of(request), entry=_entry(request, pk))
    except waitlist.WaitlistError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You have left the waiting list."))
    return redirect("premises:waitlist")


@requires(rules.AUTHENTICATED)
def waitlist_offer(request: HttpRequest, token: str) -> HttpResponse:
    """The offer's click-to-confirm page (the signed link in the e-mail)."""
    entry = waitlist.entry_for_token(token)
    municipality = current_municipality(request)
    if entry is not None and municipality is not None and entry.municipality_id != municipality.pk:
        entry = None
    error = ""
    if request.method == "POST" and entry is not None:
        try:
            waitlist.accept(actor=person_of(request), entry=entry)
        except waitlist.WaitlistError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Your booking is confirmed. We have sent you an e-mail."))
            return redirect("premises:my-bookings")
    valid = (
        entry is not None
        and entry.person_id == request.user.pk
        and entry.status == WaitlistEntry.Status.OFFERED
        and entry.offer_expires_at is not None
        and entry.offer_expires_at > timezone.now()
    )
    return render(
        request,
        "premises/waitlist/offer.html",
        {"title": _("Offer from the waiting list"), "entry": entry, "valid": valid, "error": error},
    )
