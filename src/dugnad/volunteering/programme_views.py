"""Pages of the programmes: health ambassadors (found by language) and Mentor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.directory.queries import LANGUAGES
from dugnad.municipalities.tenancy import (
    current_municipality,
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules
from dugnad.people.decorators import person_of, requires
from dugnad.volunteering import mentor
from dugnad.volunteering.callouts import json_has_any
from dugnad.volunteering.models import MentorPair, MentorProfile, MentorSide, Responder
from dugnad.volunteering.permissions import side_of
from dugnad.volunteering.programme_forms import (
    AmbassadorSearchForm,
    EvaluationForm,
    MeetingForm,
    MentorProfileForm,
)


@requires("volunteering.manage_programmes")
def ambassadors(request: HttpRequest) -> HttpResponse:
    """Health ambassadors, searchable by language and district."""
    form = AmbassadorSearchForm(request.GET or None, municipality=current_municipality(request))
    found = scoped(request, Responder).filter(is_health_ambassador=True, active=True)
    if form.is_valid():
        if form.cleaned_data["sprak"]:
            found = found.filter(json_has_any("languages", [form.cleaned_data["sprak"]]))
        district = form.cleaned_data["bydel"]
        if district is not None:
            found = found.filter(districts=district)
    people = list(
        found.select_related("person").prefetch_related("districts").order_by("person__full_name")
    )
    for responder in people:
        responder.language_labels = [  # type: ignore[attr-defined]
            str(LANGUAGES[c]) for c in responder.languages if c in LANGUAGES
        ]
    return render(
        request,
        "volunteering/programmes/ambassadors.html",
        {"title": _("Health ambassadors"), "form": form, "ambassadors": people},
    )


# --- Mentor ---------------------------------------------------------------------------


def _pairs(request: HttpRequest) -> QuerySet[MentorPair]:
    return scoped(request, MentorPair).select_related(
        "mentor__person", "mentee__person", "mentor__district", "mentee__district"
    )


@requires(rules.AUTHENTICATED)
def mentor_home(request: HttpRequest) -> HttpResponse:
    """The person's Mentor profiles and pairs; a form to sign up as either side."""
    municipality = municipality_or_404(request)
    person = person_of(request)
    profiles = list(scoped(request, MentorProfile).filter(person=person))
    side = request.POST.get("side") or request.GET.get("side") or MentorSide.MENTOR
    current = next((p for p in profiles if p.side == side), None)
    initial: dict[str, Any] = {"side": side}
    if current is not None:
        initial |= {
            "profession": current.profession,
            "languages": current.languages,
            "interests": current.interests,
            "district": current.district,
            "goals": current.goals,
        }
    form = MentorProfileForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            mentor.save_profile(person=person, municipality=municipality, **form.cleaned_data)
        except mentor.MentorError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your Mentor profile is saved. A coordinator will suggest a pair.")
            )
            return redirect("volunteering:mentor")
    pairs = _pairs(request).filter(Q(mentor__person=person) | Q(mentee__person=person))
    return render(
        request,
        "volunteering/programmes/mentor_home.html",
        {"title": _("Mentor"), "form": form, "profiles": profiles, "pairs": pairs},
    )


@requires("volunteering.manage_programmes")
def mentor_coordinate(request: HttpRequest) -> HttpResponse:
    """Suggested pairs with their reasons, and every pair with its state."""
    municipality = municipality_or_404(request)
    suggested = mentor.suggestions(municipality)
    for suggestion in suggested:
        suggestion.texts = [mentor.reason_text(r) for r in suggestion.reasons]  # type: ignore[attr-defined]
    pairs = _pairs(request).annotate(
        meeting_count=Count("meetings", distinct=True),
        evaluation_count=Count("evaluations", distinct=True),
    )
    return render(
        request,
        "volunteering/programmes/mentor_coordinate.html",
        {"title": _("Mentor pairs"), "suggestions": suggested, "pairs": pairs},
    )


@requires("volunteering.manage_programmes")
@require_POST
def mentor_confirm(request: HttpRequest) -> HttpResponse:
    profiles = scoped(request, MentorProfile)
    try:
        mentor_profile = profiles.get(pk=int(request.POST.get("mentor", "0")))
        mentee_profile = profiles.get(pk=int(request.POST.get("mentee", "0")))
    except (MentorProfile.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    try:
        pair = mentor.confirm_pair(
            actor=person_of(request), mentor=mentor_profile, mentee=mentee_profile
        )
    except mentor.MentorError as exc:
        messages.error(request, str(exc))
        return redirect("volunteering:mentor-coordinate")
    messages.success(request, _("The pair is confirmed."))
    return redirect("volunteering:mentor-pair", pk=pair.pk)


def _pair_arg(request: HttpRequest, pk: int, **_other: Any) -> MentorPair:
    return get_scoped_or_404(request, _pairs(request), pk=pk)


def _pair_page(
    request: HttpRequest, pair: MentorPair, status: int = 200, **forms: Any
) -> HttpResponse:
    person = person_of(request)
    side = side_of(person, pair)
    evaluations = list(pair.evaluations.all())
    answered = {e.side for e in evaluations}
    if side is not None:
        # A member sees only their own answer: whoever answers second must not
        # read the first before giving theirs. Coordinators see both.
        evaluations = [e for e in evaluations if e.side == side]
    return render(
        request,
        "volunteering/programmes/mentor_pair.html",
        {
            "title": str(pair),
            "pair": pair,
            "reasons": [mentor.reason_text(r) for r in pair.reasons],
            "meetings": pair.meetings.select_related("logged_by"),
            "evaluations": evaluations,
            "meeting_form": forms.get("meeting_form") or MeetingForm(),
            "evaluation_form": (
                forms.get("evaluation_form") or EvaluationForm()
                if side and side not in answered and mentor.evaluation_due(pair)
                else None
            ),
            "side": side,
            "manages": rules.allows("volunteering.manage_programmes", person, pair.municipality),
        },
        status=status,
    )


@requires("volunteering.mentor_pair", obj=_pair_arg)
def mentor_pair(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_page(request, _pair_arg(request, pk))


@requires("volunteering.mentor_pair", obj=_pair_arg)
@require_POST
def mentor_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _pair_arg(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            mentor.log_meeting(actor=person_of(request), pair=pair, **form.cleaned_data)
        except mentor.MentorError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("volunteering:mentor-pair", pk=pair.pk)
    return _pair_page(request, pair, status=400, meeting_form=form)


@requires("volunteering.mentor_pair", obj=_pair_arg)
@require_POST
def mentor_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _pair_arg(request, pk)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            mentor.submit_evaluation(person=person_of(request), pair=pair, **form.cleaned_data)
        except mentor.MentorError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("volunteering:mentor-pair", pk=pair.pk)
    return _pair_page(request, pair, status=400, evaluation_form=form)


@requires("volunteering.manage_programmes")
@require_POST
def mentor_end(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _pair_arg(request, pk)
    mentor.end_pair(actor=person_of(request), pair=pair)
    messages.success(request, _("The pair is ended. Both can now answer the evaluation."))
    return redirect("volunteering:mentor-pair", pk=pair.pk)
