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
