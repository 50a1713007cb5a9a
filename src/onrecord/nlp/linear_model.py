"""Logistic regression over hashed sparse features, in numpy: the one model both trained components use.

Check-worthiness (``onrecord_claims``) and the causal-sentence classifier (``onrecord_causal``) hash their
features (CRC-32) into a fixed number of weights; a row is binary and L2-normalised (each of its ``n``
features weighs ``1/sqrt(n)``). Training is full-batch Adam on the L2-regularised log loss from a zero
start: deterministic, a few seconds for 10k sentences. Components only call ``probability``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

# A batch of rows as (row id, feature id, value) triplets.
Rows = tuple[np.ndarray, np.ndarray, np.ndarray]


def probability(weights: np.ndarray, ids, bias: float = 0.0) -> float:
    """P(positive) of one row given its hashed feature ids (at least one)."""
    z = bias + float(weights[ids].sum()) / np.sqrt(len(ids))
    return float(1.0 / (1.0 + np.exp(-z)))


def design(features: Sequence) -> Rows:
    """Sparse rows from each row's feature ids, values L2-normalised per row."""
    sizes = np.array([max(len(f), 1) for f in features])
    rows = np.repeat(np.arange(len(features)), [len(f) for f in features])
    cols = np.concatenate(features) if len(features) else np.zeros(0, np.int64)
    return rows, cols, (1.0 / np.sqrt(sizes))[rows]


def logits(w: np.ndarray, b: float, X: Rows, n: int) -> np.ndarray:
    rows, cols, vals = X
    return np.bincount(rows, weights=w[cols] * vals, minlength=n) + b


def predict(w: np.ndarray, b: float, X: Rows, n: int) -> np.ndarray:
    """P(positive) of each of the ``n`` rows of X."""
    return 1.0 / (1.0 + np.exp(-logits(w, b, X, n)))


def subset(X: Rows, index: np.ndarray, n: int) -> Rows:
    """The rows ``index`` (sorted) of X, renumbered from 0."""
    rows, cols, vals = X
    keep = np.isin(rows, index)
    remap = np.full(n, -1)
    remap[index] = np.arange(len(index))
    return remap[rows[keep]], cols[keep], vals[keep]


def fit(X: Rows, y: np.ndarray, dim: int, *, l2: float, iterations: int, learning_rate: float,
        intercept: bool = True, **_) -> tuple[np.ndarray, float]:
    """(weights, bias) after ``iterations`` full-batch Adam steps; without ``intercept`` the bias stays 0
    (a model whose rows carry a constant "bias" feature)."""
    rows, cols, vals = X
    n = len(y)
    w, b = np.zeros(dim), 0.0
    m, v, mb, vb = np.zeros(dim), np.zeros(dim), 0.0, 0.0
    for step in range(1, iterations + 1):
        p = 1.0 / (1.0 + np.exp(-logits(w, b, X, n)))
        g = (p - y) / n
        gw = np.bincount(cols, weights=g[rows] * vals, minlength=dim) + l2 * w
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw ** 2
        c1, c2 = 1 - 0.9 ** step, 1 - 0.999 ** step
        w -= learning_rate * (m / c1) / (np.sqrt(v / c2) + 1e-8)
        if intercept:
            gb = g.sum()
            mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb ** 2
            b -= learning_rate * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    return w, b
