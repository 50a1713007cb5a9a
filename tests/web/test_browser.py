"""In a real browser (Debian chromium via playwright) against a real ``onrecord serve``: read an
article, click a forecast, resolve it, see the scorecard change. Screenshots go to artifacts/."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
MOBILE = {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_read_an_article_resolve_a_forecast_and_see_the_scorecard_change(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="After Ramstein, the arithmetic of the war has changed").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#text mark.hl-forecast").count() > 0
    assert page.locator("#text mark.hl-actor").count() > 0

    item = page.locator(".kind-forecasts li.item", has_text="Kharkiv").first
    item.locator("a.jump").click()
    anchor = item.get_attribute("data-item")
    assert "active" in page.locator(f'#text mark[data-item="{anchor}"]').first.get_attribute("class")
    assert item.locator("details.provenance").evaluate("d => d.open")
    assert item.locator("details.provenance").inner_text().count("rule") >= 1
    page.wait_for_timeout(800)  # let the smooth scroll finish, then show the page from its top
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "article-1280")

    holder = page.locator(".kind-forecasts li.item", has_text="Kharkiv").first.locator(".item-detail").inner_text().split(" · ")[0]
    item.get_by_role("link", name="resolve →").click()
    page.get_by_label("yes, it happened").check()
    page.get_by_label("Evidence").fill("Later reporting: the troops were pushed back.")
    page.get_by_label("Date").fill("2022-06-01")
    page.get_by_role("button", name="Record resolution").click()
    assert page.get_by_role("status").inner_text() == "Resolution recorded."

    page.get_by_role("link", name=holder).first.click()
    assert page.locator("#stat-resolved").inner_text() == "1"
    assert page.locator("#stat-brier").inner_text() != "–"
    page.wait_for_load_state("networkidle")
    shoot(page, "scorecard-1280")


def test_hostile_text_stays_inert_in_the_browser(page, server):
    page.goto(server + "/?q=Vienna")
    page.locator("ol.documents a.title").first.click()
    page.wait_for_load_state("networkidle")
    for mark in page.locator("#text mark").all()[:10]:
        mark.hover()
    page.locator("#text").hover()
    assert page.title().startswith("<script>")  # shown as text, and never rewritten to "pwned"
    assert page.evaluate("document.querySelectorAll('#text script, #text img, [onmouseover], [onerror]').length") == 0


def test_api_docs_work_offline(page, server):
    """Every request that is not to the app itself fails, as it would offline; the docs still list
    the operations, and the content policy blocks nothing."""
    elsewhere, blocked = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
               else (elsewhere.append(route.request.url), route.abort()))
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(server + "/api/docs")
    page.wait_for_load_state("networkidle")
    operations = page.locator("section.operation")
    schema = page.request.get(server + "/api/openapi.json").json()
    assert operations.count() == sum(len(item) for item in schema["paths"].values()) > 10
    assert operations.filter(has_text="/api/forecasts/{key}/resolutions").first.is_visible()
    page.get_by_role("link", name="GET /api/scores", exact=True).click()
    assert page.url.endswith("#scores_json_api_scores_get")
    assert elsewhere == [] and blocked == []
    shoot(page, "api-docs-1280")


def test_pages_fit_a_phone(browser, server):
    context = browser.new_context(viewport=MOBILE, device_scale_factor=1)
    page = context.new_page()
    page.goto(server + "/?q=Ramstein")
    page.locator("ol.documents a.title").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    shoot(page, "article-390")
    page.goto(server + "/scores")
    page.locator("table.scores tbody a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    shoot(page, "scorecard-390")
    page.goto(server + "/forecasts")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    context.close()


def test_the_standalone_report_runs_only_its_own_script(page, example_analyses, tmp_path):
    """The report's CSP (a meta tag) lets its embedded script run, and a javascript: url is no link."""
    import dataclasses

    from onrecord.web.report import html_report

    analysis = example_analyses[0]
    document = dataclasses.replace(analysis.document, url="javascript:alert(document.domain)")
    path = tmp_path / "report.html"
    path.write_text(html_report(dataclasses.replace(analysis, document=document)), encoding="utf-8")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text else None)
    page.goto(path.as_uri())
    assert page.locator('a[href^="javascript:"]').count() == 0
    item = page.locator(".kind-forecasts li.item").first
    item.locator("a.jump").click()
    anchor = item.get_attribute("data-item")
    assert "active" in page.locator(f'#text mark[data-item="{anchor}"]').first.get_attribute("class")
    assert violations == []
