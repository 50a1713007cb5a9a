"""The ledger as a workbench in a real browser (Debian chromium via playwright, a real
``onrecord serve``): sort and filter the ledger, export what is shown, click nested highlights,
read the report and a scorecard on a phone, and a screenshot of every page at both widths.

Screenshots go to ``$ONRECORD_SCREENSHOTS`` or ``artifacts/screenshots/`` (git-ignored)."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
PHONE = WIDTHS["390"]


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = Path(os.environ.get("ONRECORD_SCREENSHOTS") or ROOT / "artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def column(page, label: str) -> list[str]:
    return page.locator(f'table.forecasts tbody td[data-label="{label}"]').all_inner_texts()


def test_sorting_and_filtering_the_ledger(page, server):
    page.goto(server + "/forecasts?group=none&per_page=500")
    page.locator("th a.sort", has_text="p").click()
    assert "sort=probability" in page.url
    shown = [float(p.strip().rstrip("%")) for p in column(page, "p")]
    assert shown == sorted(shown) and len(set(shown)) > 1
    page.locator("th a.sort", has_text="p").click()  # again: the other way round
    assert "order=desc" in page.url
    assert [float(p.strip().rstrip("%")) for p in column(page, "p")] == sorted(shown, reverse=True)

    everyone = column(page, "holder")
    part = everyone[0].split()[-1][:4].lower()
    page.get_by_label("Holder").fill(part.upper())
    page.get_by_role("button", name="Filter").click()
    holders = column(page, "holder")
    assert holders and all(part in h.lower() for h in holders) and len(holders) < len(everyone)
    assert "order=desc" in page.url  # the sort survives filtering
    total = httpx.get(server + "/api/forecasts", params={"holder_contains": part}).json()["total"]
    assert page.locator(".list-head .meta").first.inner_text().startswith(f"{total} forecasts")


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_exporting_the_filtered_view_downloads_exactly_its_rows(page, server, tmp_path, kind):
    holder = httpx.get(server + "/api/forecasts", params={"sort": "holder"}).json()["forecasts"][0]["holder"]
    page.goto(server + "/forecasts?" + httpx.QueryParams({"holder_contains": holder, "sort": "due", "status": "open"}).__str__())
    with page.expect_download() as download:
        page.get_by_role("link", name=kind.upper(), exact=True).click()
    path = tmp_path / f"export.{kind}"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines())) if kind == "csv" else [json.loads(line) for line in text.splitlines()]
    expected = httpx.get(server + "/api/forecasts", params={"holder_contains": holder, "sort": "due", "status": "open",
                                                            "group": "none", "per_page": 500}).json()["forecasts"]
    assert [r["key"] for r in rows] == [f["key"] for f in expected] and rows
    assert all(holder.lower() in r["holder"].lower() and r["status"] in ("open", "due") for r in rows)


def test_clicking_a_nested_highlight_selects_the_innermost_shown_item(page, server):
    page.goto(server + "/?q=Ramstein")
    page.locator("ol.documents a.title").first.click()
    page.wait_for_load_state("networkidle")
    # a highlight of a layer hidden by default (a time, an event, a causal link's part) inside a
    # forecast: clicking it means the forecast, the innermost item shown
    hidden = {"hl-time": "times", "hl-event": "events", "hl-effect": "causal", "hl-cause": "causal", "hl-causal-cue": "causal"}
    inner = page.locator("#text mark.hl-forecast :is(" + ", ".join(f"mark.{k}" for k in hidden) + "):not(:has(mark))").first
    forecast = inner.evaluate("m => m.parentElement.closest('mark.hl-forecast').dataset.item")
    inner.click()
    assert page.locator("li.item.active").count() == 1
    assert page.locator("li.item.active").get_attribute("data-item") == forecast
    # with that layer shown, the same click means the shorter item: the one highlighted there
    layer = next(label for kind, label in hidden.items() if kind in inner.get_attribute("class").split())
    page.locator(".legend").get_by_label(layer).check()
    inner.click()
    assert page.locator("li.item.active").get_attribute("data-item") == inner.get_attribute("data-item")


def test_the_report_and_a_scorecard_fit_a_phone(browser, server, example_analyses, tmp_path, screenshots):
    from onrecord.web.report import html_report

    report = tmp_path / "report.html"
    report.write_text(html_report(example_analyses[0]), encoding="utf-8")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name, url in (("report", report.as_uri()), ("scorecard", server + "/scores/holder/Maria%20Ellison")):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        pictures = page.locator(".graph svg, .graph img, figure.chart img")
        assert pictures.count() > 0
        for picture in pictures.all():
            box = picture.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    context.close()


PAGES = {"home": "/", "forecasts": "/forecasts", "forecast": None, "article": None, "actors": "/actors",
         "actor": None, "scores": "/scores", "scorecard": "/scores/holder/Maria%20Ellison", "search": "/?q=Kharkiv",
         "report": None, "api-docs": "/api/docs"}


def test_every_page_at_both_widths(browser, server, example_analyses, tmp_path, screenshots):
    """Opens every page at 1280×800 and 390×844 and saves a screenshot of each (look at them)."""
    from onrecord.web.report import html_report

    urls = dict(PAGES)
    forecast = httpx.get(server + "/api/forecasts").json()["forecasts"][0]
    urls["forecast"] = "/forecasts/" + httpx.URL("/", params={"k": forecast["key"]}).query.decode()[2:]
    urls["article"] = "/documents/" + forecast["document_id"]
    urls["actor"] = "/actors/" + httpx.get(server + "/api/actors").json()["actors"][0]["id"]
    report = tmp_path / "report.html"
    report.write_text(html_report(example_analyses[0]), encoding="utf-8")
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in urls.items():
            response = page.goto(report.as_uri() if name == "report" else server + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(screenshots / f"{name}-{width}.png"))
            assert name == "report" or response.status == 200, name
            if name != "api-docs":  # Swagger's own page is not ours to lay out
                wide = page.evaluate("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                                     f".right > {viewport['width']}).map(e => e.tagName + '.' + e.className)")
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (name, width, wide[:5])
        context.close()
    assert len(list(screenshots.glob("*-390.png"))) >= len(urls)
