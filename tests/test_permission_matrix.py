"""Every URL × every role: allowed, sent to log in, or refused (403) — never a 500.

Each of our views declares its rule with ``@requires``; the expected outcome
for a role follows from that rule. Third-party URLs (allauth, the admin site,
the API) are listed with their expected outcomes below. A URL that is in
neither fails the test, so no new page escapes the matrix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from dugnad.directory.models import Organisation, OrganisationClaim
from dugnad.municipalities.models import Municipality, Service
from dugnad.people.models import Role, User
from dugnad.premises.models import Booking, BookingStatus, Building
from tests.factories import (
    BookingFactory,
    BookingSeriesFactory,
    BuildingFactory,
    CalendarFeedFactory,
    CalloutFactory,
    EngagementFactory,
    MentorPairFactory,
    NeedFactory,
    OrganisationClaimFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SeasonApplicationFactory,
    SeasonWishFactory,
    ServiceFactory,
    ShiftFactory,
    ShiftSignupFactory,
    SpaceFactory,
    UserFactory,
    WaitlistEntryFactory,
)

ROLES = [
    "anonymous",
    "resident",
    "organisation_member",
    "organisation_admin",
    "case_officer",
    "booking_manager",
    "volunteer_coordinator",
    "participation_coordinator",
    "politician",
    "municipal_admin",
    "platform_admin",
]

OK = "ok"  # 200
LOGIN = "login"  # redirect to the log-in page
FORBIDDEN = "forbidden"  # 403
UNAUTHORISED = "unauthorised"  # 401 (API)
REDIRECT = "redirect"  # any redirect (e.g. allauth sends logged-in people on)
NOT_FOUND = "not_found"  # 404 (e.g. a made-up key in the URL)
ADMIN_LOGIN = "admin_login"  # the admin site's own log-in redirect
# A platform administrator in the admin site: whatever Django's admin answers
# for sample ids (a page, a redirect for a missing object, 403 for read-only
# models, 405 for GET on log-out) — as long as it is not a server error.
ADMIN_ANY = "admin_any"
ADMIN_ANSWERS = {OK, REDIRECT, NOT_FOUND, FORBIDDEN, "status 405"}


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    callback: Any


def _sample(converter_name: str, key: str) -> str:
    if key in {"object_id", "pk", "id", "content_type_id"}:
        return "1"
    if converter_name == "IntConverter":
        return "1"
    return "made-up-key"


def iter_routes(
    patterns: list[Any] | None = None, prefix: str = "", ns: str = ""
) -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{ns}{entry.namespace}:" if entry.namespace else ns
            yield from iter_routes(entry.url_patterns, prefix + str(entry.pattern), namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            yield Route(f"{ns}{entry.name}", route, entry.callback)


def concrete_path(route: str) -> str:
    """Fill a route's parameters with sample values."""
    import re

    def fill(match: re.Match[str]) -> str:
        converter, key = (match.group(1) or "str"), match.group(2)
        return "1" if converter == "int" or key in {"object_id", "pk"} else "made-up-key"

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", "made-up-key", route)
    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


def expected_for_rule(rule: str, role: str) -> str:
    if rule == "public":
        return OK
    if role == "anonymous":
        return LOGIN
    if rule == "authenticated":
        return OK
    allowed = {
        "platform.admin": {"platform_admin"},
        "people.view_audit_log": {"platform_admin"},
        "people.manage_roles": {"platform_admin", "municipal_admin"},
        "directory.claim": set(ROLES) - {"anonymous"},
        # on the sample organisation, whose administrator is the organisation_admin
        "directory.edit_organisation": {"organisation_admin", "platform_admin"},
        "directory.hide_organisation": {"case_officer", "municipal_admin", "platform_admin"},
        # the list: staff and organisation administrators (umbrella councils decide
        # claims of their members); one claim: staff only for the sample claim
        "directory.decide_claims": {
            "case_officer",
            "municipal_admin",
            "platform_admin",
            "organisation_admin",
        },
        # on the sample service's needs, whose coordinator is the volunteer_coordinator
        "volunteering.coordinate": {"volunteer_coordinator", "platform_admin"},
        # the sample service is no volunteer centre: only platform administrators
        "volunteering.centre": {"platform_admin"},
        "volunteering.coordinate_some": {
            "volunteer_coordinator",
            "organisation_admin",
            "platform_admin",
        },
        # the municipality's volunteering overview: coordinators, case officers, admins
        "volunteering.overview": {
            "volunteer_coordinator",
            "case_officer",
            "municipal_admin",
            "platform_admin",
        },
        # call-outs, health ambassadors and Mentor pairs
        "volunteering.manage_programmes": {
            "volunteer_coordinator",
            "municipal_admin",
            "platform_admin",
        },
        # one Mentor pair (the sample pair's members are not among the roles)
        "volunteering.mentor_pair": {
            "volunteer_coordinator",
            "municipal_admin",
            "platform_admin",
        },
        # the list: anyone managing some building; one booking: the manager of its
        # building (the sample building is the booking_manager's)
        "premises.manage_bookings": {"booking_manager", "platform_admin"},
        # the sample booking was made by the resident
        "premises.cancel_booking": {"resident", "booking_manager", "platform_admin"},
        # season allocation: booking managers and municipal administrators run it,
        # the municipality's administrators set the priorities, organisation
        # administrators apply; the sample application is the sample organisation's
        "premises.manage_season": {"booking_manager", "municipal_admin", "platform_admin"},
        "premises.edit_priorities": {"municipal_admin", "platform_admin"},
        "premises.apply_season": {"organisation_admin", "platform_admin"},
        "premises.view_decision": {
            "organisation_admin",
            "booking_manager",
            "municipal_admin",
            "platform_admin",
        },
        # the sample waiting list entry is the resident's
        "premises.withdraw_waitlist": {"resident"},
        # the sample series was booked by the resident too
        "premises.cancel_series": {"resident", "booking_manager", "platform_admin"},
    }[rule]
    return OK if role in allowed else FORBIDDEN


def _anon_only(role: str) -> str:
    """allauth entrance pages: shown to anonymous people, logged-in people are sent on."""
    return OK if role == "anonymous" else REDIRECT


def _logged_in(role: str) -> str:
    return LOGIN if role == "anonymous" else OK


def _admin(role: str) -> str:
    return ADMIN_LOGIN if role != "platform_admin" else ADMIN_ANY


def api_expected_for_rule(rule: str, role: str) -> str:
    """The API answers 401 instead of sending people to the log-in page."""
    outcome = expected_for_rule(rule, role)
    return UNAUTHORISED if outcome == LOGIN else outcome


THIRD_PARTY: dict[str, Any] = {
    "set_language": lambda role: REDIRECT,  # GET only redirects back; the form POSTs
    "account_login": _anon_only,
    "account_signup": _anon_only,
    "account_logout": lambda role: REDIRECT if role == "anonymous" else OK,
    "account_reset_password": lambda role: OK,
    "account_reset_password_done": lambda role: OK,
    "account_reset_password_from_key": lambda role: OK,  # shows "bad token"
    "account_reset_password_from_key_done": lambda role: OK,
    "account_change_password": _logged_in,
    "account_set_password": lambda role: LOGIN if role == "anonymous" else REDIRECT,
    "account_email": _logged_in,
    "account_email_verification_sent": lambda role: OK,
    "account_confirm_email": lambda role: OK,  # explains that the link is invalid
    "account_inactive": lambda role: OK,
    "account_reauthenticate": _logged_in,
    "account_confirm_login_code": lambda role: LOGIN if role == "anonymous" else REDIRECT,
    "api:api-root": lambda role: NOT_FOUND,  # no operation at the bare prefix
    "api:openapi-json": lambda role: OK,
    "api:openapi-view": lambda role: OK,
}


def declared_rule(callback: Any) -> str | None:
    """The rule a view declared; for an API path, the rule of its GET operation."""
    rule = getattr(callback, "dugnad_rule", None)
    if rule is not None:
        return str(rule)
    for cell in getattr(callback, "__closure__", None) or ():
        path_view = cell.cell_contents
        for operation in getattr(path_view, "operations", []):
            if "GET" in operation.methods and hasattr(operation.view_func, "dugnad_rule"):
                return str(operation.view_func.dugnad_rule)
    return None


def expected(route: Route, role: str) -> str:
    if route.name in SPECIAL:
        return str(SPECIAL[route.name](role))
    rule = declared_rule(route.callback)
    if rule is not None:
        if route.name.startswith("api:"):
            return api_expected_for_rule(rule, role)
        return expected_for_rule(rule, role)
    if route.name.startswith("admin:"):
        if route.name == "admin:logout":
            return ADMIN_ANY if role == "platform_admin" else REDIRECT
        if route.name == "admin:login":
            return OK if role != "platform_admin" else REDIRECT
        return _admin(role)
    if route.name in THIRD_PARTY:
        return str(THIRD_PARTY[route.name](role))
    raise AssertionError(f"URL {route.name} ({route.path}) declares no permission rule")


ROUTES = sorted(iter_routes(), key=lambda r: r.name)


def test_every_url_has_an_expectation() -> None:
    missing = []
    for route in ROUTES:
        try:
            expected(route, "anonymous")
        except AssertionError as exc:
            missing.append(str(exc))
    assert not missing, "\n".join(missing)


@pytest.fixture
def people(baerum: Municipality, asker: Municipality) -> dict[str, User]:
    organisation: Organisation = OrganisationFactory.create(municipality=baerum)
    building: Building = BuildingFactory.create(municipality=baerum)
    service: Service = ServiceFactory.create(municipality=baerum)
    scoped = {
        Role.ORGANISATION_MEMBER: organisation,
        Role.ORGANISATION_ADMIN: organisation,
        Role.BOOKING_MANAGER: building,
        Role.VOLUNTEER_COORDINATOR: service,
    }
    result = {
        "resident": UserFactory.create(),
        "platform_admin": UserFactory.create(is_superuser=True, is_staff=True),
    }
    for role in Role:
        user = UserFactory.create()
        scope = scoped.get(role)
        if scope is not None:
            from django.contrib.contenttypes.models import ContentType

            RoleAssignmentFactory.create(
                user=user,
                role=role,
                municipality=baerum,
                scope_type=ContentType.objects.get_for_model(scope),
                scope_id=scope.pk,
            )
        else:
            RoleAssignmentFactory.create(user=user, role=role, municipality=baerum)
        result[str(role.value)] = user
    return result


def outcome(response: Any) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (200, 405):
        # 405: a POST-only view let the person past the permission layer and
        # then refused the GET itself.
        return OK
    if status in (301, 302, 303):
        if "/admin/login/" in location:
            return ADMIN_LOGIN
        if location.startswith("/konto/login/"):
            return LOGIN
        return REDIRECT
    return {401: UNAUTHORISED, 403: FORBIDDEN, 404: NOT_FOUND}.get(status, f"status {status}")


def sample_paths(
    organisation: Organisation, claim: OrganisationClaim, booking: Booking
) -> dict[str, str]:
    """Real objects for URLs about one object, so the matrix sees the page, not a 404."""
    paths = {
        name: reverse(f"directory:{name}", args=[organisation.pk])
        for name in ("organisation", "claim", "edit", "members", "hide")
    }
    paths["member-remove"] = reverse("directory:member-remove", args=[organisation.pk, 1])
    paths["claim-decide"] = reverse("directory:claim-decide", args=[claim.pk])
    samples = {f"directory:{name}": path for name, path in paths.items()}
    for name in ("api:organisation-detail", "api:organisation-hsds-detail"):
        samples[name] = reverse(name, kwargs={"id": organisation.pk})
    for name in (
        "premises:building",
        "premises:building-day",
        "premises:utilisation",
        "premises:utilisation-csv",
        "premises:building-edit",
    ):
        samples[name] = reverse(name, args=[booking.space.building_id])
    for name in (
        "premises:space-week",
        "premises:space-day",
        "premises:booking-create",
        "premises:series-create",
    ):
        samples[name] = reverse(name, args=[booking.space_id])
    series = BookingSeriesFactory.create(
        municipality=booking.municipality, space=booking.space, person=booking.person
    )
    samples["premises:series-cancel"] = reverse("premises:series-cancel", args=[series.pk])
    feed = CalendarFeedFactory.create(municipality=booking.municipality, person=booking.person)
    samples["premises:feed"] = reverse("premises:feed", args=[feed.token])
    for name in ("premises:booking-cancel", "premises:booking-decide"):
        samples[name] = reverse(name, args=[booking.pk])
    return samples


def season_paths(organisation: Organisation, booking: Booking, resident: User) -> dict[str, str]:
    """A round with the sample organisation's application and wish, and a
    waiting list entry of the resident."""
    municipality = organisation.municipality
    application = SeasonApplicationFactory.create(
        municipality=municipality, organisation=organisation, decided_at=timezone.now()
    )
    wish = SeasonWishFactory.create(
        municipality=municipality, application=application, space=booking.space
    )
    entry = WaitlistEntryFactory.create(
        municipality=municipality, space=booking.space, person=resident
    )
    # the round's hall is in the sample building, which the booking manager manages
    application.round.spaces.add(booking.space)
    round_pk = application.round_id
    paths = {
        "season-round": reverse("premises:season-round", args=[round_pk]),
        "season-apply": reverse("premises:season-apply", args=[round_pk]),
        "season-allocation": reverse("premises:season-allocation", args=[round_pk]),
        "season-report": reverse("premises:season-report", args=[round_pk]),
        "season-adjust": reverse("premises:season-adjust", args=[wish.pk]),
        "season-decision": reverse("premises:season-decision", args=[application.pk]),
        "season-decision-pdf": reverse("premises:season-decision-pdf", args=[application.pk]),
        "waitlist-join": reverse("premises:waitlist-join", args=[booking.space_id]),
        "waitlist-withdraw": reverse("premises:waitlist-withdraw", args=[entry.pk]),
    }
    return {f"premises:{name}": path for name, path in paths.items()}


def volunteering_paths(service: Service, organisation: Organisation) -> dict[str, str]:
    """A published need of the sample service, with a shift, an engagement and a sign-up."""
    need = NeedFactory.create(municipality=service.municipality, service=service)
    shift = ShiftFactory.create(municipality=service.municipality, need=need)
    engagement = EngagementFactory.create(municipality=service.municipality, need=need)
    signup = ShiftSignupFactory.create(
        municipality=service.municipality, shift=shift, person=engagement.person
    )
    paths = {
        "service-coordinate": reverse("volunteering:service-coordinate", args=[service.pk]),
        "service-need-create": reverse("volunteering:service-need-create", args=[service.pk]),
        "organisation-coordinate": reverse(
            "volunteering:organisation-coordinate", args=[organisation.pk]
        ),
        "organisation-need-create": reverse(
            "volunteering:organisation-need-create", args=[organisation.pk]
        ),
        "shift-take": reverse("volunteering:shift-take", args=[shift.pk]),
        "signup-cancel": reverse("volunteering:signup-cancel", args=[signup.pk]),
        "engagement-withdraw": reverse("volunteering:engagement-withdraw", args=[engagement.pk]),
        "engagement-decide": reverse("volunteering:engagement-decide", args=[engagement.pk]),
        "engagement-purpose-letter": reverse(
            "volunteering:engagement-purpose-letter", args=[engagement.pk]
        ),
        "shift-roster": reverse("volunteering:shift-roster", args=[shift.pk]),
        "signup-hours": reverse("volunteering:signup-hours", args=[signup.pk]),
        "signup-own-hours": reverse("volunteering:signup-own-hours", args=[signup.pk]),
        "purpose-letter": reverse("volunteering:purpose-letter", args=[engagement.pk]),
        "certificate": reverse("volunteering:certificate", args=[need.pk]),
    }
    for name in (
        "need",
        "need-interest",
        "need-edit",
        "shift-add",
        "need-status",
        "need-volunteers",
        "need-politiattest",
    ):
        paths[name] = reverse(f"volunteering:{name}", args=[need.pk])
    callout = CalloutFactory.create(municipality=service.municipality)
    for name in ("callout", "callout-counts", "callout-send", "callout-close"):
        paths[name] = reverse(f"volunteering:{name}", args=[callout.pk])
    pair = MentorPairFactory.create(municipality=service.municipality)
    for name in ("mentor-pair", "mentor-meeting", "mentor-evaluation", "mentor-end"):
        paths[name] = reverse(f"volunteering:{name}", args=[pair.pk])
    samples = {f"volunteering:{name}": path for name, path in paths.items()}
    samples["api:volunteering-need-detail"] = reverse(
        "api:volunteering-need-detail", kwargs={"id": need.pk}
    )
    return samples


def _organisation_coordinator(role: str) -> str:
    """The sample organisation's needs: its administrator coordinates them."""
    if role == "anonymous":
        return LOGIN
    return OK if role in {"organisation_admin", "platform_admin"} else FORBIDDEN


# Our own views whose outcome is not the rule's alone.
SPECIAL: dict[str, Any] = {
    # nobody in the matrix has confirmed hours: back to the history page
    "volunteering:certificate": lambda role: LOGIN if role == "anonymous" else "redirect",
    # the sample engagement is another person's: not found for everyone
    "volunteering:purpose-letter": lambda role: LOGIN if role == "anonymous" else "not_found",
    "volunteering:organisation-coordinate": _organisation_coordinator,
    "volunteering:organisation-need-create": _organisation_coordinator,
    # a made-up answer token: no such call-out recipient
    "volunteering:callout-answer": lambda role: NOT_FOUND,
    # a made-up invitation token: the page explains it is not valid
    "directory:invitation": lambda role: LOGIN if role == "anonymous" else "status 400",
    # deciding one claim: staff of the municipality, not any organisation's administrator
    "directory:claim-decide": lambda role: (
        LOGIN
        if role == "anonymous"
        else OK
        if role in {"case_officer", "municipal_admin", "platform_admin"}
        else FORBIDDEN
    ),
}


@pytest.mark.django_db
def test_matrix(people: dict[str, User]) -> None:
    organisation = Organisation.objects.get()
    claim = OrganisationClaimFactory.create(
        municipality=organisation.municipality, organisation=organisation
    )
    booking = BookingFactory.create(
        municipality=organisation.municipality,
        space=SpaceFactory.create(
            municipality=organisation.municipality, building=Building.objects.get()
        ),
        person=people["resident"],
        status=BookingStatus.REQUESTED,
    )
    samples = sample_paths(organisation, claim, booking)
    samples |= volunteering_paths(Service.objects.get(), organisation)
    samples |= season_paths(organisation, booking, people["resident"])
    failures = []
    for role in ROLES:
        client = Client(HTTP_HOST="baerum.localhost", raise_request_exception=False)
        if role != "anonymous":
            client.force_login(people[role])
        for route in ROUTES:
            want = expected(route, role)
            response = client.get(samples.get(route.name) or concrete_path(route.path))
            assert response.status_code < 500, f"{route.name} as {role}: server error"
            got = outcome(response)
            if want == ADMIN_ANY and got in ADMIN_ANSWERS:
                continue
            if got != want:
                failures.append(
                    f"{route.name} {concrete_path(route.path)} as {role}: {got}, expected {want}"
                )
    assert not failures, "\n".join(failures)
