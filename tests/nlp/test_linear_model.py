"""The logistic regression both trained components use (nlp/linear_model.py)."""
from __future__ import annotations

import numpy as np

from onrecord.evaluate.claims import prf
from onrecord.nlp.linear_model import fit, predict, probability


def test_the_linear_model_fits_deterministically_and_learns_a_separable_toy_set():
    rows = np.repeat(np.arange(40), 2)
    cols = np.array([[i % 2, 2 + i % 5] for i in range(40)]).ravel()
    X, y = (rows, cols, np.full(80, 0.7)), np.array([i % 2 for i in range(40)], dtype=float)
    settings = {"l2": 1e-5, "iterations": 200, "learning_rate": 0.05}
    (w1, b1), (w2, b2) = fit(X, y, 8, **settings), fit(X, y, 8, **settings)
    assert np.array_equal(w1, w2) and b1 == b2
    scores = 1 / (1 + np.exp(-(np.bincount(rows, weights=w1[cols] * 0.7, minlength=40) + b1)))
    assert prf(scores, y, 0.5)["f1"] == 1.0


def test_probability_of_one_row_matches_the_batch_prediction():
    w = np.array([0.5, -1.0, 2.0, 0.0], dtype=np.float32)
    ids = np.array([0, 2])
    rows, cols, vals = np.zeros(2, dtype=int), ids, np.full(2, 1 / np.sqrt(2))
    assert abs(probability(w, ids, 0.25) - predict(w.astype(float), 0.25, (rows, cols, vals), 1)[0]) < 1e-6
