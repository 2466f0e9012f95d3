"""Volunteering in a real browser, as new users would: a retiree finds
visiting-friend work near Bekkestua in English, signs up, is accepted, gets
the reminder, has hours logged and downloads the certificate; a nursing-home
coordinator posts a need that requires a police certificate and cannot accept
a volunteer until one is recorded. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from dugnad import sms
from dugnad.municipalities.models import Service
from dugnad.people.models import User
from dugnad.volunteering import reminders, services
from dugnad.volunteering.models import Engagement, Need, Shift, ShiftSignup
from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser

LOGIN = "/konto/login/"


def as_person(page: Page, site: Site, email: str, language: str = "en") -> None:
    page.context.clear_cookies()
    log_in(page, site.url(LOGIN), email)
    page.goto(site.url("/frivillighet/mitt/"))
    switch_language(page, language)


def test_retiree_finds_visiting_work_and_gets_a_certificate(page: Page, site: Site) -> None:
    sms.outbox.clear()
    need = Need.objects.get(title="Besøksvenn på Lindelia")
    as_person(page, site, "pensjonist@baerum.demo")
    check_accessibility(page, "my volunteering")
    page.get_by_role("link", name="My volunteer profile").click()
    check_accessibility(page, "profile")
    assert page.get_by_label("Bekkestua").is_checked()
    page.goto(site.url("/frivillighet/mitt/"))
    page.get_by_role("link", name="Recommended for you").click()
    check_accessibility(page, "recommended")
    item = page.locator("li.member-row", has_text="Besøksvenn på Lindelia")
    assert "Near you, in Bekkestua" in item.inner_text()
    page.get_by_role("link", name="Besøksvenn på Lindelia").click()
    check_accessibility(page, "need")
    with page.expect_navigation():
        page.get_by_role("button", name="I want to help").click()
    assert "The coordinator will get back to you" in page.content()

    as_person(page, site, "koordinator@baerum.demo")
    page.goto(site.url(f"/frivillighet/koordinering/oppdrag/{need.pk}/frivillige/"))
    check_accessibility(page, "volunteers")
    row = page.locator("tr", has_text="Ingrid Berg")
    with page.expect_navigation():
        row.get_by_role("button", name="Accept").click()
    assert "The volunteer is accepted" in page.content()

    as_person(page, site, "pensjonist@baerum.demo")
    page.goto(site.url(f"/frivillighet/oppdrag/{need.pk}/"))
    # With htmx the row answers in place, and the status region says so.
    page.get_by_role("button", name="Take the shift").first.click()
    expect(page.locator("#shift-status")).to_contain_text("You have taken the shift")
    expect(page.locator("tbody tr", has_text="Confirmed")).to_have_count(1)
    # Keyboard users keep their place: the focus moves to the new status.
    assert page.evaluate("document.activeElement.id").endswith("-action")
    check_accessibility(page, "shift taken")
    signup = ShiftSignup.objects.select_related("shift").get(
        person__email="pensjonist@baerum.demo", shift__need=need
    )

    # The day before the shift, the scheduled job sends the reminder.
    mail.outbox = []
    assert (
        reminders.send_shift_reminders(now=signup.shift.starts_at - datetime.timedelta(days=1)) >= 1
    )
    reminder = next(m for m in mail.outbox if m.to == ["pensjonist@baerum.demo"])
    assert "Besøksvenn på Lindelia" in reminder.subject
    assert any(m.to == "+4791234567" for m in sms.outbox)

    # The shift takes place; the coordinator logs the hours.
    now = timezone.now()
    Shift.objects.filter(pk=signup.shift_id).update(
        starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=1)
    )
    as_person(page, site, "koordinator@baerum.demo")
    page.goto(site.url(f"/frivillighet/koordinering/vakter/{signup.shift_id}/"))
    check_accessibility(page, "roster")
    row = page.locator("tr", has_text="Ingrid Berg")
    row.get_by_label("Hours").fill("2")
    with page.expect_navigation():
        row.get_by_role("button", name="Log hours").click()
    assert "The hours are logged" in page.content()

    as_person(page, site, "pensjonist@baerum.demo")
    page.get_by_role("link", name="My volunteering history").click()
    check_accessibility(page, "history")
    assert "Confirmed hours in total: 2" in page.content()
    link = page.get_by_role("link", name=re.compile("Download the certificate for Besøksvenn"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_coordinator_cannot_accept_without_a_police_certificate(page: Page, site: Site) -> None:
    lindelia = Service.objects.get(name="Lindelia bo- og behandlingssenter")
    as_person(page, site, "frivilligsentral@baerum.demo")
    page.goto(site.url("/frivillighet/koordinering/ubesvart/"))
    check_accessibility(page, "escalated interests")
    as_person(page, site, "koordinator@baerum.demo")
    page.goto(site.url(f"/frivillighet/koordinering/tjeneste/{lindelia.pk}/nytt/"))
    check_accessibility(page, "new need")
    page.get_by_label("Title").fill("Aktivitetsvenn for beboere med demens")
    page.get_by_label("What to do").fill("Bli med på aktiviteter og turer med en fast beboer.")
    page.get_by_label("Requires a police certificate (politiattest)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").first.click()
    check_accessibility(page, "edit need")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    need = Need.objects.get(title="Aktivitetsvenn for beboere med demens")
    assert need.requires_politiattest

    omar = User.objects.get(email="omar@baerum.demo")
    services.express_interest(person=omar, need=need)
    page.goto(site.url(f"/frivillighet/koordinering/oppdrag/{need.pk}/frivillige/"))
    row = page.locator("tr", has_text="Omar Khalil")
    with page.expect_navigation():
        row.get_by_role("button", name="Approve for police certificate").click()
    assert "The purpose letter is approved" in page.content()
    assert Engagement.objects.get(need=need, person=omar).politiattest_letter_approved_at
    row = page.locator("tr", has_text="Omar Khalil")
    with page.expect_navigation():
        row.get_by_role("button", name="Accept").click()
    assert "Record that Omar Khalil has shown a valid certificate" in page.content()
    check_accessibility(page, "volunteers with the police certificate form")
    assert Engagement.objects.get(need=need, person=omar).status == "interested"

    page.get_by_label("Certificate shown on").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    assert "The police certificate check is recorded" in page.content()
    row = page.locator("tr", has_text="Omar Khalil")
    with page.expect_navigation():
        row.get_by_role("button", name="Accept").click()
    assert Engagement.objects.get(need=need, person=omar).status == "accepted"
