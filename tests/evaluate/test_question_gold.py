"""Our gold for issue 16 (eval/gold/linking-*, resolution-*): well formed, pointing at real spans, and the
scorers count what docs/evaluation.md says they count."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from onrecord.evaluate.forecasts import _corpus_root, _record
from onrecord.evaluate.linking import platform_questions, question_period
from onrecord.evaluate.linking import summarize as link_scores
from onrecord.evaluate.resolution import summarize as resolution_scores

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
FILES = ["linking-dev.yaml", "linking-test.yaml", "resolution-dev.yaml", "resolution-test.yaml"]
BLIND = {"abp-2o4Hsvlmh7tDxeE7", "abp-igdMeeKJla2AqfOb", "abp-kjkLyhh5KZAWSVEJ", "semeval2023t3-en-699478811",
         "semeval2023t3-en-732610971", "semeval2025t10-EN_UA_026697", "zelensky--K1NlX4TFb0", "zelensky-6RyrRhJ-cys"}


def spans(item: dict):
    yield item["forecast"]["doc"], item["forecast"], item["forecast"]["corpus"]
    for evidence in item.get("evidence", []):
        yield evidence["doc"], evidence, None


@pytest.mark.parametrize("name", FILES)
def test_gold_spans_hold_their_excerpts_and_avoid_blind_documents(name):
    path = GOLD / name
    root = _corpus_root(path)
    corpora = {p.parent.name + "/documents.jsonl" for p in root.glob("*/documents.jsonl")}
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
        for doc, where, corpus in spans(item):
            assert doc not in BLIND
            record = next(_record(root / c, doc) for c in ([corpus] if corpus else corpora)
                          if f'"{doc}"' in (root / c).read_text(encoding="utf-8"))
            sentence = record["text"][where["start"]:where["end"]]
            assert " ".join(where["excerpt"].split()) in " ".join(sentence.split()), (doc, where["excerpt"])
        if "evidence" in item:
            assert all(e["published"] > item["forecast"]["made_on"] for e in item["evidence"])


def test_linked_questions_exist_on_the_platforms():
    known = {q["id"] for q in platform_questions(_corpus_root(GOLD / FILES[0]).parent / "outcomes")}
    for name in FILES[:2]:
        for item in yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))["items"]:
            assert {item["question"], *item.get("also", [])} - {None} <= known


@pytest.mark.parametrize("row, expected", [
    ({"date_start": "3/5/14", "date_closed": "3/31/14"}, ("2014-03-05", "2014-03-31")),
    ({"open_time": "2022-03-04 10:00:00+00:00", "resolve_time": "2022-06-01 00:00:00+00:00"}, ("2022-03-04", "2022-06-01")),
    ({"freeze_datetime": "2024-07-12T00:00:00+00:00", "resolutions": [{"resolution_date": "2024-12-01"}]},
     ("2024-07-12", "2024-12-01")),
])
def test_question_periods_are_read_from_each_platforms_fields(row, expected):
    assert question_period(row) == expected


def test_link_precision_counts_wrong_links_and_links_on_nulls():
    details = [{"gold": "q1", "predicted": "q1", "right": True}, {"gold": "q2", "predicted": "q9", "right": False},
               {"gold": None, "predicted": "q3", "right": False}, {"gold": None, "predicted": None, "right": True},
               {"gold": "q4", "predicted": None, "right": False}]
    scores = link_scores(details)
    assert (scores["precision"], scores["recall"], scores["none_kept"]) == (0.333, 0.333, 0.5)


def test_a_suggestion_on_an_unsettled_forecast_counts_as_wrong_and_coverage_counts_settled_only():
    details = [{"gold": "yes", "suggested": "yes", "right": True, "evidence_doc_right": True},
               {"gold": "no", "suggested": "unknown", "right": None, "evidence_doc_right": None},
               {"gold": "unknown", "suggested": "yes", "right": False, "evidence_doc_right": None},
               {"gold": "unknown", "suggested": "unknown", "right": None, "evidence_doc_right": None}]
    scores = resolution_scores(details)
    assert (scores["accuracy"], scores["coverage"], scores["abstained_on_unsettled"]) == (0.5, 0.5, 0.5)
