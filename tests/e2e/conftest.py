"""Fixtures for the browser tests: Debian's chromium driven by Playwright,
the demo data served by pytest-django's live server, and axe-core.

Playwright never downloads a browser here: chromium comes from Debian
(``make browser-deps``) and is launched by path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make themselves (loading the demo, reading the outbox) are still plain
# synchronous code, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("DUGNAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # *.localhost is loopback in Chromium anyway; say so explicitly so no
    # resolver on the machine is ever asked.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
]
DEMO_PASSWORD = "dugnad-demo"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM} (run `make browser-deps`)")
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not found at {AXE_JS} (run `make assets`)")
    # browser.launch() starts chromium on a fresh, temporary user-data dir of
    # its own and removes it afterwards (Playwright refuses --user-data-dir).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db: None, live_server: Any) -> Iterator[None]:
    """The demo municipalities and people, on a clean database and cache."""
    cache.clear()  # host → municipality resolutions of an earlier test
    call_command("load_demo", quiet_logins=True)
    cache.clear()
    mail.outbox = []
    yield
    cache.clear()


class Site:
    """URLs of the live server under the hosts the municipalities are served on."""

    def __init__(self, live_server_url: str) -> None:
        self.port = urlsplit(live_server_url).port

    def url(self, path: str = "/", host: str = "baerum.localhost") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def site(demo: None, live_server: Any) -> Site:
    return Site(live_server.url)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="nb-NO")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


# --- What a person does -----------------------------------------------------

IMPACTS_THAT_FAIL = ("serious", "critical")


def check_accessibility(page: Page, label: str = "") -> None:
    """Run axe-core on the page and fail on serious or critical violations."""
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html})),
            }));
        }"""
    )
    bad = [v for v in violations if v["impact"] in IMPACTS_THAT_FAIL]
    if bad:
        lines = [f"axe-core: {len(bad)} serious/critical violation(s) on {label or page.url}"]
        lines.append(f"  url: {page.url}  lang: {page.locator('html').get_attribute('lang')}")
        for violation in bad:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"][:10]:
                lines.append(f"    at {node['target']}: {node['html'][:200]}")
        pytest.fail("\n".join(lines), pytrace=False)


def switch_language(page: Page, code: str) -> None:
    """Click the language switcher in the header, as a person would."""
    button = page.locator(f'.language-switcher button[name="language"][value="{code}"]')
    with page.expect_navigation():
        button.click()
    assert page.locator("html").get_attribute("lang") == code, (
        f"<html lang> did not become {code!r} on {page.url}"
    )


def log_in(page: Page, login_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real log-in form."""
    page.goto(login_url)
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()
