"""Volunteering pages: find a need, sign up, and coordinate a service's or an
organisation's needs. Views parse input, call a service or a queryset and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import Service
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import (
    current_municipality,
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules
from dugnad.people.decorators import person_of, requires
from dugnad.people.models import User
from dugnad.volunteering import forms, hours, services
from dugnad.volunteering.models import (
    Engagement,
    EngagementStatus,
    Need,
    Shift,
    ShiftSignup,
    SignupStatus,
)
from dugnad.volunteering.permissions import coordinated_by

# --- residents -----------------------------------------------------------------


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """Published needs, filtered by district, who they suit and remote; and the
    volunteer centres."""
    municipality = current_municipality(request)
    centres = scoped(request, Service).filter(kind=Service.Kind.VOLUNTEER_CENTRE)
    form = forms.NeedFilterForm(request.GET or None, municipality=municipality)
    published = Need.objects.published()
    if form.is_valid():
        district = form.cleaned_data["bydel"]
        published = published.in_district(district.pk if district else None).suiting(
            form.cleaned_data["passer"]
        )
        if form.cleaned_data["fjern"]:
            published = published.filter(is_remote=True)
    needs = scoped(request, published)
    return render(
        request,
        "volunteering/index.html",
        {
            "title": _("Volunteering"),
            "form": form,
            "needs": needs.select_related("service", "organisation", "district"),
            "centres": centres.select_related("district"),
        },
    )


@requires(rules.PUBLIC)
@public_page
def need(request: HttpRequest, pk: int) -> HttpResponse:
    """One published need with its shifts and free places; for a logged-in
    person, where they stand."""
    item = get_scoped_or_404(
        request,
        Need.objects.published().select_related("service", "organisation", "district"),
        pk=pk,
    )
    # Only shifts still to come: a started shift cannot be taken or cancelled.
    shifts = list(item.shifts.filter(starts_at__gt=timezone.now()).with_places())
    engagement = None
    my_signups: dict[int, ShiftSignup] = {}
    person = request.user
    if isinstance(person, User) and rules.is_authenticated(person):
        engagement = Engagement.objects.filter(need=item, person=person).first()
        my_signups = {
            s.shift_id: s for s in ShiftSignup.objects.filter(shift__need=item, person=person)
        }
    for shift in shifts:
        shift.mine = my_signups.get(shift.pk)
    return render(
        request,
        "volunteering/need.html",
        {
            "title": item.title,
            "need": item,
            "shifts": shifts,
            "engagement": engagement,
            "accepted": engagement is not None and engagement.status == EngagementStatus.ACCEPTED,
            "can_coordinate": rules.allows("volunteering.coordinate", request.user, None, item),
        },
    )


@requires(rules.AUTHENTICATED)
@require_POST
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_scoped_or_404(request, Need, pk=pk)
    try:
        engagement = services.express_interest(person=person_of(request), need=item)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    else:
        if engagement.status == EngagementStatus.ACCEPTED:
            messages.success(request, _("Welcome! You can now take shifts."))
        else:
            messages.success(
                request, _("Thank you! The coordinator will get back to you by e-mail.")
            )
    return redirect("volunteering:need", pk=item.pk)


@requires(rules.AUTHENTICATED)
@require_POST
def take_shift(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a shift, or join its waiting list. From the need page with htmx the
    answer is the shift's row and a status message; without it, a redirect
    (or the "shift is full" page)."""
    person = person_of(request)
    try:
        shift, facts = services.shift_to_take(
            municipality_id=municipality_or_404(request).pk, pk=pk, person=person
        )
    except Shift.DoesNotExist as exc:
        raise Http404 from exc
    waiting = request.POST.get("waiting_list") == "1"
    in_place = request.headers.get("HX-Request") == "true"
    try:
        signup = services.take_shift(
            person=person, shift=shift, join_waiting_list=waiting, facts=facts
        )
    except services.ShiftFull as exc:
        if in_place:
            # Full is all the row needs to show: no second look at the count.
            shift.taken = shift.places  # type: ignore[attr-defined]
            return _shift_row(request, shift, None, True, str(exc), "warning", status=409)
        return render(
            request,
            "volunteering/shift_full.html",
            {"title": _("The shift is full"), "shift": shift, "message": str(exc)},
            status=409,
        )
    except services.VolunteeringError as exc:
        if in_place:
            return _fresh_shift_row(request, shift, str(exc), "danger", status=409)
        messages.error(request, str(exc))
    else:
        if signup.status == SignupStatus.WAITING:
            done = _("You are on the waiting list for the shift.")
        else:
            done = _("You have taken the shift. Thank you!")
        if in_place:
            # Taken means accepted; the shift as locked knows its places now.
            return _shift_row(request, signup.shift, signup, True, done, "success")
        messages.success(request, done)
    return redirect("volunteering:need", pk=shift.need_id)


def _fresh_shift_row(
    request: HttpRequest, shift: Shift, message: str, level: str, status: int = 200
) -> HttpResponse:
    person = person_of(request)
    accepted = Engagement.objects.filter(
        need_id=shift.need_id, person=person, status=EngagementStatus.ACCEPTED
    ).exists()
    mine = ShiftSignup.objects.filter(shift=shift, person=person).first()
    shift = Shift.objects.with_places().get(pk=shift.pk)
    return _shift_row(request, shift, mine, accepted, message, level, status)


def _shift_row(
    request: HttpRequest,
    shift: Shift,
    mine: ShiftSignup | None,
    accepted: bool,
    message: str,
    level: str,
    status: int = 200,
) -> HttpResponse:
    """The need page's row for ``shift`` and the message for its status region."""
    shift.mine = mine  # type: ignore[attr-defined]
    return render(
        request,
        "volunteering/_shift_row.html",
        {"shift": shift, "accepted": accepted, "message": message, "level": level},
        status=status,
    )


@requires(rules.AUTHENTICATED)
@require_POST
def cancel_shift(request: HttpRequest, pk: int) -> HttpResponse:
    signup = get_scoped_or_404(
        request,
        ShiftSignup.objects.filter(person=person_of(request)).select_related("shift"),
        pk=pk,
    )
    try:
        services.cancel_shift(person=person_of(request), signup=signup)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You are no longer on the shift."))
    return redirect("volunteering:mine")


@requires(rules.AUTHENTICATED)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_scoped_or_404(
        request, Engagement.objects.filter(person=person_of(request)), pk=pk
    )
    try:
        services.withdraw_interest(person=person_of(request), engagement=engagement)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You have withdrawn from the need."))
    return redirect("volunteering:mine")


@requires(rules.AUTHENTICATED)
def mine(request: HttpRequest) -> HttpResponse:
    """The person's needs and shifts."""
    person = person_of(request)
    engagements = (
        scoped(request, Engagement)
        .filter(person=person)
        .select_related("need__service", "need__organisation")
        .order_by("-created_at")
    )
    signups = (  # coming shifts; past ones are on the history page
        scoped(request, ShiftSignup)
        .filter(person=person, shift__starts_at__gt=timezone.now())
        .select_related("shift__need")
        .order_by("shift__starts_at")
    )
    return render(
        request,
        "volunteering/mine.html",
        {"title": _("My volunteering"), "engagements": engagements, "signups": signups},
    )


# --- coordinators ------------------------------------------------------------------


@requires("volunteering.coordinate_some")
def coordinate(request: HttpRequest) -> HttpResponse:
    """The services and organisations whose needs the person coordinates."""
    person = person_of(request)
    municipality = municipality_or_404(request)
    services_qs = scoped(request, Service)
    organisations = Organisation.objects.in_municipality(municipality)
    if not rules.is_platform_admin(person):
        services_qs = services_qs.filter(pk__in=coordinated_by(person, municipality.pk, Service))
        organisations = organisations.filter(
            pk__in=coordinated_by(person, municipality.pk, Organisation)
        )
    else:
        organisations = organisations.filter(volunteer_needs__isnull=False).distinct()
    return render(
        request,
        "volunteering/coordinate.html",
        {
            "title": _("Coordinate volunteers"),
            "services": services_qs.order_by("name"),
            "organisations": organisations.order_by("name"),
            "manages_programmes": rules.allows(
                "volunteering.manage_programmes", person, municipality
            ),
            "centre": rules.allows("volunteering.centre", person, municipality),
        },
    )


def _owner(request: HttpRequest, kind: str, pk: int) -> Service | Organisation:
    if kind == "service":
        return get_scoped_or_404(request, Service, pk=pk)
    found = (
        Organisation.objects.in_municipality(current_municipality(request)).filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def _owner_arg(request: HttpRequest, pk: int, kind: str, **_other: Any) -> Any:
    return _owner(request, kind, pk)


def _need_arg(request: HttpRequest, pk: int, **_other: Any) -> Need:
    return get_scoped_or_404(request, Need, pk=pk)


def _owner_url(owner: Service | Organisation) -> str:
    if isinstance(owner, Service):
        return reverse("volunteering:service-coordinate", args=[owner.pk])
    return reverse("volunteering:organisation-coordinate", args=[owner.pk])


@requires("volunteering.coordinate", obj=_owner_arg)
def owner_needs(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One service's or organisation's needs, with the number of interested people."""
    owner = _owner(request, kind, pk)
    needs = (
        scoped(request, Need.objects.owned_by(owner))
        .annotate(
            waiting=Count("engagements", filter=Q(engagements__status=EngagementStatus.INTERESTED))
        )
        .select_related("district")
    )
    return render(
        request,
        "volunteering/owner.html",
        {
            "title": _("Volunteer needs of %(name)s") % {"name": owner.name},
            "owner": owner,
            "kind": kind,
            "needs": needs,
        },
    )


@requires("volunteering.coordinate", obj=_owner_arg)
def need_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    owner = _owner(request, kind, pk)
    form = forms.NeedForm(request.POST or None, municipality=municipality_or_404(request))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_need(
                actor=person_of(request), owner=owner, fields=form.cleaned_data
            )
        except services.VolunteeringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The need is saved as a draft. Add its shifts."))
            return redirect("volunteering:need-edit", pk=item.pk)
    return render(
        request,
        "volunteering/need_form.html",
        {
            "title": _("New volunteer need"),
            "form": form,
            "owner": owner,
            "back": _owner_url(owner),
        },
    )


def _edit_context(request: HttpRequest, item: Need, **extra: Any) -> dict[str, Any]:
    context = {
        "title": _("Edit %(title)s") % {"title": item.title},
        "need": item,
        "owner": item.owner,
        "back": _owner_url(item.owner),
        "shifts": item.shifts.with_places(),
        "form": forms.NeedForm(instance=item, municipality=municipality_or_404(request)),
        "shift_form": forms.ShiftForm(),
    }
    context.update(extra)
    return context


@requires("volunteering.coordinate", obj=_need_arg)
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _need_arg(request, pk)
    form = forms.NeedForm(
        request.POST or None, instance=item, municipality=municipality_or_404(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_need(actor=person_of(request), need=item, fields=form.cleaned_data)
        except services.VolunteeringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The need is saved."))
            return redirect("volunteering:need-edit", pk=item.pk)
    if form.errors:
        item.refresh_from_db()
    return render(request, "volunteering/need_edit.html", _edit_context(request, item, form=form))


@requires("volunteering.coordinate", obj=_need_arg)
@require_POST
def shift_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _need_arg(request, pk)
    form = forms.ShiftForm(request.POST)
    if form.is_valid():
        try:
            services.add_shift(
                actor=person_of(request),
                need=item,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                places=form.cleaned_data["places"],
            )
        except services.VolunteeringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The shift is added."))
            return redirect("volunteering:need-edit", pk=item.pk)
    return render(
        request,
        "volunteering/need_edit.html",
        _edit_context(request, item, shift_form=form),
        status=400,
    )


@requires("volunteering.coordinate", obj=_need_arg)
@require_POST
def need_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or close a need."""
    item = _need_arg(request, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.publish_need(actor=person_of(request), need=item)
            messages.success(request, _("The need is published."))
        elif action == "close":
            services.close_need(actor=person_of(request), need=item)
            messages.success(request, _("The need is closed."))
        else:
            messages.error(request, _("Choose to publish or close the need."))
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    return redirect("volunteering:need-edit", pk=item.pk)


def _volunteers_context(
    request: HttpRequest, item: Need, form: forms.PolitiattestForm | None = None
) -> dict[str, Any]:
    engagements = list(
        item.engagements.exclude(status=EngagementStatus.WITHDRAWN)
        .select_related("person")
        .order_by("created_at")
    )
    people = User.objects.filter(pk__in=[e.person_id for e in engagements])
    checked = services.valid_politiattests(people, item)
    for engagement in engagements:
        engagement.attest = checked.get(engagement.person_id)
        engagement.attest_missing = item.requires_politiattest and engagement.attest is None
    initial = {}
    chosen = request.GET.get("person", "")
    if chosen.isdigit():
        initial["person"] = int(chosen)
    return {
        "title": _("Volunteers for %(title)s") % {"title": item.title},
        "need": item,
        "engagements": engagements,
        "politiattest_form": form or forms.PolitiattestForm(people=people, initial=initial),
    }


@requires("volunteering.coordinate", obj=_need_arg)
def need_volunteers(request: HttpRequest, pk: int) -> HttpResponse:
    item = _need_arg(request, pk)
    return render(request, "volunteering/volunteers.html", _volunteers_context(request, item))


def _engagement_arg(request: HttpRequest, pk: int, **_other: Any) -> Engagement:
    return get_scoped_or_404(request, Engagement.objects.select_related("need", "person"), pk=pk)


@requires("volunteering.coordinate", obj=_engagement_arg)
@require_POST
def engagement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = _engagement_arg(request, pk)
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            services.accept_volunteer(actor=person_of(request), engagement=engagement)
            messages.success(request, _("The volunteer is accepted and told by e-mail."))
        elif decision == "decline":
            services.decline_volunteer(actor=person_of(request), engagement=engagement)
            messages.success(request, _("The volunteer is declined and told by e-mail."))
        else:
            messages.error(request, _("Choose to accept or decline."))
    except services.PolitiattestMissing as exc:
        messages.error(request, str(exc))
        url = reverse("volunteering:need-volunteers", args=[engagement.need_id])
        return redirect(f"{url}?person={engagement.person_id}#politiattest-heading")
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    return redirect("volunteering:need-volunteers", pk=engagement.need_id)


@requires("volunteering.coordinate", obj=_engagement_arg)
@require_POST
def approve_purpose_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the volunteer download the purpose letter for a police certificate."""
    engagement = _engagement_arg(request, pk)
    try:
        services.approve_purpose_letter(actor=person_of(request), engagement=engagement)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The purpose letter is approved; the volunteer is told by e-mail.")
        )
    return redirect("volunteering:need-volunteers", pk=engagement.need_id)


@requires("volunteering.coordinate", obj=_need_arg)
@require_POST
def politiattest(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a volunteer showed a valid police certificate."""
    item = _need_arg(request, pk)
    people = User.objects.filter(
        pk__in=item.engagements.exclude(status=EngagementStatus.WITHDRAWN).values("person_id")
    )
    form = forms.PolitiattestForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.record_politiattest(
                actor=person_of(request),
                person=form.cleaned_data["person"],
                owner=item.owner,
                checked_on=form.cleaned_data["checked_on"],
                renewal_years=item.politiattest_renewal_years,
            )
        except services.VolunteeringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The police certificate check is recorded."))
            return redirect("volunteering:need-volunteers", pk=item.pk)
    return render(
        request,
        "volunteering/volunteers.html",
        _volunteers_context(request, item, form),
        status=400,
    )


# --- profile, recommendations, hours and certificates ---------------------------------


@requires(rules.AUTHENTICATED)
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The person's volunteer profile and contact consents, with the consent history."""
    from dugnad.volunteering import profiles
    from dugnad.volunteering.models import ContactConsent

    person = person_of(request)
    municipality = current_municipality(request)
    form = forms.ProfileForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profiles.save_profile(
                person=person,
                fields={
                    "interests": data["interests"],
                    "skills": data["skills"],
                    "languages": data["languages"],
                    "suits": data["suits"],
                    "availability": form.availability(),
                },
                districts=data["districts"],
                consents=data["consents"],
            )
        except services.VolunteeringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your volunteer profile is saved."))
            return redirect("volunteering:recommended")
    elif request.method != "POST":
        form = forms.ProfileForm(
            initial=forms.ProfileForm.initial_for(
                profiles.profile_of(person), profiles.active_topics(person)
            ),
            municipality=municipality,
        )
    return render(
        request,
        "volunteering/profile.html",
        {
            "title": _("My volunteer profile"),
            "form": form,
            "consent_history": ContactConsent.objects.filter(person=person),
        },
        status=400 if form.errors else 200,
    )


@requires(rules.AUTHENTICATED)
def recommended(request: HttpRequest) -> HttpResponse:
    """Open needs that fit the person's profile, each with why."""
    from dugnad.volunteering import profiles
    from dugnad.volunteering.recommendations import recommend

    person = person_of(request)
    has_profile = profiles.profile_of(person) is not None
    items = (
        recommend(person=person, municipality=municipality_or_404(request)) if has_profile else []
    )
    return render(
        request,
        "volunteering/recommended.html",
        {"title": _("Recommended for you"), "items": items, "has_profile": has_profile},
    )


def _shift_arg(request: HttpRequest, pk: int, **_other: Any) -> Shift:
    return get_scoped_or_404(request, Shift.objects.select_related("need"), pk=pk)


def _signup_arg(request: HttpRequest, pk: int, **_other: Any) -> ShiftSignup:
    return get_scoped_or_404(
        request, ShiftSignup.objects.select_related("shift__need", "person"), pk=pk
    )


@requires("volunteering.coordinate", obj=_shift_arg)
def shift_roster(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is on a shift: check them in and log their hours."""
    shift = _shift_arg(request, pk)
    signups = shift.signups.select_related("person", "hours_confirmed_by").order_by(
        "status", "created_at", "pk"
    )
    return render(
        request,
        "volunteering/roster.html",
        {
            "title": _("Shift %(when)s")
            % {"when": date_format(timezone.localtime(shift.starts_at), "DATETIME_FORMAT")},
            "shift": shift,
            "need": shift.need,
            "signups": signups,
            "started": hours.check_in_open(shift),
        },
    )


@requires("volunteering.coordinate", obj=_signup_arg)
@require_POST
def signup_hours(request: HttpRequest, pk: int) -> HttpResponse:
    """Check a volunteer in, log their hours, or confirm the hours they logged."""

    signup = _signup_arg(request, pk)
    action = request.POST.get("action")
    actor = person_of(request)
    try:
        if action == "check_in":
            hours.check_in(actor=actor, signup=signup)
            messages.success(request, _("The volunteer is checked in."))
        elif action == "confirm":
            hours.confirm_hours(actor=actor, signup=signup)
            messages.success(request, _("The hours are confirmed."))
        elif action == "log":
            form = forms.HoursForm(request.POST)
            if not form.is_valid():
                raise services.VolunteeringError(_hours_error(form))
            hours.log_hours(actor=actor, signup=signup, hours=form.cleaned_data["hours"])
            messages.success(request, _("The hours are logged."))
        else:
            messages.error(request, _("Choose what to do."))
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    return redirect("volunteering:shift-roster", pk=signup.shift_id)


def _hours_error(form: forms.HoursForm) -> str:
    """The hours field's own message (shown with the row the hours belong to)."""
    return str(form.errors.get("hours", [_("Give the hours as a number between 0 and 24.")])[0])


@requires(rules.AUTHENTICATED)
def history(request: HttpRequest) -> HttpResponse:
    """The person's past shifts and hours, with their certificates."""

    person = person_of(request)
    municipality = municipality_or_404(request)
    signups = hours.history(person).filter(municipality=municipality)
    return render(
        request,
        "volunteering/history.html",
        {
            "title": _("My volunteering history"),
            "signups": signups,
            "total": hours.confirmed_hours(signups),
            "by_need": hours.hours_by_need(person, municipality),
        },
    )


@requires(rules.AUTHENTICATED)
@require_POST
def own_hours(request: HttpRequest, pk: int) -> HttpResponse:

    person = person_of(request)
    signup = get_scoped_or_404(
        request, ShiftSignup.objects.filter(person=person).select_related("shift"), pk=pk
    )
    form = forms.HoursForm(request.POST)
    try:
        if not form.is_valid():
            raise services.VolunteeringError(_hours_error(form))
        hours.log_own_hours(person=person, signup=signup, hours=form.cleaned_data["hours"])
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your hours are logged. The coordinator will confirm them."))
    return redirect("volunteering:history")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(rules.AUTHENTICATED)
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's certificate of volunteering for one need, as a PDF."""
    from dugnad.volunteering import certificates

    item = get_scoped_or_404(request, Need.objects.select_related("service", "organisation"), pk=pk)
    try:
        content = certificates.certificate_pdf(person=person_of(request), need=item)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
        return redirect("volunteering:history")
    return _pdf(content, f"frivillig-attest-{item.pk}.pdf")


@requires(rules.AUTHENTICATED)
def purpose_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The purpose letter (bekreftelse på formål) for a police certificate, as a PDF."""
    from dugnad.volunteering import certificates

    person = person_of(request)
    engagement = get_scoped_or_404(
        request,
        Engagement.objects.filter(person=person).select_related(
            "need__service", "need__organisation", "need__municipality"
        ),
        pk=pk,
    )
    try:
        content = certificates.purpose_letter_pdf(person=person, engagement=engagement)
    except services.VolunteeringError as exc:
        messages.error(request, str(exc))
        return redirect("volunteering:mine")
    return _pdf(content, f"bekreftelse-formal-{engagement.need_id}.pdf")


@requires("volunteering.centre")
def escalated(request: HttpRequest) -> HttpResponse:
    """Interest nobody answered in time, for the volunteer centre to follow up."""
    from dugnad.volunteering.escalation import escalated_in

    return render(
        request,
        "volunteering/escalated.html",
        {
            "title": _("Unanswered volunteers"),
            "engagements": escalated_in(municipality_or_404(request)),
        },
    )
