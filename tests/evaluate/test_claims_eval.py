"""Check-worthiness on the CheckThat! 2024 English files, decided by ``check_worthy``."""
from __future__ import annotations

import pytest


@pytest.mark.shared
def test_checkworthiness_f1_floor_on_checkthat_2024(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "claims" / "checkthat2024-en"))
    assert (scores["dev sentences"], scores["dev-test sentences"], scores["test sentences"]) == (1032, 318, 341)
    assert scores["dev f1"] >= 0.87  # the threshold was chosen on dev: a development figure
    assert scores["dev-test f1"] >= 0.77
    assert scores["test f1"] >= 0.58
    assert scores["details"]["profile"] == "default" and scores["details"]["model"]["train_sentences"] > 20000


@pytest.mark.shared
@pytest.mark.slow
def test_accurate_profile_is_scored_with_its_own_model(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "claims" / "checkthat2024-en"), profile="accurate")
    assert scores["details"]["profile"] == "accurate" and "encoder" in scores["details"]["model"]
    assert scores["dev f1"] >= 0.87 and scores["dev-test f1"] >= 0.73 and scores["test f1"] >= 0.56


@pytest.mark.shared
@pytest.mark.slow
def test_claim_kinds_separate_opinion_pieces_from_reporting(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "corpus" / "semeval2023-genre-en"))
    assert scores["articles"] == 101
    assert scores["non-factual share, opinion articles"] > scores["non-factual share, reporting articles"]
    assert scores["genre ROC AUC"] >= 0.65
