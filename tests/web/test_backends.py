"""The pages' queries on both databases the ledger supports: SQLite (FTS5 search) and a real
PostgreSQL (full-text search with to_tsvector), through the shared ``ledger_url`` fixture."""
from __future__ import annotations

from urllib.parse import quote

from .conftest import make_client


def test_pages_and_writes_work_on_each_database(ledger_url, example_analyses):
    from onrecord.ledger import Ledger

    with Ledger(ledger_url) as ledger:
        assert ledger.add(example_analyses).ingested == 3
    with make_client(ledger_url) as client:
        found = client.get("/api/documents", params={"q": "Kharkiv"}).json()
        assert found["total"] == 2 and all(d["snippet"] for d in found["documents"])
        for document in found["documents"]:  # clean text, the matches as offsets into it
            assert not {"\x02", "\x03"} & set(document["snippet"])
            marked = {document["snippet"][start:end].lower() for start, end in document["snippet_marks"]}
            assert marked == {"kharkiv"}, document
        assert client.get("/api/documents", params={"q": "pushed troops"}).json()["total"] >= 1  # stemming
        forecasts = client.get("/api/forecasts", params={"status": "due"}).json()
        key = forecasts["forecasts"][0]["key"]
        resolved = client.post(f"/api/forecasts/{quote(key, safe='')}/resolutions", json={"outcome": "no"})
        assert resolved.status_code == 201
        counts = client.get("/api/forecasts").json()["counts"]
        assert counts["resolved"] == 1 and counts["due"] == forecasts["counts"]["due"] - 1
        assert client.get("/api/actors/sergei-lavrov").json()["events"]
        assert any(f["holder_id"] == "sergei-lavrov" for f in client.get("/api/actors/sergei-lavrov").json()["forecasts"])
        document = found["documents"][0]["id"]
        assert client.get(f"/documents/{document}").status_code == 200
        assert client.get("/scores").status_code == 200
        assert client.get("/api/export/events.jsonl").text.count("\n") > 0
        client.app.state.ledger.close()
