"""Corrections through the forecast page's form (CSRF, token) and the REST API; score cards' ranking
rules, filters and sorting through the pages' JSON twins."""
from __future__ import annotations

from urllib.parse import quote

import yaml
from markupsafe import escape

from .conftest import make_client
from .test_writes import due_key, form_token


def path(key: str) -> str:
    return f"/forecasts/{quote(key, safe='')}"


def test_the_correction_form_overrides_the_forecast_and_its_score(write_client):
    key = due_key(write_client)
    write_client.post(f"/api{path(key)}/resolutions", json={"outcome": "no", "evidence": "it did not"})
    holder = write_client.get(f"/api{path(key)}").json()["forecast"]["holder"]
    response = write_client.post(f"{path(key)}/correct", follow_redirects=False, data={
        "csrf_token": form_token(write_client, key), "probability": "10%", "holder": "Jane Analyst", "by": "ann"})
    assert response.status_code == 303 and response.headers["location"].endswith("?corrected=1")
    page = write_client.get(response.headers["location"]).text
    assert "Correction recorded." in page and "Jane Analyst" in page and f"extracted: {escape(holder)}" in page
    card = write_client.get("/api/scores/holder/Jane%20Analyst").json()["card"]
    assert card["brier"] == 0.1 ** 2 and card["not_ranked_because"] == "fewer than 5 resolved"
    forecast = write_client.get(f"/api{path(key)}").json()
    assert forecast["forecast"]["corrected"]["original"]["holder"] == holder
    assert [c["corrected_by"] for c in forecast["corrections"]] == ["ann"]


def test_a_bad_correction_is_shown_on_the_form_with_what_was_typed(write_client):
    key = due_key(write_client)
    response = write_client.post(f"{path(key)}/correct", data={
        "csrf_token": form_token(write_client, key), "probability": "most likely", "note": "my note"})
    assert response.status_code == 422 and "write 0.7 or 70%" in response.text and 'value="my note"' in response.text
    assert write_client.get("/api/corrections").json() == []


def test_the_correction_form_needs_the_csrf_token_and_a_set_token(write_client, ledger_copy):
    key = due_key(write_client)
    form_token(write_client, key)
    refused = write_client.post(f"{path(key)}/correct", data={"not_forecast": "yes", "csrf_token": "forged"})
    assert refused.status_code == 403 and write_client.get("/api/corrections").json() == []
    with make_client(ledger_copy, token="s3cret") as client:
        form = {"csrf_token": form_token(client, key), "not_forecast": "yes"}
        assert client.post(f"{path(key)}/correct", data=form).status_code == 403
        assert client.post(f"{path(key)}/correct", data={**form, "token": "s3cret"},
                           follow_redirects=False).status_code == 303
        assert client.post(f"/api{path(key)}/corrections", json={"probability": 0.5}).status_code == 403
    with make_client(ledger_copy, read_only=True) as client:
        assert client.post(f"/api{path(key)}/corrections", json={"probability": 0.5}).status_code == 403


def test_the_api_corrects_marks_not_a_forecast_and_exports_gold(write_client):
    key = due_key(write_client)
    url = f"/api{path(key)}/corrections"
    assert write_client.post(url, data={"probability": "0.5"}).status_code in (415, 422)
    assert write_client.post(url, json={"probability": 1.5}).status_code == 422
    assert write_client.post("/api/forecasts/nope/corrections", json={"probability": 0.5}).status_code == 404
    before = write_client.get("/api/forecasts").json()["total"]
    done = write_client.post(url, json={"not_forecast": True, "by": "ann", "note": "a wish"})
    assert done.status_code == 201 and done.json()["forecast"]["corrected"]["not_forecast"]
    assert write_client.get("/api/forecasts").json()["total"] == before - 1
    gold = yaml.safe_load(write_client.get("/api/export/corrections-gold.yaml").text)
    (document,) = gold["documents"]
    assert document["not_forecasts"][0]["kind"] == "reader: not a forecast"
    at, excerpt = document["not_forecasts"][0]["at"], document["not_forecasts"][0]["excerpt"]
    assert document["text"][at:at + len(excerpt)] == excerpt


def test_scores_rank_only_holders_with_enough_resolved_forecasts(write_client):
    keys = [f["key"] for f in write_client.get("/api/forecasts", params={"per_page": 500}).json()["forecasts"]]
    for key in keys[:3]:
        write_client.post(f"/api{path(key)}/resolutions", json={"outcome": "yes"})
    default = write_client.get("/api/scores").json()
    assert default["cards"] == [] and default["ranking"]["min_resolved"] == 5
    assert {c["not_ranked_because"] for c in default["not_ranked"]} <= {"fewer than 5 resolved", "not an actor"}
    one = write_client.get("/api/scores", params={"min_resolved": 1}).json()
    assert one["cards"] and all(c["scored"] >= 1 and c["is_actor"] for c in one["cards"])
    page = write_client.get("/scores", params={"min_resolved": 1}).text
    assert 'name="min_resolved"' in page and "Not ranked yet" in page
    assert write_client.get("/api/scores", params={"sort": "luck"}).status_code == 422
    assert write_client.get("/api/scores", params={"basis": "guess"}).status_code == 422


def test_score_cards_filter_by_origin_and_probability_basis(client):
    everything = client.get("/api/scores", params={"min_resolved": 0}).json()["everyone"]["forecasts"]
    extracted = client.get("/api/scores", params={"min_resolved": 0, "origin": "extracted"}).json()["everyone"]
    imported = client.get("/api/scores", params={"min_resolved": 0, "origin": "imported"}).json()["everyone"]
    assert extracted["forecasts"] == everything and imported["forecasts"] == 0
    bases = [client.get("/api/scores", params={"min_resolved": 0, "basis": b}).json()["everyone"]["forecasts"]
             for b in ("stated", "estimative", "default")]
    assert sum(bases) == everything
    paged = client.get("/scores", params={"min_resolved": 0, "per_page": 1, "sort": "name"}).text
    assert "page 1 of" in paged and 'rel="next"' in paged and "sort=name" in paged
