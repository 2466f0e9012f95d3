"""Journeys a person makes through the shell, in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, ViewportSize

from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 740}


def _heading(page: Page) -> str:
    return page.locator("main h1").first.inner_text().strip()


def _has_translation(language: str, text: str) -> bool:
    with translation.override(language):
        return gettext(text) != text


def test_register_confirm_switch_language_export_and_delete(site: Site, page: Page) -> None:
    email = "ny.innbygger@example.no"
    password = "Sterkt-passord-42"

    # Register.
    page.goto(site.url("/"))
    with page.expect_navigation():
        page.locator(".account-nav a[href='/konto/signup/']").click()
    page.locator('input[name="full_name"]').fill("Nora Nyberg")
    page.locator('input[name="email"]').fill(email)
    page.locator('input[name="password1"]').fill(password)
    page.locator('input[name="password2"]').fill(password)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').click()
    check_accessibility(page, "after signing up")

    # The verification e-mail arrives, with a link back to this municipality.
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [email]
    links = re.findall(r"https?://\S+/konto/confirm-email/\S+/", str(message.body))
    assert links, message.body
    confirm_link = links[0]
    assert confirm_link.startswith(site.url("/konto/confirm-email/")), confirm_link

    # Confirm the address from the link; that logs the person in on Min side.
    page.goto(confirm_link)
    check_accessibility(page, "e-mail confirmation")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').click()
    assert page.url == site.url("/min-side/")
    assert "Nora Nyberg" in page.locator("main").inner_text()
    assert page.locator(".account-nav form[action='/konto/logout/']").count() == 1

    # Switch language: the page text follows.
    texts = {"nb": page.locator("main").inner_text()}
    headings = {"nb": _heading(page)}
    for language in ("en", "nn"):
        switch_language(page, language)
        assert page.url == site.url("/min-side/")
        texts[language] = page.locator("main").inner_text()
        headings[language] = _heading(page)
    assert headings["en"] == "My page"
    assert texts["nn"] != texts["en"]
    # Once the Nynorsk and Bokmål catalogues translate the heading, a person
    # must see it change too.
    for language in ("nb", "nn"):
        if _has_translation(language, "My page"):
            assert headings[language] != headings["en"], language
    switch_language(page, "nb")

    # Download my data: a JSON file that holds my e-mail address.
    with page.expect_download() as download_info:
        page.locator("main a[href='/min-side/mine-data.json']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert email in json.dumps(data, ensure_ascii=False)

    # Delete the account: logged out, and the old log-in no longer works.
    with page.expect_navigation():
        page.locator("main a[href='/min-side/slett-konto/']").click()
    page.locator('input[name="confirm"]').check()
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').click()
    assert page.url == site.url("/")
    assert page.locator(".account-nav a[href='/konto/login/']").count() == 1
    assert page.locator(".account-nav form[action='/konto/logout/']").count() == 0
    check_accessibility(page, "after deleting the account")

    log_in(page, site.url("/konto/login/"), email, password)
    assert page.url.startswith(site.url("/konto/login/")), page.url
    assert page.locator(".account-nav a[href='/konto/login/']").count() == 1
    response = page.goto(site.url("/min-side/"))
    assert response is not None
    assert page.url.startswith(site.url("/konto/login/")), page.url


def test_phone_width_has_no_horizontal_scroll_and_reachable_navigation(
    browser: Browser, site: Site
) -> None:
    with browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True) as context:
        page = context.new_page()
        page.goto(site.url("/"))
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= PHONE["width"], f"home page is {scroll_width}px wide at 360px"

        links = page.locator("nav.main-nav a")
        assert links.count() >= 7
        for index in range(links.count()):
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            assert link.is_visible()
            box = link.bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        check_accessibility(page, "home page at 360px")

        # The navigation takes you there.
        with page.expect_navigation():
            page.locator("nav.main-nav a[href='/organisasjoner/']").tap()
        assert page.url == site.url("/organisasjoner/")

        # The header's tools (language, log in) are reachable too, in every language.
        for language in ("en", "nn", "nb"):
            switch_language(page, language)
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            assert scroll_width <= PHONE["width"], (language, scroll_width)
        login = page.locator(".account-nav a[href='/konto/login/']")
        box = login.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= PHONE["width"]


def test_phone_width_logged_in_pages_fit(browser: Browser, site: Site) -> None:
    with browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True) as context:
        page = context.new_page()
        log_in(page, site.url("/konto/login/"), "admin@dugnad.demo")
        for path in (
            "/",
            "/min-side/",
            "/min-side/slett-konto/",
            "/revisjonslogg/",
            "/konto/email/",
        ):
            page.goto(site.url(path))
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            assert scroll_width <= PHONE["width"], f"{path} is {scroll_width}px wide at 360px"
            check_accessibility(page, f"{path} at 360px")


def test_first_tab_focuses_skip_link_which_moves_focus_to_main(site: Site, page: Page) -> None:
    page.goto(site.url("/"))
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert "ds-skip-link" in focused["cls"], focused
    assert focused["href"] == "#main"
    skip_link = page.locator("a.ds-skip-link")
    assert skip_link.is_visible(), "the skip link must be visible when focused"
    box = skip_link.bounding_box()
    assert box is not None
    assert box["width"] > 1
    assert box["height"] > 1

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), page.evaluate(
        "document.activeElement.outerHTML"
    )


def test_language_switch_and_log_in_work_without_javascript(browser: Browser, site: Site) -> None:
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(site.url("/organisasjoner/"))
        assert page.locator("html").get_attribute("lang") == "nb"
        switch_language(page, "en")
        assert page.url == site.url("/organisasjoner/")
        switch_language(page, "nn")
        switch_language(page, "en")

        log_in(page, site.url("/konto/login/"), "innbygger@baerum.demo")
        assert page.url == site.url("/min-side/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Kari Nordmann" in page.locator("main").inner_text()

        with page.expect_navigation():
            page.locator(".account-nav form[action='/konto/logout/'] button").click()
        assert page.locator(".account-nav a[href='/konto/login/']").count() == 1


def test_other_municipality_data_never_shows(browser: Browser, site: Site) -> None:
    with browser.new_context() as context:
        page = context.new_page()
        page.goto(site.url("/organisasjoner/?q=Rykkinn+skolekorps", "baerum.localhost"))
        assert "Rykkinn skolekorps" in page.locator("main").inner_text()

        log_in(page, site.url("/konto/login/", "asker.localhost"), "innbygger@asker.demo")
        assert page.url == site.url("/min-side/", "asker.localhost")
        page.goto(site.url("/organisasjoner/?q=Rykkinn+skolekorps", "asker.localhost"))
        assert "Asker" in page.locator(".site-header__name").inner_text()
        assert "Rykkinn skolekorps" not in page.locator("body").inner_text()
        assert page.locator("#results-heading").inner_text().startswith("0 ")
        # Organisations at home in Asker show; Bærum's own (not active in Asker) do not.
        page.goto(site.url("/organisasjoner/?q=Heggedal", "asker.localhost"))
        assert "Heggedal idrettslag" in page.locator("main").inner_text()


def test_municipality_chooser_is_accessible_in_every_language(site: Site, page: Page) -> None:
    chooser = f"http://127.0.0.1:{site.port}/"
    page.goto(chooser)
    assert page.locator("main h1").count() == 1
    names = page.locator("main .card-grid a").all_inner_texts()
    assert any("Bærum" in name for name in names), names
    assert any("Asker" in name for name in names), names
    for language in ("nb", "nn", "en"):
        switch_language(page, language)
        assert page.url == chooser
        check_accessibility(page, f"municipality chooser in {language}")


def test_forbidden_page_is_part_of_the_shell(site: Site, page: Page) -> None:
    log_in(page, site.url("/konto/login/"), "politiker@baerum.demo")
    switch_language(page, "nn")
    for path in ("/revisjonslogg/", "/finst-ikkje/"):
        response = page.goto(site.url(path))
        assert response is not None
        assert response.status in (403, 404), (path, response.status)
        assert page.locator("html").get_attribute("lang") == "nn", path
        assert page.locator("nav.main-nav").count() == 1, path
        check_accessibility(page, f"{path} ({response.status})")
