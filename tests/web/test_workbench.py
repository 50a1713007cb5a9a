"""The ledger as a workbench, without a browser (TestClient): exports of the filtered list, the
resolve form's manners, right/wrong and Brier on resolved forecasts, the article's predicts box."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from urllib.parse import quote

from .test_writes import form_token


def some_forecasts(client, **params) -> list[dict]:
    return client.get("/api/forecasts", params={"group": "none", "per_page": 500, **params}).json()["forecasts"]


def test_exports_hold_exactly_the_rows_of_the_filtered_list(client):
    holder = some_forecasts(client)[0]["holder"]
    params = {"holder": holder, "sort": "probability", "order": "desc"}
    listed = [f["key"] for f in some_forecasts(client, **params)]
    assert 0 < len(listed) < len(some_forecasts(client))
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/forecasts.csv", params=params).text)))
    assert [r["key"] for r in rows] == listed and {r["holder"] for r in rows} == {holder}
    probabilities = [float(r["probability"]) for r in rows]
    assert probabilities == sorted(probabilities, reverse=True)
    lines = client.get("/api/export/forecasts.jsonl", params=params).text.splitlines()
    assert [json.loads(line)["key"] for line in lines] == listed
    everything = client.get("/api/export/forecasts.jsonl").text.splitlines()
    assert len(everything) == len(some_forecasts(client))  # no filter: the whole ledger, as before


def test_the_forecast_list_page_offers_sorting_filters_exports_and_numbered_pages(client):
    page = client.get("/forecasts", params={"per_page": 2, "page": 3}).text
    assert 'href="/forecasts?per_page=2&amp;page=1"' in page  # the first page, by number
    pages = client.get("/api/forecasts", params={"per_page": 2}).json()["pages"]
    assert f">{pages}</a>" in page and 'aria-current="page">3<' in page  # the last page and the current one
    for column in ("made", "due", "holder", "probability", "status", "outlet"):
        assert f"sort={column}" in page
    for name in ("holder_contains", "outlet", "origin", "made_since", "made_until", "due_since", "due_until"):
        assert f'name="{name}"' in page
    assert "/api/export/forecasts.csv" in page and "/api/export/forecasts.jsonl" in page


def test_due_dates_and_missing_dates_read_the_same_everywhere(client):
    page = client.get("/forecasts", params={"per_page": 500}).text
    assert re.search(r'<span class="date">\d{4}-\d{2}-\d{2}</span>', page)
    assert "open-ended" not in page and "<td data-label=\"due\">–" not in page


def test_a_refused_resolution_names_the_form_control_and_keeps_what_was_chosen(write_client):
    key = some_forecasts(write_client, status="due")[0]["key"]
    url = f"/forecasts/{quote(key, safe='')}/resolve"
    token = form_token(write_client, key)
    assert write_client.post(url, data={"csrf_token": token, "outcome": "no"}, follow_redirects=False).status_code == 303
    again = write_client.post(url, data={"csrf_token": token, "outcome": "ambiguous", "by": "Rita Reviewer",
                                         "date": "2022-07-01", "evidence": "second look"})
    assert again.status_code == 400 and "--replace" not in again.text and "replace the current resolution" in again.text
    assert re.search(r'value="ambiguous" [^>]*checked', again.text) and not re.search(r'value="no" [^>]*checked', again.text)
    assert 'value="Rita Reviewer"' in again.text and 'value="2022-07-01"' in again.text and "second look" in again.text


def test_the_resolve_date_starts_at_the_due_date_once_it_has_passed(client):
    due = some_forecasts(client, status="due")[0]
    page = client.get(f"/forecasts/{quote(due['key'], safe='')}").text
    assert f'name="date" value="{due["due_on"]}"' in page
    undated = next(f for f in some_forecasts(client, status="open") if not f["due_on"])
    page = client.get(f"/forecasts/{quote(undated['key'], safe='')}").text
    assert f'name="date" value="{dt.date.today().isoformat()}"' in page


def test_evidence_urls_are_links_and_nothing_else_is(write_client):
    forecast = some_forecasts(write_client, status="due")[0]
    key = forecast["key"]
    evidence = "Settled: https://example.org/report?id=7. Not javascript:alert(1) nor data:text/html,x"
    write_client.post(f"/forecasts/{quote(key, safe='')}/resolve", follow_redirects=False,
                      data={"csrf_token": form_token(write_client, key), "outcome": "yes", "evidence": evidence})
    page = write_client.get(f"/forecasts/{quote(key, safe='')}").text
    assert '<a href="https://example.org/report?id=7" rel="noopener noreferrer nofollow">' in page
    assert 'href="javascript:' not in page and 'href="data:' not in page
    brier = (forecast["probability"] - 1) ** 2
    assert f"Brier {brier:.3f}" in page
    verdict = "✓ right" if forecast["probability"] > 0.5 else "✗ wrong"
    assert verdict in page and verdict in write_client.get("/forecasts", params={"status": "resolved"}).text


def test_the_article_opens_with_what_it_predicts_and_three_layers_shown(client):
    doc = client.get("/api/documents", params={"q": "Ramstein arithmetic"}).json()["documents"][0]
    data = client.get(f"/api/documents/{doc['id']}").json()
    page = client.get(f"/documents/{doc['id']}").text
    box = page[page.index('class="predicts"'):page.index('class="legend"')]
    assert box.count("<li>") == len(data["analysis"]["forecasts"]) > 0
    for forecast in data["analysis"]["forecasts"]:
        assert (forecast["question"] or forecast["proposition"]).replace("'", "&#39;") in box
    shown = set(re.findall(r'id="show-(\w+)" checked', page))
    assert shown == {"forecast", "quote", "actor"} and 'id="show-claim" >' in page
