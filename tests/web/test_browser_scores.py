"""In a real browser against a real ``onrecord serve``: correct a forecast and see its scorecard change,
the minimum-count rule on /scores, and an author's actor page listing the forecasts the author made.
Screenshots go to artifacts/."""
from __future__ import annotations

from urllib.parse import quote

import httpx

from .test_browser import MOBILE, shoot

AUTHOR, AUTHOR_ID = "Maria Ellison", "maria-ellison"  # the byline of examples/ramstein-week.txt


def resolved_author_forecast(server: str) -> str:
    """A forecast the author made, resolved yes (through the API, as a reader with no token may)."""
    held = httpx.get(f"{server}/api/actors/{AUTHOR_ID}").json()["held"]
    done = [f for f in held if f["status"] == "resolved"]
    if done:
        return done[0]["key"]
    key = held[0]["key"]
    response = httpx.post(f"{server}/api/forecasts/{quote(key, safe='')}/resolutions", json={"outcome": "yes"})
    assert response.status_code == 201, response.text
    return key


def test_correcting_a_forecast_changes_the_scorecard(page, server):  # noqa: F811
    key = resolved_author_forecast(server)
    card_url = f"{server}/scores/holder/{quote(AUTHOR)}?min_resolved=1"
    page.goto(card_url)
    before = page.locator("#stat-brier").inner_text()
    probability = httpx.get(f"{server}/api/forecasts/{quote(key, safe='')}").json()["forecast"]["probability"]
    new = 0.3 if probability > 0.5 else 0.8
    page.goto(f"{server}/forecasts/{quote(key, safe='')}")
    page.locator("details.correct summary").click()
    page.get_by_label("Probability").fill(f"{round(new * 100)}%")
    page.get_by_label("Note").fill("the text says it is unlikely")
    page.get_by_label("Corrected by").fill("browser test")
    page.get_by_role("button", name="Record correction").click()
    assert page.get_by_role("status").inner_text() == "Correction recorded."
    assert "by browser test" in page.locator("#corrected").inner_text()
    page.wait_for_load_state("networkidle")
    shoot(page, "forecast-corrected-1280")
    page.goto(card_url)
    after = page.locator("#stat-brier").inner_text()
    card = httpx.get(f"{server}/api/scores/holder/{quote(AUTHOR)}").json()["card"]
    assert after != before and after == f"{card['brier']:.3f}"
    assert "corrected" in page.locator("table.forecasts").inner_text()


def test_holders_below_the_minimum_are_listed_apart_until_the_minimum_is_lowered(page, server):  # noqa: F811
    resolved_author_forecast(server)
    page.goto(f"{server}/scores")
    assert page.locator("#not-ranked").get_by_role("link", name=AUTHOR).count() == 1
    assert page.locator("#ranked").get_by_role("link", name=AUTHOR).count() == 0
    page.get_by_label("Rank from").fill("1")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert "min_resolved=1" in page.url
    assert page.locator("#ranked").get_by_role("link", name=AUTHOR).count() == 1
    assert page.locator("#not-ranked").get_by_role("link", name=AUTHOR).count() == 0
    shoot(page, "scores-1280")
    page.locator("#ranked thead").get_by_role("link", name="Brier").click()
    assert "sort=brier" in page.url and "min_resolved=1" in page.url


def test_the_authors_actor_page_lists_the_forecasts_the_author_made(page, server):  # noqa: F811
    data = httpx.get(f"{server}/api/actors/{AUTHOR_ID}").json()
    key = data["held"][0]["key"]
    page.goto(f"{server}/forecasts/{quote(key, safe='')}")
    page.get_by_role("link", name="actor page").click()
    assert page.locator("h1").inner_text() == AUTHOR
    rows = page.locator("#held table.forecasts tbody tr")
    assert rows.count() == data["held_total"] > 0
    assert page.locator("#written").get_by_role("link", name="After Ramstein, the arithmetic of the war has changed").count() == 1
    page.wait_for_load_state("networkidle")
    shoot(page, "actor-author-1280")


def test_scores_and_a_scorecard_fit_a_phone(browser, server):  # noqa: F811
    context = browser.new_context(viewport=MOBILE, device_scale_factor=1)
    phone = context.new_page()
    for name, url in (("scores-390", "/scores?min_resolved=1"), ("scorecard-author-390", f"/scores/holder/{quote(AUTHOR)}")):
        phone.goto(server + url)
        phone.wait_for_load_state("networkidle")
        assert phone.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], url
        shoot(phone, name)
    context.close()
