"""The directory's pages: search, and one organisation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.directory import export, forms, queries, services
from dugnad.directory.models import Organisation, OrganisationClaim
from dugnad.directory.opendata import NLOD, districts_of, language_pairs, target_group_pairs
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import (
    current_municipality,
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules
from dugnad.people.decorators import person_of, requires
from dugnad.people.models import RoleAssignment


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """Search the municipality's organisations. With htmx, only the results
    region is re-rendered; without JavaScript the form submits as usual."""
    municipality = current_municipality(request)
    assert municipality is not None  # noqa: S101 (a tenant view)
    query = queries.DirectoryQuery.from_params(request.GET)
    result = queries.search(municipality, query)
    context = {
        "title": _("Organisations"),
        "result": result,
        "query": query,
        "sorts": queries.SORTS.items(),
        "map_tiles": settings.DUGNAD_MAP_TILE_URL,
        "map_attribution": settings.DUGNAD_MAP_ATTRIBUTION,
        "map_points": [
            {
                "name": o.name,
                "url": o.get_absolute_url(),
                "lat": float(o.latitude),
                "lng": float(o.longitude),
            }
            for o in result.page
            if o.has_coordinates
        ],
        "licence": NLOD,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "directory/_search_update.html", context)
    return render(request, "directory/index.html", context)


@requires(rules.PUBLIC)
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The search's organisations as a spreadsheet (CSV), all of them, streamed
    so that a large municipality's directory is never held in memory. Not
    served from the page cache: it streams."""
    municipality = municipality_or_404(request)
    query = queries.DirectoryQuery.from_params(request.GET)
    organisations = queries.in_order(
        queries.matching_ids(municipality, query), chunk_size=export.CHUNK_SIZE
    )
    response = StreamingHttpResponse(
        export.csv_lines(request, organisations),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"organisasjoner-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = NLOD.link_header
    return response


@requires(rules.PUBLIC)
@public_page
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_scoped_or_404(
        request,
        Organisation.objects.listed()
        .select_related("district", "national_organisation", "municipality")
        .prefetch_related("categories__parent", "districts", "activities", "contacts", "member_of"),
        pk=pk,
    )
    user = request.user
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": found,
            "title": found.name,
            # Described as the open-data API describes it (main district first).
            "districts": districts_of(found),
            "target_groups": [label for _code, label in target_group_pairs(found)],
            "languages": [label for _code, label in language_pairs(found)],
            "can_edit": rules.allows(
                "directory.edit_organisation", user, found.municipality, found
            ),
            "can_hide": rules.allows("directory.hide_organisation", user, found.municipality),
        },
    )


# --- claim and keep ------------------------------------------------------------------


def _listed_or_own(request: HttpRequest, pk: int) -> Organisation:
    """An organisation of this municipality (hidden ones too: for its keepers)."""
    return get_scoped_or_404(request, Organisation, pk=pk)


@requires("directory.claim")
def claim_start(request: HttpRequest) -> HttpResponse:
    """Claim an organisation by its number, or register one the directory lacks."""
    municipality = municipality_or_404(request)
    number_form = forms.ClaimByNumberForm(request.GET or None)
    found: Organisation | None = None
    register_form = None
    if number_form.is_valid():
        number = number_form.cleaned_data["organisation_number"]
        found = services.find_by_number(municipality=municipality, organisation_number=number)
        if found is not None:
            return redirect("directory:claim", pk=found.pk)
        register_form = forms.RegisterOrganisationForm(initial={"organisation_number": number})
    if request.method == "POST":
        register_form = forms.RegisterOrganisationForm(request.POST)
        if register_form.is_valid():
            data = register_form.cleaned_data
            try:
                services.register_organisation(
                    actor=person_of(request),
                    municipality=municipality,
                    name=data["name"],
                    organisation_number=data["organisation_number"],
                    description=data["description"],
                    role_in_organisation=data["role_in_organisation"],
                )
            except services.DirectoryError as exc:
                register_form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Thank you. The organisation is shown once a case officer has approved it."),
                )
                return redirect("people:my-page")
    return render(
        request,
        "directory/claim_start.html",
        {
            "title": _("Represent an organisation"),
            "number_form": number_form,
            "register_form": register_form,
        },
    )


@requires("directory.claim")
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_scoped_or_404(request, Organisation.objects.listed(), pk=pk)
    form = forms.ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_organisation(
                actor=person_of(request),
                municipality=municipality_or_404(request),
                organisation=organisation,
                role_in_organisation=form.cleaned_data["role_in_organisation"],
                message=form.cleaned_data["message"],
            )
        except services.DirectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your request has been sent. You get an e-mail when it has been handled."),
            )
            return redirect("directory:organisation", pk=organisation.pk)
    return render(
        request,
        "directory/claim.html",
        {
            "title": _("Represent %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "form": form,
        },
    )


@requires("directory.decide_claims")
def claims(request: HttpRequest) -> HttpResponse:
    """Requests to represent organisations that the person may decide."""
    decidable = queries.claims_to_decide(person_of(request), scoped(request, OrganisationClaim))
    return render(
        request,
        "directory/claims.html",
        {"title": _("Requests to represent organisations"), "claims": decidable},
    )


@requires(
    "directory.decide_claims",
    obj=lambda request, pk: get_scoped_or_404(request, OrganisationClaim, pk=pk),
)
def claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    claim_ = get_scoped_or_404(
        request, OrganisationClaim.objects.select_related("organisation", "claimant"), pk=pk
    )
    form = forms.DecideClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_claim(
                actor=person_of(request),
                claim=claim_,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except services.DirectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The decision has been saved and the person told."))
            return redirect("directory:claims")
    return render(
        request,
        "directory/claim_decide.html",
        {
            "title": _("Request from %(name)s") % {"name": claim_.claimant.get_full_name()},
            "claim": claim_,
            "form": form,
        },
    )


def _organisation_arg(request: HttpRequest, pk: int, **_other: object) -> Organisation:
    return _listed_or_own(request, pk)


@requires("directory.edit_organisation", obj=_organisation_arg)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _listed_or_own(request, pk)
    form = forms.ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        municipality=organisation.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                actor=person_of(request),
                organisation=Organisation.objects.get(pk=organisation.pk),
                changes=form.changes(),
                categories=list(form.cleaned_data["categories"]),
                districts=list(form.cleaned_data["districts"]),
            )
        except (services.DirectoryError, ValidationError) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("The organisation's page has been updated."))
            return redirect("directory:organisation", pk=organisation.pk)
    return render(
        request,
        "directory/edit.html",
        {
            "title": _("Edit %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "form": form,
        },
    )


@requires("directory.edit_organisation", obj=_organisation_arg)
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _listed_or_own(request, pk)
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                actor=person_of(request),
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("directory:invitation", args=[token])
                ),
            )
        except services.DirectoryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("directory:members", pk=organisation.pk)
    return render(
        request,
        "directory/members.html",
        {
            "title": _("Members of %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "members": services.members(organisation),
            "form": form,
        },
    )


@requires("directory.edit_organisation", obj=_organisation_arg)
@require_POST
def member_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    organisation = _listed_or_own(request, pk)
    assignment = get_object_or_404(RoleAssignment.objects.on(organisation), pk=assignment_pk)
    try:
        services.remove_member(
            actor=person_of(request), organisation=organisation, assignment=assignment
        )
    except services.DirectoryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The person has been removed from the organisation."))
    return redirect("directory:members", pk=organisation.pk)


@requires("directory.claim")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = services.read_invitation(token)
        organisation = Organisation.objects.get(pk=invite.organisation_id)
    except (services.DirectoryError, Organisation.DoesNotExist) as exc:
        return render(
            request,
            "directory/invitation.html",
            {"title": _("Invitation"), "error": str(exc) or _("The invitation link is not valid.")},
            status=400,
        )
    if request.method == "POST":
        try:
            services.accept_invitation(actor=person_of(request), token=token)
        except services.DirectoryError as exc:
            return render(
                request,
                "directory/invitation.html",
                {"title": _("Invitation"), "error": str(exc), "organisation": organisation},
                status=400,
            )
        messages.success(request, _("Welcome to %(name)s.") % {"name": organisation.name})
        return redirect("directory:organisation", pk=organisation.pk)
    return render(
        request,
        "directory/invitation.html",
        {"title": _("Invitation"), "organisation": organisation, "invite": invite},
    )


@requires("directory.hide_organisation")
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _listed_or_own(request, pk)
    form = forms.HideForm(request.POST or None)
    if request.method == "POST":
        try:
            if organisation.is_hidden:
                services.show_organisation(actor=person_of(request), organisation=organisation)
                messages.success(request, _("The organisation is shown again."))
                return redirect("directory:organisation", pk=organisation.pk)
            if form.is_valid():
                services.hide_organisation(
                    actor=person_of(request),
                    organisation=organisation,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The organisation is hidden from the directory."))
                return redirect("directory:index")
        except services.DirectoryError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "directory/hide.html",
        {
            "title": _("Hide %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "form": form,
        },
    )
