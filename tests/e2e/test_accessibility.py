"""Every page of the shell, for every demo role, in all three languages, has
no serious or critical accessibility violations (axe-core).

Each role logs in once through the real log-in form; the storage state (the
session cookie) is then reused for the visit, and the language is switched
with the header's language switcher, as a person would.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser

LANGUAGES = ("nn", "en", "nb")  # nb is the default; end on it after the others

SHELL_PAGES = (
    "/",
    "/organisasjoner/",
    "/frivillighet/",
    "/lokaler/",
    "/tilskudd/",
    "/medvirkning/",
    "/innbyggerpanel/",
    "/arrangementer/",
    "/personvern/",
    "/tilgjengelighet/",
    "/min-side/",
    "/min-side/slett-konto/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/konto/password/change/",
    "/konto/email/",
)
# Pages only some roles may open, by e-mail.
ROLE_PAGES: dict[str, tuple[str, ...]] = {
    "admin@dugnad.demo": ("/revisjonslogg/", "/kommune/roller/"),
    "kommuneadmin@baerum.demo": ("/kommune/roller/",),
}

# (e-mail, host); None is a visitor who has not logged in.
ROLES: tuple[tuple[str | None, str], ...] = (
    (None, "baerum.localhost"),
    ("innbygger@baerum.demo", "baerum.localhost"),
    ("medlem@baerum.demo", "baerum.localhost"),
    ("lagleder@baerum.demo", "baerum.localhost"),
    ("saksbehandler@baerum.demo", "baerum.localhost"),
    ("utleie@baerum.demo", "baerum.localhost"),
    ("koordinator@baerum.demo", "baerum.localhost"),
    ("frivilligsentral@baerum.demo", "baerum.localhost"),
    ("medvirkning@baerum.demo", "baerum.localhost"),
    ("politiker@baerum.demo", "baerum.localhost"),
    ("kommuneadmin@baerum.demo", "baerum.localhost"),
    ("innbygger@asker.demo", "asker.localhost"),
    ("saksbehandler@asker.demo", "asker.localhost"),
    ("admin@dugnad.demo", "baerum.localhost"),
)


@pytest.mark.parametrize(("email", "host"), ROLES, ids=[email or "anonymous" for email, _ in ROLES])
def test_shell_pages_have_no_serious_violations(
    browser: Browser, site: Site, email: str | None, host: str
) -> None:
    storage_state: Any = None
    if email:
        with browser.new_context() as login_context:
            login_page = login_context.new_page()
            log_in(login_page, site.url("/konto/login/", host), email)
            assert login_page.url == site.url("/min-side/", host), (
                f"{email} did not land on Min side after logging in: {login_page.url}"
            )
            storage_state = login_context.storage_state()

    pages = SHELL_PAGES + ROLE_PAGES.get(email or "", ())
    with browser.new_context(storage_state=storage_state) as context:
        page = context.new_page()
        page.goto(site.url("/", host))
        assert page.locator("html").get_attribute("lang") == "nb"
        for language in LANGUAGES:
            switch_language(page, language)
            for path in pages:
                response = page.goto(site.url(path, host))
                assert response is not None
                assert response.status < 400, f"{path} answered {response.status} for {email}"
                assert page.locator("html").get_attribute("lang") == language, path
                check_accessibility(page, f"{path} as {email or 'anonymous'} in {language}")
