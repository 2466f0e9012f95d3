"""Min side (the person's own page), privacy and the audit log."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.municipalities.navigation import staff_links_for
from dugnad.municipalities.tenancy import (
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules, services
from dugnad.people.decorators import person_of, requires
from dugnad.people.forms import DeleteAccountForm, ProfileForm, RoleAssignmentForm
from dugnad.people.models import AuditEntry, RoleAssignment, with_scopes


@requires(rules.AUTHENTICATED)
def my_page(request: HttpRequest) -> HttpResponse:
    user = person_of(request)
    assignments = (
        RoleAssignment.objects.filter(user=user)
        .select_related("municipality", "scope_type")
        .order_by("municipality__name", "role")
    )
    form = ProfileForm(instance=user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            services.update_profile(
                user=user,
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
            messages.success(request, _("Your details have been saved."))
            return redirect("people:my-page")
    return render(
        request,
        "people/my_page.html",
        {
            "person": user,
            "assignments": with_scopes(list(assignments)),
            "form": form,
            "staff_links": staff_links_for(request),
        },
    )


@requires(rules.AUTHENTICATED)
def export_data(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(user=person_of(request))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="dugnad-my-data-{stamp}.json"'
    return response


@requires(rules.AUTHENTICATED)
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=person_of(request))
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            messages.success(request, _("Your account and personal data have been deleted."))
            return redirect("home")
    return render(request, "people/delete_account.html", {"form": form})


@requires("people.view_audit_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor", "subject", "municipality")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "people/audit_log.html",
        {"page": page, "actions": list(actions), "selected_action": action},
    )


@requires("people.manage_roles")
def roles(request: HttpRequest) -> HttpResponse:
    """Municipal administrators give and take the roles of their municipality."""
    municipality = municipality_or_404(request)
    form = RoleAssignmentForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_role(
                actor=person_of(request),
                user=form.person,
                role=form.cleaned_data["role"],
                municipality=municipality,
                scope=form.cleaned_data["scope_object"],
            )
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The role has been given."))
            return redirect("people:roles")
    assignments = (
        scoped(request, RoleAssignment)
        .select_related("user", "scope_type")
        .order_by("role", "user__full_name", "user__email")
    )
    return render(
        request,
        "people/roles.html",
        {"form": form, "assignments": with_scopes(list(assignments))},
    )


@requires("people.manage_roles")
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_scoped_or_404(request, RoleAssignment, pk=pk)
    try:
        services.revoke_role(actor=person_of(request), assignment=assignment)
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The role has been removed."))
    return redirect("people:roles")
