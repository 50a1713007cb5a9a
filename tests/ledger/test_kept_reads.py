"""Reads the ledger keeps between writes (forecast list pages, score cards, mention counts):
every write bumps ``ledger_changes`` in its own transaction, whichever process makes it, so a kept
read is never served after the ledger changed."""
from __future__ import annotations

from ledger_records import TEXT, seed_article

from onrecord.ledger import Ledger, read


def test_a_second_read_is_kept_and_a_write_elsewhere_renews_it(ledger, ledger_url, monkeypatch):
    ledger.add([seed_article()])
    first = ledger.forecasts()
    reads = []
    monkeypatch.setattr(read, "forecasts", lambda *a, **k: reads.append(k) or {})
    assert ledger.forecasts() == first and reads == []  # kept: the page is not read again
    monkeypatch.undo()
    assert ledger.forecasts(holder="Nobody")["total"] == 0

    holder = first["forecasts"][0]["holder"]
    resolved_before = ledger.scorecard("holder", holder)["resolved"]
    with Ledger(ledger_url) as other:  # another connection, as another process would have
        other.resolve(first["forecasts"][0]["key"], "yes", on="2022-06-01")
    after = ledger.forecasts()
    assert after["counts"]["resolved"] == first["counts"]["resolved"] + 1
    assert ledger.scorecard("holder", holder)["resolved"] == resolved_before + 1
    assert ledger.forecasts(status="resolved")["total"] == 1


def test_every_kind_of_write_counts_as_a_change(ledger):
    seen = [ledger.changes()]
    ledger.add([seed_article()])  # documents, analyses, actors, forecasts
    seen.append(ledger.changes())
    key = ledger.forecasts()["forecasts"][0]["key"]
    ledger.resolve(key, "no")
    seen.append(ledger.changes())
    ledger.resolve(key, "yes", replace=True)
    seen.append(ledger.changes())
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    mentions = ledger.actors()["actors"][0]["mentions"]
    assert ledger.add([seed_article(text=TEXT + " Ruritania again.")]).ingested == 1  # another document
    assert ledger.actors()["actors"][0]["mentions"] > mentions
