"""Importing real outcome sets and scoring them: Brier scores recomputed straight from the raw files."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

pytestmark = pytest.mark.shared


def raw_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_predictionbook_import_reproduces_brier_scores_from_the_file(ledger, shared):
    folder = shared / "data" / "outcomes" / "predictionbook"
    squared = defaultdict(list)
    for question in raw_lines(folder / "questions.jsonl"):
        outcome = {"yes": 1.0, "no": 0.0}[question["outcome"]]
        for prediction in question["forecasts"]:
            squared[prediction["holder"]].append((prediction["probability"] - outcome) ** 2)
    counts = ledger.import_outcomes(str(folder))
    assert counts["forecasts"] == sum(len(v) for v in squared.values()) == 1553
    assert counts["questions"] == 300
    cards = {card["holder"]: card for card in ledger.scores(origin="predictionbook")["cards"]}
    assert set(cards) == set(squared)
    for holder, values in squared.items():
        assert cards[holder]["scored"] == len(values)
        assert cards[holder]["brier"] == pytest.approx(sum(values) / len(values), abs=1e-12)
    assert ledger.import_outcomes(str(folder))["forecasts"] == 0  # importing twice adds nothing


@pytest.mark.parametrize("point, field", [("mid", "probability_mid"), ("last", "probability_last_before_close")])
def test_metaculus_import_scores_the_chosen_community_probability(ledger, shared, point, field):
    path = shared / "data" / "outcomes" / "metaculus-iqisa" / "questions.jsonl"
    questions = raw_lines(path)
    expected = sum((q[field] - (q["outcome"] == "yes")) ** 2 for q in questions) / len(questions)
    ledger.import_outcomes(str(path), point=point)
    (card,) = ledger.scores(by="outlet")["cards"]
    assert (card["outlet"], card["scored"]) == ("Metaculus", len(questions))
    assert card["brier"] == pytest.approx(expected, abs=1e-12)


def test_lines_of_unknown_shape_are_skipped_and_counted(ledger, tmp_path):
    path = tmp_path / "questions.jsonl"
    path.write_text('{"id": "q1", "question": "Will it rain?", "outcome": "yes", "source": "Mine",'
                    ' "forecasts": [{"holder": "me", "probability": 0.7, "timestamp": "2020-01-01"}]}\n'
                    '{"id": "q2", "question": "No probabilities here"}\nnot json\n', encoding="utf-8")
    counts = ledger.import_outcomes(str(tmp_path))
    assert (counts["forecasts"], counts["resolutions"], counts["skipped"]) == (1, 1, 2)
    assert ledger.scores()["cards"][0]["brier"] == pytest.approx(0.09)
