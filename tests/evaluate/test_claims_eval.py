"""Check-worthiness on the held-out CheckThat! 2024 English files."""
from __future__ import annotations

import pytest


@pytest.mark.shared
def test_checkworthiness_f1_floor_on_checkthat_2024(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "claims" / "checkthat2024-en"))
    assert scores["test sentences"] == 341 and scores["dev-test sentences"] == 318
    assert scores["dev-test f1"] >= 0.74
    assert scores["test f1"] >= 0.58


@pytest.mark.shared
@pytest.mark.slow
def test_claim_kinds_separate_opinion_pieces_from_reporting(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "corpus" / "semeval2023-genre-en"))
    assert scores["articles"] == 101
    assert scores["non-factual share, opinion articles"] > scores["non-factual share, reporting articles"]
    assert scores["genre ROC AUC"] >= 0.65
