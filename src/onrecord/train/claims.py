"""Train the check-worthiness models: ``lexicons/claims_model.npz`` (default profile) and
``lexicons/claims_model_accurate.npz`` (the opt-in "accurate" profile, which also reads MiniLM sentence vectors).

Data: the CheckThat! 2024 English train file (22,500 debate sentences), deduplicated, with every sentence whose
normalised text is also in dev, dev-test or test removed. Dev chose the family and the settings below
(docs/evaluation.md) and picks the decision threshold (the one that maximises F1 of the check-worthy class);
dev-test and test are only scored, by ``onrecord eval claims``. Deterministic (full-batch optimiser,
``nlp/linear_model.py``; the encoder is deterministic on the CPU).
    onrecord train claims ../shared/data/claims             # ~2 min of one core
    onrecord train claims-accurate ../shared/data/claims    # + one MiniLM pass over 23.5k sentences
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

from ..evaluate.claims import HELD_OUT, parse_sentences, prf, read_checkthat, sentence_vectors
from ..nlp import linear_model
from ..nlp.claims import ACCURATE_MODEL_PATH, MODEL_PATH, CheckWorthiness

SETTINGS = {"bits": 18, "l2": 1e-5, "iterations": 300, "learning_rate": 0.05}
ACCURATE = {**SETTINGS, "alpha": 1.0}  # alpha: weight of the 384-d sentence vector beside the sparse row
DIMENSIONS = 384


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def training_set(path: str | Path) -> list[tuple[str, int]]:
    """CT24 train, each sentence once (first label kept), with nothing that is in dev, dev-test or test."""
    held = {_key(t) for split in HELD_OUT for t, _ in read_checkthat(path, split)}
    seen: set[str] = set()
    rows = []
    for text, label in read_checkthat(path, "train"):
        key = _key(text)
        if key and key not in held and key not in seen:
            seen.add(key)
            rows.append((text, label))
    return rows


def design(features: list, vectors: np.ndarray | None, alpha: float, dim: int) -> linear_model.Rows:
    """The sparse rows (binary, L2-normalised) plus ``alpha`` x the sentence vector in columns dim..dim+383."""
    rows, cols, vals = linear_model.design(features)
    if vectors is None:
        return rows, cols, vals
    n = len(features)
    return (np.concatenate([rows, np.repeat(np.arange(n), DIMENSIONS)]),
            np.concatenate([cols, np.tile(dim + np.arange(DIMENSIONS), n)]),
            np.concatenate([vals, alpha * np.asarray(vectors, dtype=np.float64).ravel()]))


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 of the check-worthy class, on a 0.01 grid."""
    thresholds = np.round(np.arange(0.05, 0.95, 0.01), 2)
    f1s = [prf(scores, gold, t)["f1"] for t in thresholds]
    best = int(np.argmax(f1s))
    return float(thresholds[best]), float(f1s[best])


def train(path: str | Path, out: str | Path | None = None, *, accurate: bool = False, **overrides) -> dict:
    """Train a check-worthiness model and write it (default: the shipped file of its profile)."""
    settings = {**(ACCURATE if accurate else SETTINGS), **overrides}
    started = time.time()
    rows, dev = training_set(path), read_checkthat(path, "dev")
    texts = [t for t, _ in rows] + [t for t, _ in dev]
    model = CheckWorthiness(np.zeros(1 << settings["bits"]), 0.0, bits=settings["bits"])
    features = [model.features(d) for d in parse_sentences(texts)]
    vectors = sentence_vectors(texts) if accurate else None
    dim, n = 1 << settings["bits"], len(rows)
    alpha = settings.get("alpha", 0.0)
    X = design(features[:n], None if vectors is None else vectors[:n], alpha, dim)
    y = np.array([label for _, label in rows], dtype=float)
    w, b = linear_model.fit(X, y, dim + (DIMENSIONS if accurate else 0), **settings)
    w = w.astype(np.float16).astype(np.float64)  # as shipped: the threshold is chosen on the stored weights
    dev_X = design(features[n:], None if vectors is None else vectors[n:], alpha, dim)
    dev_scores = np.round(linear_model.predict(w, b, dev_X, len(dev)), 4)
    threshold, dev_f1 = best_threshold(dev_scores, np.array([label for _, label in dev]))
    meta = {"settings": settings, "threshold": threshold, "dev_f1": round(dev_f1, 4), "train_sentences": n,
            "train_positive": int(y.sum()), "data": "CT24 English train minus dev/dev-test/test; threshold on dev",
            "profile": "accurate" if accurate else "default"}
    if accurate:
        meta["encoder"] = "all-MiniLM-L6-v2 sentence vectors (onrecord.encoder)"
    model = CheckWorthiness(w[:dim], b, threshold=threshold, bits=settings["bits"],
                            dense=w[dim:] if accurate else None, alpha=alpha or 1.0, meta=meta)
    target = out or (ACCURATE_MODEL_PATH if accurate else MODEL_PATH)
    model.to_disk(target)
    return {**meta, "seconds": round(time.time() - started, 1), "path": str(target)}


def train_accurate(path: str | Path, out: str | Path | None = None, **overrides) -> dict:
    """The accurate profile's model: the same sparse row plus the sentence's MiniLM vector."""
    return train(path, out, accurate=True, **overrides)
