"""The organisation directory as people use it, in a real browser with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser


def test_resident_finds_a_band_for_children_on_a_phone_in_english(
    browser: Browser, site: Site
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.goto(site.url("/organisasjoner/"))
    switch_language(page, "en")
    check_accessibility(page, "directory, phone, English")
    page.get_by_label("Search by name, activity or place").fill("korps for barn på Rykkinn")
    page.get_by_role("button", name="Search", exact=True).click()
    result = page.get_by_role("link", name="Rykkinn skolekorps")
    expect(result).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    check_accessibility(page, "directory results, phone, English")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rykkinn skolekorps")
    check_accessibility(page, "organisation page, phone, English")
    context.close()


def test_filters_work_without_javascript(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/organisasjoner/?q=korps"))
    page.locator('input[name="bydel"][value="rykkinn"]').check()
    page.get_by_role("button", name="Vis resultater").click()
    assert "bydel=rykkinn" in page.url
    expect(page.get_by_role("link", name="Rykkinn skolekorps")).to_be_visible()
    context.close()


def test_htmx_updates_results_and_keeps_the_url(page: Page, site: Site) -> None:
    page.goto(site.url("/organisasjoner/"))
    page.get_by_label("Søk på navn, aktivitet eller sted").fill("skolekorps")
    page.wait_for_url(re.compile(r"q=skolekorps"))  # typed: results follow without a click
    page.locator('input[name="bydel"][value="rykkinn"]').check()
    page.wait_for_url(re.compile(r"bydel=rykkinn"))
    expect(page.get_by_role("link", name="Rykkinn skolekorps")).to_be_visible()
    check_accessibility(page, "directory after an htmx update")


def test_representative_claims_gets_approved_and_edits(browser: Browser, site: Site) -> None:
    representative = browser.new_context().new_page()
    log_in(representative, site.url("/konto/login/"), "innbygger@baerum.demo")
    representative.goto(site.url("/organisasjoner/?q=Rykkinn+skolekorps"))
    representative.get_by_role("link", name="Rykkinn skolekorps").click()
    representative.get_by_role("link", name="Representerer du denne organisasjonen?").click()
    check_accessibility(representative, "claim form")
    representative.get_by_label("Din rolle i organisasjonen").fill("Sekretær")
    representative.get_by_role("button", name="Send forespørsel").click()
    expect(representative.locator(".ds-alert")).to_contain_text("Forespørselen er sendt")

    officer = browser.new_context().new_page()
    log_in(officer, site.url("/konto/login/"), "saksbehandler@baerum.demo")
    officer.goto(site.url("/organisasjoner/foresporsler/"))
    check_accessibility(officer, "claims list")
    officer.get_by_role("link", name=re.compile("Behandle")).first.click()
    check_accessibility(officer, "decide claim")
    officer.get_by_label("Godkjenn").check()
    officer.get_by_role("button", name="Lagre vedtaket").click()
    expect(officer.locator(".ds-alert")).to_contain_text("Vedtaket er lagret")

    representative.reload()
    representative.get_by_role("link", name="Rediger siden").click()
    check_accessibility(representative, "edit organisation")
    representative.get_by_label("Beskrivelse").fill("Korps for barn. Øvelse tirsdager 18–20.")
    representative.get_by_role("button", name="Lagre").click()
    expect(representative.locator(".ds-alert")).to_contain_text("oppdatert")

    visitor = browser.new_context().new_page()
    visitor.goto(site.url("/organisasjoner/?q=tirsdager"))
    expect(visitor.get_by_role("link", name="Rykkinn skolekorps")).to_be_visible()
    representative.goto(representative.url.replace("/rediger/", "/medlemmer/"))
    check_accessibility(representative, "members page")


def test_claim_start_and_hide_pages_are_accessible(browser: Browser, site: Site) -> None:
    resident = browser.new_context().new_page()
    log_in(resident, site.url("/konto/login/"), "innbygger@baerum.demo")
    resident.goto(site.url("/organisasjoner/representer/?organisation_number=974760673"))
    expect(resident.locator('input[name="name"]')).to_be_visible()  # not in the directory yet
    check_accessibility(resident, "claim start with the registration form")

    officer = browser.new_context().new_page()
    log_in(officer, site.url("/konto/login/"), "saksbehandler@baerum.demo")
    officer.goto(site.url("/organisasjoner/?q=Rykkinn+skolekorps"))
    officer.get_by_role("link", name="Rykkinn skolekorps").click()
    officer.get_by_role("link", name="Skjul fra oversikten").click()
    check_accessibility(officer, "hide organisation")
