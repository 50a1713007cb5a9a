"""Writes: the resolve form (CSRF), the JSON API (token), read-only mode, size limits."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from .conftest import make_client


def due_key(client) -> str:
    return client.get("/api/forecasts", params={"status": "due"}).json()["forecasts"][0]["key"]


def form_token(client, key: str) -> str:
    client.get(f"/forecasts/{quote(key, safe='')}")
    return client.cookies["onrecord_csrf"]


def test_resolve_form_records_a_verdict_and_the_scorecard_counts_it(write_client):
    key = due_key(write_client)
    holder = write_client.get(f"/api/forecasts/{quote(key, safe='')}").json()["forecast"]["holder"]
    before = write_client.get(f"/api/scores/holder/{quote(holder)}").json()["card"]
    response = write_client.post(f"/forecasts/{quote(key, safe='')}/resolve", follow_redirects=False, data={
        "csrf_token": form_token(write_client, key), "outcome": "yes", "evidence": "Later reporting", "date": "2022-06-03"})
    assert response.status_code == 303 and response.headers["location"].endswith("?resolved=1")
    after = write_client.get(f"/api/scores/holder/{quote(holder)}").json()["card"]
    assert after["resolved"] == before["resolved"] + 1 and after["brier"] is not None
    page = write_client.get(response.headers["location"])
    assert "Resolution recorded." in page.text and "Later reporting" in page.text
    assert write_client.get("/api/resolutions").json()["total"] == 1


def test_resolving_twice_needs_replace_and_the_form_says_why(write_client):
    key = due_key(write_client)
    url = f"/forecasts/{quote(key, safe='')}/resolve"
    token = form_token(write_client, key)
    assert write_client.post(url, data={"csrf_token": token, "outcome": "no"}, follow_redirects=False).status_code == 303
    again = write_client.post(url, data={"csrf_token": token, "outcome": "yes"})
    assert again.status_code == 400 and "E142" in again.text
    replaced = write_client.post(url, data={"csrf_token": token, "outcome": "yes", "replace": "yes"}, follow_redirects=False)
    assert replaced.status_code == 303
    history = write_client.get(f"/api/forecasts/{quote(key, safe='')}").json()["history"]
    assert [h["outcome"] for h in history] == ["no", "yes"]


@pytest.mark.parametrize("token", [None, "", "forged-token-value-that-is-not-the-cookie"])
def test_resolve_form_without_the_csrf_token_is_refused(write_client, token):
    key = due_key(write_client)
    form_token(write_client, key)
    data = {"outcome": "yes"} if token is None else {"outcome": "yes", "csrf_token": token}
    response = write_client.post(f"/forecasts/{quote(key, safe='')}/resolve", data=data)
    assert response.status_code == 403 and "CSRF" in response.text
    assert write_client.get("/api/resolutions").json()["total"] == 0


def test_api_resolution_needs_json_and_is_recorded(write_client):
    key = due_key(write_client)
    url = f"/api/forecasts/{quote(key, safe='')}/resolutions"
    assert write_client.post(url, data={"outcome": "yes"}).status_code in (415, 422)
    response = write_client.post(url, json={"outcome": "ambiguous", "evidence": "https://example.org/x"})
    assert response.status_code == 201 and response.json()["outcome"] == "ambiguous"
    assert write_client.post(url, json={"outcome": "maybe"}).status_code == 422
    assert write_client.post("/api/forecasts/nope/resolutions", json={"outcome": "yes"}).status_code == 404


def test_with_a_token_writes_need_it(ledger_copy):
    with make_client(ledger_copy, token="s3cret") as client:
        key = due_key(client)
        url = f"/api/forecasts/{quote(key, safe='')}/resolutions"
        assert client.post(url, json={"outcome": "yes"}).status_code == 403
        assert client.post(url, json={"outcome": "yes"}, headers={"Authorization": "Bearer nope"}).status_code == 403
        assert client.post(url, json={"outcome": "yes"}, headers={"Authorization": "Bearer s3cret"}).status_code == 201
        form = {"csrf_token": form_token(client, key), "outcome": "no", "replace": "yes"}
        assert 'name="token"' in client.get(f"/forecasts/{quote(key, safe='')}").text
        assert client.post(f"/forecasts/{quote(key, safe='')}/resolve", data=form).status_code == 403
        ok = client.post(f"/forecasts/{quote(key, safe='')}/resolve", data={**form, "token": "s3cret"}, follow_redirects=False)
        assert ok.status_code == 303


def test_read_only_refuses_every_write_and_hides_the_form(ledger_copy):
    with make_client(ledger_copy, read_only=True) as client:
        key = due_key(client)
        page = client.get(f"/forecasts/{quote(key, safe='')}")
        assert "Read-only" in page.text and "<form class=\"resolve\"" not in page.text
        token = client.cookies["onrecord_csrf"]
        form = client.post(f"/forecasts/{quote(key, safe='')}/resolve", data={"csrf_token": token, "outcome": "yes"})
        assert form.status_code == 403
        api = client.post(f"/api/forecasts/{quote(key, safe='')}/resolutions", json={"outcome": "yes"})
        assert api.status_code == 403
        assert client.post("/api/documents", json={"text": "A text."}).status_code == 403
        assert client.get("/api/resolutions").json()["total"] == 0


def test_request_bodies_are_size_limited(ledger_copy):
    with make_client(ledger_copy, max_body=2_000, max_text=500) as client:
        assert client.post("/api/analyze", json={"text": "word " * 1_000}).status_code == 413
        assert client.post("/api/analyze", json={"text": "word " * 150}).status_code == 413  # under bytes, over chars

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b"x" * 500

        streamed = client.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413


def test_posting_a_document_ingests_it(write_client):
    text = "Columnist Ada Brook wrote that the ceasefire will probably hold until the spring."
    response = write_client.post("/api/documents", json={"text": text, "title": "A short one", "published": "2022-11-01"})
    assert response.status_code == 201 and response.json()["ingested"] == 1
    assert write_client.get(response.json()["url"]).status_code == 200
    assert write_client.post("/api/documents", json={"text": text}).json()["duplicates"] == 1


def test_serve_refuses_a_public_address_without_a_token(monkeypatch):
    from onrecord.cli import app

    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", "unused.db"])
    assert result.exit_code == 2 and "ONRECORD_TOKEN" in result.output


def test_serve_help_has_an_example():
    from onrecord.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
