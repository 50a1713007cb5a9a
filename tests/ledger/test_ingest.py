"""Storing analyses: documents once each by content hash, failures recorded, re-analysis keeps resolutions
(analyses from hand-made analyzers, through the ``scale`` runner that real runs use)."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_records import TEXT, actor, analysis, forecast, seed_article, span
from sqlalchemy import func, select, text

from onrecord.errors import OnrecordError, ReadError
from onrecord.ledger import IngestReport
from onrecord.ledger.tables import (AnalysisRow, ClaimRow, DocumentRow, ForecastRow, IngestFailureRow,
                                    MentionRow, ResolutionRow)
from onrecord.model import Claim, Document
from onrecord.scale import reanalyze_corpus, run_corpus


def count(ledger, table) -> int:
    with ledger.sessions() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_ingest_stores_document_analysis_forecasts_and_mentions(ledger):
    report = ledger.add([seed_article()])
    assert report.counts() == {"ingested": 1, "duplicates": 0, "failed": 0}
    assert (count(ledger, DocumentRow), count(ledger, AnalysisRow), count(ledger, ForecastRow)) == (1, 1, 2)
    assert count(ledger, MentionRow) == 2
    with ledger.sessions() as session:
        row = session.scalars(select(ForecastRow).order_by(ForecastRow.probability)).first()
        assert (row.holder, row.outlet, row.made_on.isoformat()) == ("Ada Writer", "Daily Test", "2022-05-02")
        assert row.text == TEXT[row.span_start:row.span_end]
        assert session.get(AnalysisRow, row.document_id).pipeline_version == "test-1"


def test_claims_keep_their_check_worthy_decision_beside_the_score(ledger):
    sentences = ("The army of Ruritania will certainly not intervene.", "Trade between Ruritania and Freedonia is growing.")
    claims = [Claim(id=f"c{n}", kind="factual", checkworthiness=score, span=span(TEXT, sentence), subjects=(),
                    rule="test", check_worthy=score >= 0.4) for n, (sentence, score) in enumerate(zip(sentences, (0.2, 0.7)), 1)]
    ledger.add([seed_article(claims=claims)])
    with ledger.sessions() as session:
        rows = session.scalars(select(ClaimRow).order_by(ClaimRow.item_id)).all()
    assert [(r.checkworthiness, r.data["check_worthy"]) for r in rows] == [(0.2, False), (0.7, True)]


@pytest.mark.parametrize("holder, shown", [("ruritania", "Ruritania"), ("unknown-speaker", "unknown speaker"),
                                           ("the-senator", "the senator")])
def test_holders_are_shown_by_name_or_in_words(ledger, holder, shown):
    item = forecast(TEXT, "Ruritania will hold elections in two weeks.", "Ruritania will hold elections", 0.9,
                    holder=holder)
    ledger.add([analysis(TEXT, forecasts=[item], actors=[actor(TEXT, "ruritania", "Ruritania", "Ruritania")])])
    with ledger.sessions() as session:
        assert session.scalars(select(ForecastRow.holder)).one() == shown


def test_ingesting_twice_changes_nothing(ledger):
    ledger.add([seed_article()])
    again = ledger.add([seed_article()])
    assert again.counts() == {"ingested": 0, "duplicates": 1, "failed": 0}
    assert (count(ledger, DocumentRow), count(ledger, ForecastRow), count(ledger, MentionRow)) == (1, 2, 2)


def test_same_text_twice_in_one_run_is_one_document(ledger):
    one = seed_article()
    twin = dataclasses.replace(one, document=dataclasses.replace(one.document, title="Another title"))
    assert ledger.add([one, twin]).counts() == {"ingested": 1, "duplicates": 1, "failed": 0}


def test_a_failing_document_is_recorded_and_the_rest_go_in(ledger):
    good = seed_article()
    bad = Document(text="A text the analyzer chokes on.", source="bad.txt")

    def analyzer(documents, n_process=1):
        for document in documents:
            yield document, (OnrecordError("E109", "bad.txt: boom") if document is bad else good)

    unreadable = ReadError("E105", "broken line", "corpus.jsonl:3")
    report = run_corpus(ledger, [unreadable, bad, good.document], analyzer=analyzer)
    assert report.counts() == {"ingested": 1, "duplicates": 0, "failed": 2}
    assert sorted(f["code"] for f in ledger.failures()) == ["E105", "E109"]
    assert count(ledger, DocumentRow) == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Alpha will win.", "Beta will lose.", "Gamma will draw."]), min_size=1, max_size=5))
def test_ingesting_twice_equals_ingesting_once(tmp_path_factory, texts):
    from onrecord.ledger import Ledger

    with Ledger(f"sqlite:///{tmp_path_factory.mktemp('h') / 'h.db'}", version="t") as ledger:
        analyses = [analysis(t, forecasts=[forecast(t, t, t.rstrip("."), 0.7)]) for t in texts]
        first = ledger.add(analyses)
        second = ledger.add(analyses)
        assert (first.ingested, second.ingested, second.duplicates) == (len(set(texts)), 0, len(texts))
        assert count(ledger, DocumentRow) == len(set(texts)) == count(ledger, ForecastRow)


def test_forecast_keys_are_stable_across_analyses(ledger):
    ledger.add([seed_article()])
    keys = {f["key"] for f in ledger.forecasts()["forecasts"]}
    from onrecord.ledger.mapping import forecast_rows

    assert {r.key for r in forecast_rows(seed_article())} == keys
    assert all(k.startswith(seed_article().document.id + ":") for k in keys)


def test_reanalyze_keeps_resolutions_and_retires_resolved_forecasts_that_vanished(ledger_url):
    from onrecord.ledger import Ledger

    with Ledger(ledger_url, version="v1") as old:
        old.add([seed_article()])
        first, second = sorted(old.forecasts()["forecasts"], key=lambda f: f["probability"], reverse=True)
        old.resolve(first["key"], "yes", evidence="election results", on="2022-05-17", by="tester")
        old.resolve(second["key"], "no", evidence="no troops seen", on="2022-06-01", by="tester")
    # The improved pipeline keeps the first forecast (same sentence and words), drops the second
    # and finds a new one.
    improved = analysis(TEXT, forecasts=[
        forecast(TEXT, "Ruritania will hold elections in two weeks.", "Ruritania will hold elections", 0.8,
                 latest="2022-05-16", subjects=["ruritania"]),
        forecast(TEXT, "Trade between Ruritania and Freedonia is growing.", "trade will keep growing", 0.6, fid="f3")])

    def analyzer(documents, n_process=1):
        return ((d, dataclasses.replace(improved, document=d)) for d in documents)

    with Ledger(ledger_url, version="v2") as new:
        assert reanalyze_corpus(new, analyzer=analyzer).counts()["ingested"] == 1
        assert reanalyze_corpus(new, analyzer=analyzer).counts()["ingested"] == 0  # nothing older than v2 now
        shown = {f["key"]: f for f in new.forecasts()["forecasts"]}
        assert shown[first["key"]]["outcome"] == "yes" and shown[first["key"]]["probability"] == 0.8
        assert second["key"] not in shown  # retired: not on the books any more ...
        assert [h["outcome"] for h in new.history(second["key"])] == ["no"]  # ... but its verdict is kept
        assert len(shown) == 2
        with new.sessions() as session:
            assert session.scalar(select(AnalysisRow.pipeline_version)) == "v2"
            assert session.scalar(select(func.count()).select_from(ResolutionRow)) == 2


def test_read_errors_are_kept_in_ingest_failures(ledger):
    assert ledger.unseen([ReadError("E103", "the record has no text", "c.jsonl:9")], IngestReport()) == []
    with ledger.sessions() as session:
        row = session.scalars(select(IngestFailureRow)).one()
    assert (row.code, row.source) == ("E103", "c.jsonl:9")


def test_sqlite_ledger_uses_write_ahead_logging(tmp_path):
    from onrecord.ledger import Ledger

    with Ledger(str(tmp_path / "plain-path.db"), version="t") as ledger:
        assert ledger.url.startswith("sqlite:///")
        with ledger.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize("given, expected", [
    (None, "sqlite:///onrecord.db"),
    ("books.db", "sqlite:///books.db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_database_url_reads_paths_and_urls(monkeypatch, given, expected):
    from onrecord.ledger import database_url

    monkeypatch.delenv("ONRECORD_DB", raising=False)
    assert database_url(given) == expected


def test_onrecord_db_environment_variable_names_the_database(monkeypatch):
    from onrecord.ledger import database_url

    monkeypatch.setenv("ONRECORD_DB", "elsewhere.db")
    assert database_url(None) == "sqlite:///elsewhere.db"
