"""The books: due forecasts first, resolutions with history, the SQL views, suggested evidence."""
from __future__ import annotations

import datetime as dt

import pytest
from ledger_records import actor, analysis, forecast, seed_article
from sqlalchemy import text

from onrecord.errors import OnrecordError
from onrecord.model import Event, Span


def keys_by_probability(ledger) -> list[str]:
    return [f["key"] for f in sorted(ledger.forecasts()["forecasts"], key=lambda f: -f["probability"])]


def test_forecasts_list_due_ones_first(ledger):
    ledger.add([seed_article()])
    rows = ledger.forecasts(today=dt.date(2022, 6, 1))["forecasts"]
    assert [(r["status"], r["due_on"]) for r in rows] == [("due", "2022-05-16"), ("open", None)]
    assert [r["probability"] for r in ledger.forecasts(status="due", today=dt.date(2022, 6, 1))["forecasts"]] == [0.9]
    assert ledger.forecasts(status="due", today=dt.date(2022, 5, 1))["forecasts"] == []


@pytest.mark.parametrize("filters, expected", [
    ({"holder_contains": "ada"}, 2), ({"holder_contains": "nobody"}, 0), ({"holder": "Ada Writer"}, 2),
    ({"holder": "Ada"}, 0), ({"outlet_contains": "daily"}, 2), ({"outlet_contains": "weekly"}, 0),
    ({"outlet": "Daily Test"}, 2), ({"status": "open"}, 2), ({"per_page": 1}, 1),
])
def test_forecasts_filter_by_holder_outlet_and_state(ledger, filters, expected):
    ledger.add([seed_article()])
    assert len(ledger.forecasts(**filters)["forecasts"]) == expected


def test_resolving_twice_needs_replace_and_keeps_history(ledger):
    ledger.add([seed_article()])
    key = keys_by_probability(ledger)[0]
    ledger.resolve(key, "yes", evidence="https://example.org/results", on="2022-05-17", by="ann")
    with pytest.raises(OnrecordError, match="E142"):
        ledger.resolve(key, "no", evidence="recount", by="bob")
    ledger.resolve(key[:20], "no", evidence="recount", on="2022-05-20", by="bob", replace=True)
    first, second = ledger.history(key)
    assert (first["outcome"], first["resolved_by"], first["supersedes"]) == ("yes", "ann", None)
    assert (second["outcome"], second["resolved_by"], second["supersedes"]) == ("no", "bob", first["id"])
    assert {f["key"]: f["outcome"] for f in ledger.forecasts()["forecasts"]}[key] == "no"
    assert ledger.forecasts(status="open")["forecasts"][0]["key"] != key


@pytest.mark.parametrize("key, outcome, code", [("no-such-key", "yes", "E140"), ("", "maybe", "E141")])
def test_resolve_rejects_unknown_forecasts_and_outcomes(ledger, key, outcome, code):
    ledger.add([seed_article()])
    with pytest.raises(OnrecordError, match=code):
        ledger.resolve(key or keys_by_probability(ledger)[0], outcome, evidence="x")


def test_views_show_due_forecasts_and_hand_computed_brier_scores(ledger):
    ledger.add([seed_article()])  # due 2022-05-16 (p=0.9) and open (p=0.05)
    high, low = keys_by_probability(ledger)
    with ledger.engine.connect() as connection:
        due = connection.execute(text("SELECT key, probability FROM due_forecasts")).all()
        assert [tuple(r) for r in due] == [(high, 0.9)]
    ledger.resolve(high, "no", evidence="postponed", by="t")
    ledger.resolve(low, "ambiguous", evidence="unclear", by="t")
    with ledger.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM due_forecasts")).scalar() == 0
        holder, forecasts, resolved, scored, brier = connection.execute(text(
            "SELECT holder, forecasts, resolved, scored, brier FROM forecast_scores")).one()
    # Brier over yes/no only: (0.9 - 0)^2 = 0.81; the ambiguous one is resolved but not scored.
    assert (holder, forecasts, resolved, scored) == ("Ada Writer", 2, 2, 1)
    assert brier == pytest.approx(0.81)


LATER = "Ruritania held its elections on Sunday, and observers from Freedonia called them fair."
UNRELATED = "Grain prices fell in the port city as the harvest came in early this year, traders said."


def test_suggestions_come_from_later_documents_sharing_actors_and_words(ledger):
    ledger.add([seed_article()])
    later = analysis(LATER, published="2022-05-20", title="Ruritania votes",
                     actors=[actor(LATER, "ruritania", "Ruritania", "Ruritania"),
                             actor(LATER, "freedonia", "Freedonia", "Freedonia")],
                     events=[Event(type="CONSULT", mode=None, polarity="asserted", modality="actual",
                                   reported_by="author", location=None, date=None, reciprocal=False, rule="test",
                                   trigger=Span(14, 18, "held"), sentence=Span(0, len(LATER), LATER),
                                   reported_by_text=None, source=("ruritania",), target=(), source_text=(),
                                   target_text=(), id="e1")])
    earlier = analysis(LATER + " Earlier.", published="2022-04-01", title="Before",
                       actors=[actor(LATER, "ruritania", "Ruritania", "Ruritania")])
    ledger.add([later, earlier, analysis(UNRELATED, published="2022-05-21")])
    key = keys_by_probability(ledger)[0]
    found = ledger.suggest(key)
    assert found and {s["document_id"] for s in found} == {later.document.id}
    best = found[0]
    assert best["actors"] == ["ruritania"] and "elections" in best["keywords"]
    assert best["span"]["text"] == LATER[best["span"]["start"]:best["span"]["end"]]
    assert {s["kind"] for s in found} == {"event", "sentence"}
