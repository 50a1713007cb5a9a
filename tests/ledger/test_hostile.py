"""Hostile values on both databases (issue 17): the read API's text filters take words literally
(LIKE wildcards ``%``, ``_`` and the escape character match only themselves; ``/api/events?actor=%``
listed most events), and a field of the wrong type is refused with a message naming it, not a dump
of the SQL."""
from __future__ import annotations

import pytest

from onrecord.model import Analysis, Document, Event

from ledger_records import TEXT, actor, analysis, forecast, span


def event(text: str, actors: tuple[str, ...]) -> Event:
    sentence = span(text, "Trade between Ruritania and Freedonia is growing.")
    return Event(type="COOPERATE", mode=None, polarity="positive", modality="asserted", reported_by="author",
                 location=None, date=None, reciprocal=True, rule="test", trigger=span(text, "Trade"),
                 sentence=sentence, reported_by_text=None, source=actors, target=(), source_text=(), target_text=(),
                 id="e1")


def hostile_ledger(ledger) -> None:
    text = TEXT
    ledger.add([analysis(text, forecasts=[
        forecast(text, "Ruritania will hold elections in two weeks.", "Ruritania will hold 100% free elections", 0.9,
                 holder="The 50% Club", fid="f1"),
        forecast(text, "The army of Ruritania will certainly not intervene.", "the army will intervene", 0.05,
                 holder="Ada Writer", fid="f2"),
    ], actors=[actor(text, "ruritania", "Ruritania", "Ruritania"), actor(text, "freedonia", "Freedonia", "Freedonia")],
        events=[event(text, ("ruritania", "freedonia"))])])


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "/", "r_ritania", "rurit%"])
def test_like_wildcards_in_filters_match_only_themselves(ledger, wildcard):
    hostile_ledger(ledger)
    assert ledger.events()["total"] == 1
    assert ledger.events(actor_id=wildcard)["total"] == 0
    assert ledger.actors(q=wildcard)["total"] == 0
    everything = ledger.forecasts()["forecasts"]
    literal = [f for f in everything if wildcard in f"{f['proposition']} {f['holder']}".lower()]
    assert ledger.forecasts(q=wildcard)["total"] == len(literal)  # "%" is in "100%" and "50%": those only
    assert ledger.forecasts(holder_contains=wildcard)["total"] == len([f for f in literal if wildcard in f["holder"]])
    assert ledger.forecasts(outlet_contains=wildcard)["total"] == 0


def test_filters_still_find_literal_percent_signs_and_actors(ledger):
    hostile_ledger(ledger)
    assert ledger.events(actor_id="ruritania")["total"] == 1
    assert [f["holder"] for f in ledger.forecasts(holder_contains="50%")["forecasts"]] == ["The 50% Club"]
    assert ledger.forecasts(q="100% free")["total"] == 1
    assert ledger.actors(q="ruri")["total"] == 1


def test_a_document_field_of_the_wrong_type_is_refused_by_name(ledger):
    text = "The minister said the ceasefire will probably hold until spring."
    bad = Analysis(document=Document(text=text, title={"x": 1}, source="upload.jsonl:1"))  # type: ignore[arg-type]
    good = analysis(TEXT)
    report = ledger.add([bad, good])
    assert report.ingested == 1 and report.failed == 1
    message = report.failures[0]["message"]
    assert report.failures[0]["code"] == "E109" and "'title' must be text, not dict" in message
    assert "INSERT" not in message and "[parameters" not in message
