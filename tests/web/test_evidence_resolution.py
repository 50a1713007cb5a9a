"""The forecast page and its JSON twin carry the resolution suggested from later documents (ledger.suggestion)."""
from __future__ import annotations

from urllib.parse import quote


def test_forecast_page_shows_a_suggested_resolution_with_its_evidence(client):
    key = next(f["key"] for f in client.get("/api/forecasts").json()["forecasts"] if "Kharkiv" in f["proposition"])
    plain = client.get(f"/api/forecasts/{quote(key, safe='')}").json()
    assert plain["resolution_from_evidence"] is None  # the encoder runs only on request
    assert "?suggest=resolution" in client.get(f"/forecasts/{quote(key, safe='')}").text
    data = client.get(f"/api/forecasts/{quote(key, safe='')}", params={"suggest": "resolution"}).json()
    found = data["resolution_from_evidence"]
    assert found["forecast"] == key and found["outcome"] in {"yes", "no", "unknown"}
    assert all(e["stance"] in {"reports", "denies", "other"} for e in found["evidence"])
    page = client.get(f"/forecasts/{quote(key, safe='')}", params={"suggest": "resolution"}).text
    assert "Suggested resolution from later documents" in page and f'data-outcome="{found["outcome"]}"' in page
