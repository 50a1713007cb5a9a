"""Check-worthiness on the held-out CheckThat! 2024 English files, and the training split's hygiene."""
from __future__ import annotations

import pytest

import numpy as np

from onrecord.evaluate.claims import _key, fit_logistic, prf, read_checkthat, training_set


def test_fit_logistic_is_deterministic_and_learns_a_separable_toy_set():
    rows = np.repeat(np.arange(40), 2)
    cols = np.array([[i % 2, 2 + i % 5] for i in range(40)]).ravel()
    X, y = (rows, cols, np.full(80, 0.7)), np.array([i % 2 for i in range(40)], dtype=float)
    settings = {"l2": 1e-5, "iterations": 200, "learning_rate": 0.05}
    (w1, b1), (w2, b2) = fit_logistic(X, y, 8, **settings), fit_logistic(X, y, 8, **settings)
    assert np.array_equal(w1, w2) and b1 == b2
    scores = 1 / (1 + np.exp(-(np.bincount(rows, weights=w1[cols] * 0.7, minlength=40) + b1)))
    assert prf(scores, y, 0.5)["f1"] == 1.0


@pytest.mark.shared
def test_training_set_excludes_dev_test_and_test(shared):
    path = shared / "data" / "claims"
    held = {_key(t) for split in ("dev-test", "test") for t, _ in read_checkthat(path, split)}
    train = training_set(path)
    assert len(train) > 9000
    assert not held & {_key(t) for t, _ in train}
    assert len({_key(t) for t, _ in train}) == len(train)


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
