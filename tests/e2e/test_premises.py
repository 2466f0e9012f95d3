"""Premises booking in a real browser: a representative books a room through
the form, the booking manager approves a request, and every booking page has
no serious accessibility violations (axe-core) in all three languages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from dugnad.premises.models import Booking, BookingStatus, Space
from dugnad.premises.opening import norwegian_holidays
from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser


def test_book_a_room_and_the_manager_approves_a_request(page: Page, site: Site) -> None:
    room = Space.objects.get(name="Møterom 2")
    request = Booking.objects.get(status=BookingStatus.REQUESTED)
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    holidays = norwegian_holidays(next_week, next_week + datetime.timedelta(days=7))
    while next_week.weekday() >= 5 or next_week in holidays:  # open 08–22 on working days
        next_week += datetime.timedelta(days=1)

    log_in(page, site.url("/konto/login/"), "lagleder@baerum.demo")
    page.goto(site.url(f"/lokaler/rom/{room.pk}/"))
    check_accessibility(page, "week view")
    page.get_by_role("link", name="Book dette lokalet").click()
    check_accessibility(page, "booking form")
    page.get_by_label("Dato").fill(next_week.isoformat())
    page.get_by_label("Fra").fill("18:00")
    page.get_by_label("Til").fill("20:00")
    page.get_by_label("Hva gjelder bookingen?").fill("Styremøte i korpset")
    page.get_by_label("På vegne av").select_option(label="Rykkinn skolekorps")
    with page.expect_navigation():
        page.get_by_role("button", name="Book", exact=True).click()
    assert "Styremøte i korpset" in page.content()
    check_accessibility(page, "my bookings")
    assert Booking.objects.get(purpose="Styremøte i korpset").status == BookingStatus.CONFIRMED

    page.context.clear_cookies()
    log_in(page, site.url("/konto/login/"), "utleie@baerum.demo")
    pages = (
        "/lokaler/",
        f"/lokaler/bygg/{room.building_id}/",
        f"/lokaler/rom/{request.space_id}/",
        "/lokaler/foresporsler/",
        f"/lokaler/foresporsler/{request.pk}/",
    )
    for language in ("nn", "en", "nb"):
        page.goto(site.url(pages[0]))
        switch_language(page, language)
        for path in pages:
            page.goto(site.url(path))
            check_accessibility(page, f"{path} ({language})")
    page.get_by_role("button", name="Godkjenn").click()
    page.wait_for_url(site.url("/lokaler/foresporsler/"))
    request.refresh_from_db()
    assert request.status == BookingStatus.CONFIRMED


def _next_open_tuesday(weeks: int = 2) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    while day in norwegian_holidays(day, day):
        day += datetime.timedelta(weeks=1)
    return day


def test_an_organisation_books_a_gym_weekly_and_the_manager_approves(
    page: Page, site: Site
) -> None:
    """The issue's walk-through: find a free gym on Tuesday evenings, book it
    weekly for the autumn (seeing the date that collides), get the e-mail
    with the calendar file; the manager approves; the hall shows it."""
    from django.core import mail

    from dugnad.people.models import User
    from dugnad.premises import services
    from dugnad.premises.models import BookingSeries
    from dugnad.premises.opening import zone

    gym = Space.objects.get(name="Gymsalen")
    first = _next_open_tuesday()
    weeks = 10
    last = first + datetime.timedelta(weeks=weeks - 1)
    taken = first + datetime.timedelta(weeks=2)
    someone = User.objects.get(email="innbygger@baerum.demo")
    services.request_booking(  # the east half, that evening: the whole gym collides
        actor=someone,
        municipality=gym.municipality,
        space=Space.objects.get(name="Gymsalen, halvdel øst"),
        start=datetime.datetime.combine(taken, datetime.time(18), tzinfo=zone()),
        end=datetime.datetime.combine(taken, datetime.time(19), tzinfo=zone()),
        purpose="Bursdagsfeiring",
    )
    mail.outbox.clear()

    log_in(page, site.url("/konto/login/"), "lagleder@baerum.demo")
    page.goto(site.url("/lokaler/"))
    page.get_by_role("link", name="Finn et ledig rom").click()
    check_accessibility(page, "free-room search")
    page.get_by_label("Dato").fill(first.isoformat())
    page.get_by_label("Fra").fill("18:00")
    page.get_by_label("Til").fill("20:00")
    page.get_by_label("Type rom").select_option(label="Gymsal")
    with page.expect_navigation():
        page.get_by_role("button", name="Søk").click()
    check_accessibility(page, "search results")
    card = page.locator(".ds-card", has=page.get_by_role("link", name="Gymsalen", exact=True))
    with page.expect_navigation():
        card.get_by_role("link", name="Book hver uke").click()
    check_accessibility(page, "weekly booking form")
    page.get_by_label("Første dato").fill(first.isoformat())
    page.get_by_label("Siste dato").fill(last.isoformat())
    page.get_by_label("Fra").fill("18:00")
    page.get_by_label("Til").fill("20:00")
    page.get_by_label("Hva gjelder bookingen?").fill("Korpsøvelse i gymsalen")
    page.get_by_label("På vegne av").select_option(label="Rykkinn skolekorps")
    with page.expect_navigation():
        page.get_by_role("button", name="Sjekk datoer").click()
    check_accessibility(page, "weekly booking preview")
    boxes = page.locator('input[name="dates"]')
    assert boxes.count() == weeks
    assert page.locator(f'input[name="dates"][value="{taken.isoformat()}"]').is_disabled()
    assert "Allerede booket" in page.locator("#series-dates").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Book de valgte datoene").click()
    assert "Faste bookinger" in page.content()
    series = BookingSeries.objects.get(purpose="Korpsøvelse i gymsalen")
    assert series.bookings.count() == weeks - 1
    assert set(series.bookings.values_list("status", flat=True)) == {BookingStatus.REQUESTED}
    (request_mail,) = [m for m in mail.outbox if m.to == ["lagleder@baerum.demo"]]
    assert request_mail.attachments[0][0] == "booking.ics"
    assert "BEGIN:VEVENT" in str(request_mail.attachments[0][1])
    page.goto(site.url("/lokaler/kalender/"))
    check_accessibility(page, "calendar subscription")

    page.context.clear_cookies()
    log_in(page, site.url("/konto/login/"), "utleie@baerum.demo")
    page.goto(site.url("/lokaler/foresporsler/"))
    first_date = series.bookings.order_by("start").first()
    assert first_date is not None
    page.goto(site.url(f"/lokaler/foresporsler/{first_date.pk}/"))
    check_accessibility(page, "decide a series")
    mail.outbox.clear()
    with page.expect_navigation():
        page.get_by_role(
            "button", name=f"Godkjenn alle {weeks - 1} ønskede datoer i serien"
        ).click()
    assert set(series.bookings.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}
    (confirmation,) = [m for m in mail.outbox if m.to == ["lagleder@baerum.demo"]]
    assert "METHOD:REQUEST" in str(confirmation.attachments[0][1])

    page.goto(site.url(f"/lokaler/bygg/{gym.building_id}/dag/?dato={first.isoformat()}"))
    check_accessibility(page, "building day view")
    assert "Rykkinn skolekorps" in page.locator("table").inner_text()
    page.goto(
        site.url(
            f"/lokaler/rom/{gym.pk}/?uke={first.isocalendar()[0]}-W{first.isocalendar()[1]:02d}"
        )
    )
    assert "Rykkinn skolekorps" in page.locator("table").inner_text()
    for path in (
        f"/lokaler/bygg/{gym.building_id}/utnyttelse/",
        f"/lokaler/bygg/{gym.building_id}/rediger/",
        "/lokaler/fakturagrunnlag/",
        f"/lokaler/rom/{gym.pk}/book/",
    ):
        page.goto(site.url(path))
        check_accessibility(page, path)
