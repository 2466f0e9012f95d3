"""Every volunteering page, on a 360 px wide phone, as the demo role that uses
it, in bokmål and English: reachable from Min side, no serious or critical
accessibility violations (axe-core) and no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from dugnad.volunteering.models import Callout, MentorPair, PairStatus, Shift
from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 740}
LANGUAGES = ("nb", "en")

RESIDENT_PAGES = (
    "/min-side/",
    "/frivillighet/",
    "/frivillighet/mitt/",
    "/frivillighet/mitt/profil/",
    "/frivillighet/mitt/forslag/",
    "/frivillighet/mitt/historikk/",
    "/frivillighet/beredskap/",
    "/frivillighet/mentor/",
)
PROGRAMME_PAGES = (
    "/frivillighet/oversikt/",
    "/frivillighet/utkallinger/",
    "/frivillighet/utkallinger/ny/",
    "/frivillighet/utkallinger/{callout}/",
    "/frivillighet/ambassadorer/",
    "/frivillighet/mentor/koordinering/",
    "/frivillighet/mentor/par/{pair}/",
)
# (demo e-mail, pages, links Min side must show them)
ROLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "pensjonist@baerum.demo",
        RESIDENT_PAGES,
        ("/frivillighet/mitt/profil/", "/frivillighet/mitt/forslag/", "/frivillighet/beredskap/"),
    ),
    ("innbygger@baerum.demo", RESIDENT_PAGES, ("/frivillighet/mitt/historikk/",)),
    (
        "koordinator@baerum.demo",
        (
            "/min-side/",
            "/frivillighet/koordinering/",
            "/frivillighet/koordinering/vakter/{shift}/",
            "/frivillighet/koordinering/oppdrag/{need}/frivillige/",
            *PROGRAMME_PAGES,
        ),
        ("/frivillighet/koordinering/", "/frivillighet/oversikt/", "/frivillighet/utkallinger/"),
    ),
    (
        "frivilligsentral@baerum.demo",
        ("/min-side/", "/frivillighet/koordinering/", "/frivillighet/koordinering/ubesvart/"),
        ("/frivillighet/koordinering/ubesvart/",),
    ),
    (
        "saksbehandler@baerum.demo",
        ("/min-side/", "/frivillighet/oversikt/"),
        ("/frivillighet/oversikt/",),
    ),
    (
        "kommuneadmin@baerum.demo",
        ("/min-side/", *PROGRAMME_PAGES),
        (
            "/frivillighet/oversikt/",
            "/frivillighet/ambassadorer/",
            "/frivillighet/mentor/koordinering/",
        ),
    ),
)

OVERFLOW_JS = """() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .filter(el => !el.parentElement
            || el.parentElement.getBoundingClientRect().right <= width + 1)
        .slice(0, 8)
        .map(el => `${el.tagName.toLowerCase()}.${el.className}: `
            + `${Math.round(el.getBoundingClientRect().right)}px`);
}"""


def assert_fits(page: Page, label: str) -> None:
    wide = page.evaluate(OVERFLOW_JS)
    assert not wide, f"{label} scrolls sideways at 360 px: {wide}"


def sample_ids() -> dict[str, int]:
    shift = Shift.objects.filter(need__service__name="Lindelia bo- og behandlingssenter").first()
    callout = Callout.objects.first()
    pair = MentorPair.objects.filter(status=PairStatus.ACTIVE).first()
    assert shift is not None, "the demo has a shift at Lindelia"
    assert callout is not None, "the demo has a call-out"
    assert pair is not None, "the demo has an active mentor pair"
    return {"shift": shift.pk, "need": shift.need_id, "callout": callout.pk, "pair": pair.pk}


@pytest.mark.parametrize(
    ("email", "paths", "on_my_page"), ROLES, ids=[email for email, _, _ in ROLES]
)
def test_volunteering_pages_on_a_phone(
    browser: Browser, site: Site, email: str, paths: tuple[str, ...], on_my_page: tuple[str, ...]
) -> None:
    ids = sample_ids()
    context = browser.new_context(viewport=PHONE, locale="nb-NO")
    with context:
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, site.url("/konto/login/"), email)
        for path in on_my_page:
            page.goto(site.url("/min-side/"))
            assert page.locator(f'main a[href="{path}"]').count() >= 1, (
                f"Min side has no link to {path} for {email}"
            )
        problems: list[str] = []
        for language in LANGUAGES:
            switch_language(page, language)
            for template in paths:
                path = template.format(**ids)
                response = page.goto(site.url(path))
                assert response is not None
                assert response.status == 200, f"{path} answered {response.status} for {email}"
                assert page.locator("html").get_attribute("lang") == language, path
                label = f"{path} as {email} in {language}"
                try:
                    check_accessibility(page, label)
                    assert_fits(page, label)
                except (AssertionError, pytest.fail.Exception) as problem:
                    problems.append(str(problem))
        assert not problems, "\n".join(problems)
