"""Season allocation in a real browser: the booking manager reviews the demo
round's proposal, publishes it, and the club's administrator reads the
decision — both pages without serious accessibility violations (axe-core)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from dugnad.premises.models import SeasonApplication, SeasonBooking, SeasonRound
from dugnad.premises.season_demo import ROUND
from tests.e2e.conftest import Site, check_accessibility, log_in, switch_language

pytestmark = pytest.mark.browser


def test_manager_publishes_and_the_club_reads_its_decision(page: Page, site: Site) -> None:
    season_round = SeasonRound.objects.get(name=ROUND)
    application = SeasonApplication.objects.get(
        round=season_round, organisation__name="Rykkinn håndballklubb"
    )
    allocation = f"/lokaler/sesong/{season_round.pk}/tildeling/"

    wish = application.wishes.order_by("priority").first()
    assert wish is not None
    log_in(page, site.url("/konto/login/"), "lagleder@baerum.demo")
    for path in (
        "/lokaler/sesong/",
        f"/lokaler/sesong/{season_round.pk}/",
        f"/lokaler/sesong/{season_round.pk}/sok/",
        f"/lokaler/rom/{wish.space_id}/venteliste/",
        "/lokaler/venteliste/",
    ):
        page.goto(site.url(path))
        check_accessibility(page, path)

    page.context.clear_cookies()
    log_in(page, site.url("/konto/login/"), "utleie@baerum.demo")
    page.goto(site.url(f"/lokaler/sesong/onske/{wish.pk}/endre/"))
    check_accessibility(page, "adjust a wish")
    page.goto(site.url(allocation))
    assert "Rykkinn håndballklubb" in page.content()
    check_accessibility(page, "allocation (proposed)")
    page.set_viewport_size({"width": 360, "height": 800})
    check_accessibility(page, "allocation at 360 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.locator("form:has(input[value=publish]) button").click()
    season_round.refresh_from_db()
    assert season_round.status == SeasonRound.Status.PUBLISHED
    assert SeasonBooking.objects.exists()
    check_accessibility(page, "allocation (published)")

    page.context.clear_cookies()
    log_in(page, site.url("/konto/login/"), "kommuneadmin@baerum.demo")
    page.goto(site.url("/lokaler/sesong/prioriteringer/"))
    check_accessibility(page, "priorities")

    page.context.clear_cookies()
    log_in(page, site.url("/konto/login/"), "lagleder@baerum.demo")
    decision = f"/lokaler/sesong/vedtak/{application.pk}/"
    for language in ("en", "nn", "nb"):
        page.goto(site.url(decision))
        switch_language(page, language)
        page.goto(site.url(decision))
        check_accessibility(page, f"decision ({language})")
    assert "§ 29" in page.content()
