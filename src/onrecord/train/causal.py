"""Train the causal-sentence classifier shipped as ``lexicons/causal_cues_model.npz`` (read by onrecord_causal).

Trained only on the CNC v2 *train* split (Tan et al. 2022, CC0), never on the dev sentences it is scored on:
    onrecord train causal ../shared/data/causal/cnc-v2/train_subtask1.csv
Features are ``nlp/causal/model.features`` (they carry a constant "bias" feature, so the model has no
separate intercept); the model is ``nlp/linear_model.py``. The threshold is the cut with the best F1 of the
whole component (a cue rule fired, or the model says causal) over 5-fold predictions on the training data.
Deterministic: zero start, full-batch updates, no sampling; float16 weights + threshold, ~30 kB.
"""
from __future__ import annotations

import csv
import time
from pathlib import Path

import numpy as np
import spacy

from ..nlp import linear_model
from ..nlp.causal import CausalLinks
from ..nlp.causal.model import DIM, MODEL, features, save
from ..nlp.pipeline import MODEL as SPACY_MODEL

SETTINGS = {"l2": 1e-4, "iterations": 150, "learning_rate": 0.05, "folds": 5, "intercept": False}
TRAIN_FILE = "train_subtask1.csv"


def _train_csv(path: str | Path) -> Path:
    """Accept the CSV itself, the cnc-v2 folder, or the folder above it."""
    path = Path(path)
    for candidate in (path, path / TRAIN_FILE, path / "cnc-v2" / TRAIN_FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {TRAIN_FILE} at {path}")


def train(path: str | Path, out: str | Path | None = None, **overrides) -> dict:
    """Train on the CNC v2 train split and write the model (default: the shipped artifact)."""
    settings = {**SETTINGS, **overrides}
    started = time.time()
    source = _train_csv(path)
    nlp = spacy.load(SPACY_MODEL)
    rules = CausalLinks(nlp, use_model=False)
    with open(source, encoding="utf-8-sig", newline="") as f:
        data = list(csv.DictReader(f))
    docs = [rules(doc) for doc in nlp.pipe(r["text"] for r in data)]
    X = linear_model.design([features(doc[:]) for doc in docs])
    fired = np.asarray([bool(doc._.onrecord_causal) for doc in docs])
    labels = np.asarray([int(r["label"]) for r in data])
    threshold = cross_validated_threshold(X, labels, fired, settings)
    weights, _ = linear_model.fit(X, labels.astype(float), DIM, **settings)
    save(out or MODEL, weights, threshold)
    return {"settings": settings, "threshold": threshold, "train_sentences": len(data), "data": str(source),
            "seconds": round(time.time() - started, 1), "path": str(out or MODEL)}


def cross_validated_threshold(X, labels: np.ndarray, fired: np.ndarray, settings: dict) -> float:
    """The probability cut (0.20, 0.25 ... 0.75) with the best F1 of rules-or-model over k-fold predictions."""
    n = len(labels)
    fold = np.arange(n) % settings["folds"]
    scores = np.zeros(n)
    for k in range(settings["folds"]):
        train_rows, test_rows = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        w, b = linear_model.fit(linear_model.subset(X, train_rows, n), labels[train_rows].astype(float), DIM,
                                **settings)
        scores[test_rows] = linear_model.predict(w, b, linear_model.subset(X, test_rows, n), len(test_rows))
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.2, 0.8, 0.05):
        said = fired | (scores >= cut)
        tp = float((said & (labels == 1)).sum())
        f1 = 2 * tp / max(said.sum() + (labels == 1).sum(), 1)
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best
