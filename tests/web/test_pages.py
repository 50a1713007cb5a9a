"""Pages and their JSON twins over a ledger of our own example documents (TestClient)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from .conftest import HOSTILE_AUTHOR, HOSTILE_TITLE


def first_document(client, words: str) -> dict:
    (found,) = client.get("/api/documents", params={"q": words}).json()["documents"]
    return found


def forecast_keys(client, **params) -> list[str]:
    return [f["key"] for f in client.get("/api/forecasts", params=params).json()["forecasts"]]


def test_corpus_lists_documents_with_counts_newest_first(client):
    data = client.get("/api/documents").json()
    assert data["total"] == 3
    dates = [d["published"] for d in data["documents"]]
    assert dates == sorted(dates, reverse=True)
    ramstein = next(d for d in data["documents"] if d["title"].startswith("After Ramstein"))
    assert ramstein["forecasts"] > 0 and ramstein["claims"] > 0 and ramstein["events"] > 0
    page = client.get("/")
    assert page.status_code == 200 and "After Ramstein" in page.text and 'href="/api/documents"' in page.text


def test_corpus_search_ranks_matches_and_marks_snippets(client):
    data = client.get("/api/documents", params={"q": "Kharkiv summer"}).json()
    assert [d["title"] for d in data["documents"]] == ["The summer after Kharkiv"]
    found = data["documents"][0]
    assert "\x02" not in found["snippet"] and "\x03" not in found["snippet"]
    marked = [found["snippet"][start:end].lower() for start, end in found["snippet_marks"]]
    assert "kharkiv" in marked and set(marked) <= {"kharkiv", "summer"}
    page = client.get("/", params={"q": "kharkiv"})
    assert "<mark>Kharkiv</mark>" in page.text and "2 documents match" in page.text
    assert "\x02" not in page.text


@pytest.mark.parametrize("params, titles", [
    ({"author": "Jonas Brandt"}, ["The summer after Kharkiv"]),
    ({"since": "2022-05-03", "until": "2022-06-01"}, [HOSTILE_TITLE]),
    ({"q": "Ramstein", "until": "2022-05-02"}, ["After Ramstein, the arithmetic of the war has changed"]),
    ({"q": 'tanks" OR NEAR(* AND'}, []),  # operators are words, never FTS syntax
])
def test_corpus_filters(client, params, titles):
    assert [d["title"] for d in client.get("/api/documents", params=params).json()["documents"]] == titles


def test_corpus_pages(client):
    first, second = (client.get("/api/documents", params={"per_page": 2, "page": n}).json() for n in (1, 2))
    assert first["pages"] == 2 and len(first["documents"]) == 2 and len(second["documents"]) == 1
    assert 'rel="next"' in client.get("/", params={"per_page": 2}).text
    assert client.get("/api/documents", params={"page": 0}).status_code == 422


def test_article_highlights_every_kind_and_lists_items_with_provenance(client):
    doc = first_document(client, "Ramstein arithmetic")
    page = client.get(f"/documents/{doc['id']}")
    assert page.status_code == 200
    for kind in ("forecast", "claim", "quote", "event", "actor", "probability"):
        assert f"hl hl-{kind}" in page.text, kind
    assert 'id="forecasts-f1"' in page.text and 'href="#at-forecasts-f1"' in page.text
    assert "lexicon row" in page.text and "probability source" in page.text
    # its causal links: drawn when two share an actor or a word, else listed as cause → effect
    assert f'src="/documents/{doc["id"]}/causal.svg"' in page.text or 'class="causal-list"' in page.text


def test_article_json_twin_is_the_page_data(client):
    doc = first_document(client, "Ramstein arithmetic")
    data = client.get(f"/api/documents/{doc['id']}").json()
    text = data["document"]["text"]
    for forecast in data["analysis"]["forecasts"]:
        span = forecast["span"]
        assert text[span["start"]:span["end"]] == span["text"]
        assert data["ledger"][forecast["id"]]["status"] in ("open", "due")


@pytest.mark.parametrize("kind", ["causal", "actors"])
def test_article_graphs_are_svg(client, kind):
    from onrecord.web import pages

    pages._graph_svg.cache_clear()
    doc = first_document(client, "Ramstein arithmetic")
    response = client.get(f"/documents/{doc['id']}/{kind}.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in response.text


class Inert(HTMLParser):
    """Collects what could run: script elements, event-handler attributes, foreign images."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src") != "/static/app.js":
            self.found.append(("script", attrs))
        if tag == "img" and not (attributes.get("src") or "").startswith("/"):
            self.found.append(("img", attrs))
        self.found += [(tag, name) for name, _ in attrs if name.startswith("on")]


@pytest.mark.parametrize("path", ["document", "api", "corpus", "search", "forecasts", "scores"])
def test_hostile_text_renders_inert(client, path):
    doc = first_document(client, "Vienna ministers")
    url = {"document": f"/documents/{doc['id']}", "corpus": "/", "search": "/?q=Vienna", "forecasts": "/forecasts",
           "scores": "/scores", "api": f"/api/documents/{doc['id']}"}[path]
    response = client.get(url)
    assert response.status_code == 200
    if path == "api":
        assert response.json()["document"]["title"] == HOSTILE_TITLE
        return
    parser = Inert()
    parser.feed(response.text)
    assert parser.found == []
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if path in ("document", "corpus"):
        assert "&lt;script&gt;" in response.text
    if path == "document":
        assert "Eve Mallory&#34; onmouseover=&#34;" in response.text or "Eve Mallory&quot; onmouseover" in response.text
        assert HOSTILE_AUTHOR not in response.text


def test_error_pages_escape_what_they_echo(client):
    response = client.get("/documents/" + quote("<script>x", safe=""))
    assert response.status_code == 404 and "<script>x" not in response.text and "&lt;script&gt;" in response.text
    assert client.get("/api/documents/nope").json() == {"detail": "no document 'nope' in the ledger"}


def test_forecast_ledger_filters_by_status(client):
    data = client.get("/api/forecasts").json()
    counts = data["counts"]
    assert counts["all"] == len(data["forecasts"]) > 0
    assert counts["open"] >= counts["due"] > 0 and counts["resolved"] == 0
    due = client.get("/api/forecasts", params={"status": "due"}).json()["forecasts"]
    assert {f["status"] for f in due} == {"due"} and len(due) == counts["due"]
    assert [f["status"] for f in data["forecasts"]][:len(due)] == ["due"] * len(due)  # due first
    page = client.get("/forecasts", params={"status": "due"})
    assert 'aria-current="page" class="tab tab-due"' in page.text
    assert client.get("/api/forecasts", params={"status": "bogus"}).status_code == 422


def test_forecast_page_offers_a_resolve_form_and_later_evidence(client):
    key = next(f["key"] for f in client.get("/api/forecasts").json()["forecasts"] if "Kharkiv" in f["proposition"])
    data = client.get(f"/api/forecasts/{quote(key, safe='')}").json()
    assert data["forecast"]["key"] == key and data["history"] == []
    assert any(s["title"] == "The summer after Kharkiv" for s in data["suggestions"])
    page = client.get(f"/forecasts/{quote(key, safe='')}")
    assert 'name="csrf_token"' in page.text and 'name="outcome" value="yes"' in page.text
    assert "use as evidence" in page.text and client.cookies.get("onrecord_csrf")


def test_actor_page_gathers_mentions_events_and_forecasts(client):
    data = client.get("/api/actors/sergei-lavrov").json()
    assert data["actor"]["name"] == "Sergei Lavrov"
    assert len(data["mentions"]["documents"]) >= 2
    assert client.get("/actors/sergei-lavrov").status_code == 200
    assert any(a["id"] == "sergei-lavrov" for a in client.get("/api/actors", params={"q": "lavrov"}).json()["actors"])


def test_scores_list_holders_and_the_scorecard_has_a_calibration_diagram(client):
    cards = client.get("/api/scores", params={"min_resolved": 0}).json()["cards"]  # none resolved yet
    assert "Maria Ellison" in [c["holder"] for c in cards]
    card = client.get("/api/scores/holder/Maria%20Ellison").json()
    assert card["card"]["forecasts"] == len(card["forecasts"]) > 0
    svg = client.get("/scores/holder/Maria%20Ellison/calibration.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "</svg>" in svg.text
    assert client.get("/api/scores/holder/Nobody").status_code == 404


@pytest.mark.parametrize("name", ["documents", "forecasts", "events", "actors", "resolutions"])
def test_exports_stream_json_lines(client, name):
    response = client.get(f"/api/export/{name}.jsonl")
    assert response.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in response.text.splitlines()]
    listed = {"documents": 3, "resolutions": 0}.get(name)
    assert len(rows) == listed if listed is not None else rows


def test_openapi_describes_the_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{document_id}", "/api/analyze", "/api/actors", "/api/events",
                 "/api/forecasts", "/api/forecasts/{key}/resolutions", "/api/resolutions", "/api/scores",
                 "/api/export/{name}.jsonl"):
        assert path in paths, path
    assert not any(p.startswith("/documents") for p in paths)  # HTML pages are not API


def test_api_docs_list_every_operation_and_load_nothing_from_elsewhere(client):
    schema = client.get("/api/openapi.json").json()
    page = client.get("/api/docs")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert f'id="{operation["operationId"]}"' in page.text, (method, path)
    assert "one of: yes, no, ambiguous" in page.text  # an enum's choices, not just its name
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.text)  # no CDN, no other host


def test_posted_text_is_analyzed(client):
    response = client.post("/api/analyze", json={"text": "I think the talks will almost certainly fail.",
                                                 "published": "2022-05-02"})
    assert response.status_code == 200
    assert response.json()["forecasts"][0]["probability"] > 0.8
