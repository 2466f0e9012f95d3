"""Pages of premises booking: thin over the services and queries."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import District, Municipality
from dugnad.municipalities.page_cache import public_page
from dugnad.municipalities.tenancy import (
    current_municipality,
    get_scoped_or_404,
    municipality_or_404,
    scoped,
)
from dugnad.people import rules
from dugnad.people.decorators import person_of, requires
from dugnad.people.models import Role, RoleAssignment, User
from dugnad.premises import calendar_files, forms, queries, services
from dugnad.premises.models import (
    Booking,
    BookingSeries,
    BookingStatus,
    Building,
    BuildingPhoto,
    CalendarFeed,
    Space,
)
from dugnad.premises.permissions import can_manage_bookings


def _booking(request: HttpRequest, pk: int) -> Booking:
    return get_scoped_or_404(
        request,
        Booking.objects.select_related("space__building", "person", "organisation", "series"),
        pk=pk,
    )


def _scope_ids(
    person: User, municipality: Municipality | None, role: str, model: type
) -> list[int]:
    return [
        pk
        for pk in RoleAssignment.objects.filter(
            user=person,
            role=role,
            municipality=municipality,
            scope_type=ContentType.objects.get_for_model(model),
        ).values_list("scope_id", flat=True)
        if pk is not None
    ]


@requires(rules.PUBLIC)
@public_page
def index(request: HttpRequest) -> HttpResponse:
    buildings = scoped(request, Building).select_related("district")
    can_manage = can_manage_bookings(request.user, current_municipality(request), None)
    return render(
        request,
        "premises/index.html",
        {"title": _("Premises"), "buildings": buildings, "can_manage": can_manage},
    )


@requires(rules.PUBLIC)
def building(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_scoped_or_404(request, Building.objects.select_related("district"), pk=pk)
    spaces = scoped(request, Space).filter(building=found).select_related("parent")
    today = timezone.localdate()
    return render(
        request,
        "premises/building.html",
        {
            "title": found.name,
            "building": found,
            "spaces": spaces,
            "opening_hours": found.opening_hours.filter(space=None),
            "closures": found.closures.filter(space=None, last_date__gte=today),
            "tariffs": found.tariffs.select_related("space").order_by("space__name", "renter_type"),
            "can_manage": can_manage_bookings(request.user, current_municipality(request), found),
            "photos": found.photos.all(),
            "building_rules": {
                "who_may_book": found.get_who_may_book_display(),
                "min_minutes": found.min_minutes,
                "max_minutes": found.max_minutes,
                "max_days_ahead": found.max_days_ahead,
                "cancel_hours": found.cancel_hours,
            },
        },
    )


@requires(rules.PUBLIC)
def space_week(request: HttpRequest, pk: int) -> HttpResponse:
    """Free and taken hours of one space in a week (``?uke=2026-W48``)."""
    space = get_scoped_or_404(request, Space.objects.select_related("building"), pk=pk)
    today = timezone.localdate()
    monday = queries.week_start(request.GET.get("uke"), today)
    show_who = can_manage_bookings(request.user, current_municipality(request), space)
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    return render(
        request,
        "premises/space_week.html",
        {
            "title": space.name,
            "space": space,
            "building": space.building,
            "week": queries.iso_week(monday),
            "week_number": monday.isocalendar()[1],
            "days": days,
            "rows": queries.week_grid(space, monday, show_who=show_who),
            "previous_week": queries.iso_week(monday - datetime.timedelta(days=7)),
            "next_week": queries.iso_week(monday + datetime.timedelta(days=7)),
            "show_who": show_who,
        },
    )


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


def _day_view(
    request: HttpRequest, building: Building, spaces: list[Space], *, space: Space | None
) -> HttpResponse:
    day = _day(request.GET.get("dato"))
    show_who = can_manage_bookings(request.user, current_municipality(request), building)
    return render(
        request,
        "premises/day.html",
        {
            "title": space.name if space else building.name,
            "building": building,
            "space": space,
            "spaces": spaces,
            "day": day,
            "rows": queries.day_grid(building, spaces, day, show_who=show_who),
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "week": queries.iso_week(day - datetime.timedelta(days=day.weekday())),
        },
    )


@requires(rules.PUBLIC)
def building_day(request: HttpRequest, pk: int) -> HttpResponse:
    """All rooms of a building side by side for one day (``?dato=2026-11-24``)."""
    found = get_scoped_or_404(request, Building, pk=pk)
    spaces = list(scoped(request, Space).filter(building=found).order_by("name"))
    return _day_view(request, found, spaces, space=None)


@requires(rules.PUBLIC)
def space_day(request: HttpRequest, pk: int) -> HttpResponse:
    """One room for one day."""
    space = get_scoped_or_404(request, Space.objects.select_related("building"), pk=pk)
    return _day_view(request, space.building, [space], space=space)


@requires(rules.PUBLIC)
def search(request: HttpRequest) -> HttpResponse:
    """Free rooms at a date and time, by kind, capacity, facility and district."""
    form = forms.FreeSearchForm(
        request.GET or None, districts=scoped(request, District).order_by("name")
    )
    results: list[Space] | None = None
    if form.is_valid() and "start" in form.cleaned_data:
        data = form.cleaned_data
        results = queries.free_spaces(
            scoped(request, Space),
            start=data["start"],
            end=data["end"],
            capacity=data.get("kapasitet"),
            facility=(data.get("fasilitet") or "").strip(),
            kind=data.get("type") or "",
            district_id=data["bydel"].pk if data.get("bydel") else None,
        )
    return render(
        request,
        "premises/search.html",
        {"title": _("Find a free room"), "form": form, "results": results},
    )


def _administered(request: HttpRequest, person: User) -> QuerySet[Organisation]:
    """The organisations ``person`` may book for here: administered by them,
    at home or active in the request's municipality."""
    ids = RoleAssignment.objects.filter(
        user=person,
        role=Role.ORGANISATION_ADMIN,
        scope_type=ContentType.objects.get_for_model(Organisation),
    ).values_list("scope_id", flat=True)
    return (
        Organisation.objects.in_municipality(current_municipality(request))
        .filter(pk__in=ids)
        .order_by("name")
    )


@requires(rules.AUTHENTICATED)
def book(request: HttpRequest, pk: int) -> HttpResponse:
    """Book once. "Show price" (``action=preview``) checks the rules and shows
    the price without sending."""
    space = get_scoped_or_404(
        request, Space.objects.select_related("building").filter(bookable=True), pk=pk
    )
    person = person_of(request)
    form = forms.BookingForm(request.POST or None, organisations=_administered(request, person))
    preview = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "preview":
            price, problem = services.quote(
                actor=person,
                space=space,
                start=data["start"],
                end=data["end"],
                organisation=data.get("organisation"),
                commercial=data.get("commercial", False),
            )
            preview = {"price": price, "problem": problem}
        else:
            try:
                booking = services.request_booking(
                    actor=person,
                    municipality=municipality_or_404(request),
                    space=space,
                    start=data["start"],
                    end=data["end"],
                    purpose=data["purpose"],
                    organisation=data.get("organisation"),
                    commercial=data.get("commercial", False),
                )
            except services.BookingError as exc:
                form.add_error(None, str(exc))
                if isinstance(exc, services.BookingConflict):
                    status = 409  # someone else has the time: a clear refusal, also to scripts
            else:
                if booking.status == BookingStatus.CONFIRMED:
                    messages.success(
                        request, _("Your booking is confirmed. We have sent you an e-mail.")
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your request has been sent. "
                            "You get an e-mail when it has been handled."
                        ),
                    )
                return redirect("premises:my-bookings")
    return render(
        request,
        "premises/book.html",
        {
            "title": _("Book %(space)s") % {"space": space.name},
            "space": space,
            "form": form,
            "preview": preview,
        },
        status=status,
    )


def _chosen_dates(request: HttpRequest) -> list[datetime.date]:
    chosen: list[datetime.date] = []
    for value in request.POST.getlist("dates"):
        try:
            chosen.append(datetime.date.fromisoformat(value))
        except ValueError:
            continue
    return chosen


@requires(rules.AUTHENTICATED)
def book_series(request: HttpRequest, pk: int) -> HttpResponse:
    """Book weekly through a period: "Check dates" lists every date with the
    ones that collide or fall on closed days; the person sends the rest."""
    space = get_scoped_or_404(
        request, Space.objects.select_related("building").filter(bookable=True), pk=pk
    )
    person = person_of(request)
    form = forms.SeriesForm(request.POST or None, organisations=_administered(request, person))
    plan: list[services.PlannedDate] = []
    price = None
    total = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = services.plan_series(
            actor=person,
            space=space,
            first_date=data["first_date"],
            last_date=data["last_date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            organisation=data.get("organisation"),
        )
        price, total = services.quote_series(
            space=space,
            plan=plan,
            organisation=data.get("organisation"),
            commercial=data.get("commercial", False),
        )
        if request.POST.get("action") == "send":
            try:
                series = services.request_series(
                    actor=person,
                    municipality=municipality_or_404(request),
                    space=space,
                    dates=_chosen_dates(request),
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    purpose=data["purpose"],
                    organisation=data.get("organisation"),
                    commercial=data.get("commercial", False),
                )
            except services.BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s date is booked. We have sent you an e-mail.",
                        "%(count)s dates are booked. We have sent you an e-mail.",
                        series.bookings.count(),
                    )
                    % {"count": series.bookings.count()},
                )
                return redirect("premises:my-bookings")
    return render(
        request,
        "premises/book_series.html",
        {
            "title": _("Book %(space)s every week") % {"space": space.name},
            "space": space,
            "form": form,
            "plan": plan,
            "price": price,
            "total": total,
        },
    )


@requires(rules.AUTHENTICATED)
def my_bookings(request: HttpRequest) -> HttpResponse:
    bookings = (
        scoped(request, Booking)
        .filter(person=person_of(request), end__gt=timezone.now())
        .select_related("space__building", "organisation")
        .order_by("start")
    )
    series = (
        scoped(request, BookingSeries)
        .filter(person=person_of(request), last_date__gte=timezone.localdate())
        .select_related("space__building", "organisation")
    )
    return render(
        request,
        "premises/my_bookings.html",
        {"title": _("My bookings"), "bookings": bookings, "series": series},
    )


def _series(request: HttpRequest, pk: int) -> BookingSeries:
    return get_scoped_or_404(
        request, BookingSeries.objects.select_related("space__building"), pk=pk
    )


@requires("premises.cancel_series", _series)
@require_POST
def cancel_series(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(request, pk)
    try:
        cancelled = services.cancel_series(actor=person_of(request), series=series)
    except services.BookingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s date has been cancelled.",
                "%(count)s dates have been cancelled.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )
    if series.person_id == request.user.pk:
        return redirect("premises:my-bookings")
    return redirect("premises:requests")


@requires("premises.cancel_booking", _booking)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    try:
        services.cancel_booking(actor=person_of(request), booking=booking)
    except services.BookingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The booking has been cancelled."))
    if booking.person_id == request.user.pk:
        return redirect("premises:my-bookings")
    return redirect("premises:requests")


@requires("premises.manage_bookings")
def invoice_basis(request: HttpRequest) -> HttpResponse:
    """Confirmed bookings with a price in a period (``?fra=&til=``), as CSV for
    the finance system; without a valid period, the form to choose one."""
    first_of_month = timezone.localdate().replace(day=1)
    last_month_end = first_of_month - datetime.timedelta(days=1)
    form = forms.PeriodForm(
        request.GET or None,
        initial={"fra": last_month_end.replace(day=1), "til": last_month_end},
    )
    if not form.is_valid():
        return render(
            request,
            "premises/invoice_basis.html",
            {"title": _("Invoice basis"), "form": form},
        )
    person = person_of(request)
    bookings = queries.invoice_bookings(
        scoped(request, Booking),
        first=form.cleaned_data["fra"],
        last=form.cleaned_data["til"],
        building_ids=None
        if rules.is_platform_admin(person)
        else _scope_ids(person, current_municipality(request), Role.BOOKING_MANAGER, Building),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"fakturagrunnlag-{form.cleaned_data['fra']}-{form.cleaned_data['til']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    queries.write_invoice_csv(response, bookings)
    return response


@requires("premises.manage_bookings")
def requests(request: HttpRequest) -> HttpResponse:
    """Requests waiting in the buildings the person manages."""
    person = person_of(request)
    pending = scoped(request, Booking).filter(status=BookingStatus.REQUESTED)
    if not rules.is_platform_admin(person):
        building_ids = _scope_ids(
            person, current_municipality(request), Role.BOOKING_MANAGER, Building
        )
        pending = pending.filter(space__building_id__in=building_ids)
    pending = pending.select_related("space__building", "person", "organisation").order_by("start")
    return render(
        request, "premises/requests.html", {"title": _("Booking requests"), "bookings": pending}
    )


@requires("premises.manage_bookings", _booking)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    person = person_of(request)
    reject_form = forms.RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.approve_booking(actor=person, booking=booking)
                messages.success(request, _("The booking is approved."))
                return redirect("premises:requests")
            if request.POST.get("action") == "approve_series" and booking.series is not None:
                approved = services.approve_series(actor=person, series=booking.series)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s date is approved.",
                        "%(count)s dates are approved.",
                        len(approved),
                    )
                    % {"count": len(approved)},
                )
                return redirect("premises:requests")
            if reject_form.is_valid():
                services.reject_booking(
                    actor=person, booking=booking, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("The request is rejected."))
                return redirect("premises:requests")
        except services.BookingError as exc:
            if reject_form.is_bound:
                reject_form.add_error(None, str(exc))
            else:
                messages.error(request, str(exc))
    conflict = services.request_conflicts(booking)
    series_waiting = (
        booking.series.bookings.filter(status=BookingStatus.REQUESTED).count()
        if booking.series is not None
        else 0
    )
    return render(
        request,
        "premises/decide.html",
        {
            "title": _("Handle booking request"),
            "booking": booking,
            "form": reject_form,
            "conflict": conflict,
            "series_waiting": series_waiting,
            "week": queries.iso_week(
                timezone.localtime(booking.start).date()
                - datetime.timedelta(days=timezone.localtime(booking.start).weekday())
            ),
        },
    )


@requires(rules.AUTHENTICATED)
def feeds(request: HttpRequest) -> HttpResponse:
    """The person's calendar address and those of the organisations they administer;
    POST ``reset`` (empty or an organisation id) gives a new address."""
    person = person_of(request)
    municipality = municipality_or_404(request)
    organisations = list(_administered(request, person))
    if request.method == "POST":
        chosen = request.POST.get("reset", "")
        organisation = next((o for o in organisations if str(o.pk) == chosen), None)
        if chosen and organisation is None:
            messages.error(request, _("You do not have permission to do this."))
        else:
            services.reset_calendar_feed(
                actor=person, municipality=municipality, organisation=organisation
            )
            messages.success(request, _("The calendar has a new address. Subscribe to it again."))
        return redirect("premises:feeds")
    own = services.calendar_feed(actor=person, municipality=municipality)
    shared = [
        (
            organisation,
            services.calendar_feed(
                actor=person, municipality=municipality, organisation=organisation
            ),
        )
        for organisation in organisations
    ]
    return render(
        request,
        "premises/feeds.html",
        {
            "title": _("Calendar subscription"),
            "own_url": request.build_absolute_uri(reverse("premises:feed", args=[own.token])),
            "shared": [
                (organisation, request.build_absolute_uri(reverse("premises:feed", args=[f.token])))
                for organisation, f in shared
            ],
        },
    )


@requires(rules.PUBLIC)
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A subscribed calendar (iCalendar): the secret address is the only key."""
    found = get_scoped_or_404(
        request, CalendarFeed.objects.select_related("organisation", "person"), token=token
    )
    name = found.organisation.name if found.organisation else _("My bookings")
    body = calendar_files.calendar(queries.feed_bookings(found), name=str(name))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def _building(request: HttpRequest, pk: int) -> Building:
    return get_scoped_or_404(request, Building, pk=pk)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@requires("premises.manage_bookings", _building)
def utilisation(request: HttpRequest, pk: int) -> HttpResponse:
    """Booked against open hours by month and room, for the building's managers."""
    found = _building(request, pk)
    year = _year(request)
    spaces = list(scoped(request, Space).filter(building=found).order_by("name"))
    report = queries.utilisation(found, spaces, year)
    months = [
        (datetime.date(year, number, 1), usage)
        for number, usage in enumerate(report.months, start=1)
    ]
    return render(
        request,
        "premises/utilisation.html",
        {
            "title": _("Utilisation of %(building)s") % {"building": found.name},
            "building": found,
            "year": year,
            "months": months,
            "rooms": report.rooms,
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


@requires("premises.manage_bookings", _building)
def utilisation_csv(request: HttpRequest, pk: int) -> HttpResponse:
    found = _building(request, pk)
    year = _year(request)
    spaces = list(scoped(request, Space).filter(building=found).order_by("name"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="utnyttelse-{found.pk}-{year}.csv"'
    queries.write_utilisation_csv(response, found, queries.utilisation(found, spaces, year))
    return response


@requires("premises.manage_bookings", _building)
def building_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Access and universal-design information and photos, for the managers."""
    found = _building(request, pk)
    person = person_of(request)
    action = request.POST.get("action", "")
    info_form = forms.BuildingInformationForm(
        request.POST if action == "info" else None, instance=found
    )
    photo_form = forms.PhotoForm(
        request.POST if action == "photo" else None,
        request.FILES if action == "photo" else None,
    )
    if request.method == "POST":
        try:
            if action == "info" and info_form.is_valid():
                services.update_building_information(
                    actor=person,
                    building=found,
                    access_information=info_form.cleaned_data["access_information"],
                    universal_design=info_form.cleaned_data["universal_design"],
                )
                messages.success(request, _("The information is saved."))
                return redirect("premises:building-edit", pk=found.pk)
            if action == "photo" and photo_form.is_valid():
                services.add_photo(
                    actor=person,
                    building=found,
                    image=photo_form.cleaned_data["image"],
                    alt_text=photo_form.cleaned_data["alt_text"],
                )
                messages.success(request, _("The photo is added."))
                return redirect("premises:building-edit", pk=found.pk)
            if action == "remove":
                photo = get_scoped_or_404(
                    request,
                    BuildingPhoto.objects.filter(building=found),
                    pk=int(request.POST.get("photo", ""))
                    if request.POST.get("photo", "").isdigit()
                    else 0,
                )
                services.remove_photo(actor=person, photo=photo)
                messages.success(request, _("The photo is removed."))
                return redirect("premises:building-edit", pk=found.pk)
        except services.BookingError as exc:
            (photo_form if action == "photo" else info_form).add_error(None, str(exc))
    return render(
        request,
        "premises/building_edit.html",
        {
            "title": _("Edit %(building)s") % {"building": found.name},
            "building": found,
            "info_form": info_form,
            "photo_form": photo_form,
            "photos": found.photos.all(),
        },
    )
