"""A call-out reaches matching people and their answers count up on the
coordinator's page, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, check_accessibility, log_in

pytestmark = pytest.mark.browser


def test_callout_reaches_drivers_and_answers_count_up(site: Site, page: Page) -> None:
    log_in(page, site.url("/konto/login/"), "koordinator@baerum.demo")
    page.goto(site.url("/frivillighet/utkallinger/"))
    check_accessibility(page, "call-outs")
    page.goto(site.url("/frivillighet/utkallinger/ny/"))
    check_accessibility(page, "new call-out")
    page.locator('input[name="title"]').fill("Sjåfører til vaksinesenteret torsdag 08–16")
    page.locator('textarea[name="message"]').fill("Kjør eldre til og fra Sandvika.")
    page.locator('input[name="starts_at"]').fill("2030-01-10T08:00")
    page.locator('input[name="ends_at"]').fill("2030-01-10T16:00")
    page.locator('input[name="skills"][value="driver"]').check()
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()
    expect(page.locator(".ds-alert[data-color=info]")).to_contain_text("5")
    check_accessibility(page, "call-out draft")
    mail.outbox = []
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator('[data-count="recipients"]')).to_have_text("5")
    expect(page.locator('[data-count="yes"]')).to_have_text("0")
    check_accessibility(page, "call-out sent")
    coordinator_url = page.url

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert "ole.bakken@baerum.demo" in recipients
    assert "berit.lie@baerum.demo" not in recipients  # health personnel, not a driver
    message = next(m for m in mail.outbox if m.to == ["ole.bakken@baerum.demo"])
    yes_link = re.search(r"Ja: (\S+)", str(message.body))
    assert yes_link is not None

    # The volunteer answers from the link, without logging in.
    volunteer = page.context.browser.new_context(locale="nb-NO")  # type: ignore[union-attr]
    answer_page = volunteer.new_page()
    link = yes_link.group(1)
    answer_page.goto(site.url(link[link.index("/frivillighet/") :]))
    check_accessibility(answer_page, "answer")
    with answer_page.expect_navigation():
        answer_page.locator("main form button[type=submit]").click()
    expect(answer_page.locator(".ds-alert[data-color=success]")).to_be_visible()
    volunteer.close()

    # The coordinator's open page counts it up by itself (htmx polling) ...
    expect(page.locator('[data-count="yes"]')).to_have_text("1", timeout=10_000)
    # ... and without JavaScript, the reload link shows the same.
    page.goto(coordinator_url)
    expect(page.locator('[data-count="yes"]')).to_have_text("1")


def test_overview_and_programme_pages_are_accessible(site: Site, page: Page) -> None:
    log_in(page, site.url("/konto/login/"), "koordinator@baerum.demo")
    for path in (
        "/frivillighet/oversikt/",
        "/frivillighet/ambassadorer/?sprak=so",
        "/frivillighet/mentor/koordinering/",
        "/frivillighet/beredskap/",
        "/frivillighet/mentor/",
    ):
        page.goto(site.url(path))
        check_accessibility(page, path)
    expect(page.locator("main h1")).to_have_text("Mentor")
    page.goto(site.url("/frivillighet/ambassadorer/?sprak=so"))
    expect(page.locator("main table")).to_contain_text("Hodan Warsame")
    page.goto(site.url("/frivillighet/mentor/koordinering/"))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    check_accessibility(page, "mentor pair")
    expect(page.locator("main h1")).to_contain_text("Fatima Al-Sayed")
