"""Train the check-worthiness model shipped as ``lexicons/claims_model.npz``: ClaimBuster + CheckThat! 2024 dev.

Held-out discipline: every training sentence whose normalised text also occurs in dev-test or test is
dropped (ClaimBuster and the CheckThat! files share debate transcripts), and dev/ClaimBuster duplicates
are kept once. The decision threshold is the one that maximises F1 in 5-fold cross-validation on the
training set, so neither held-out file is looked at before the final scoring (``onrecord eval claims``).
Reproducible: fixed CV seed, deterministic full-batch optimiser (``nlp/linear_model.py``).
    onrecord train claims ../shared/data/claims
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np

from ..evaluate.claims import HELD_OUT, claims_dir, parse_sentences, prf, read_checkthat
from ..nlp import linear_model
from ..nlp.claims import MODEL_PATH, CheckWorthiness

SETTINGS = {"bits": 18, "l2": 1e-5, "iterations": 300, "learning_rate": 0.05, "folds": 5, "seed": 0}


def read_claimbuster(path: str | Path) -> list[tuple[str, int]]:
    rows = json.loads((claims_dir(path) / "claimbuster-2.5xncs" / "2.5xNCS.json").read_text(encoding="utf-8"))
    return [(r["text"], int(r["label"])) for r in rows]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def training_set(path: str | Path) -> list[tuple[str, int]]:
    """CheckThat! dev then ClaimBuster, deduplicated, with nothing that is in dev-test or test."""
    held = {_key(t) for split in HELD_OUT for t, _ in read_checkthat(path, split)}
    seen: set[str] = set()
    rows = []
    for text, label in read_checkthat(path, "dev") + read_claimbuster(path):
        key = _key(text)
        if key and key not in held and key not in seen:
            seen.add(key)
            rows.append((text, label))
    return rows


def cross_validated_threshold(X, y: np.ndarray, dim: int, settings: dict) -> tuple[float, float]:
    """(threshold, F1) maximising out-of-fold F1 of the positive class."""
    n = len(y)
    folds = np.array_split(np.random.default_rng(settings["seed"]).permutation(n), settings["folds"])
    out = np.zeros(n)
    for k, fold in enumerate(folds):
        test = np.sort(fold)
        train = np.sort(np.concatenate([f for j, f in enumerate(folds) if j != k]))
        w, b = linear_model.fit(linear_model.subset(X, train, n), y[train], dim, **settings)
        out[test] = linear_model.predict(w, b, linear_model.subset(X, test, n), len(test))
    thresholds = np.round(np.arange(0.20, 0.80, 0.01), 2)
    f1s = [prf(out, y, t)["f1"] for t in thresholds]
    best = int(np.argmax(f1s))
    return float(thresholds[best]), float(f1s[best])


def train(path: str | Path, out: str | Path | None = None, **overrides) -> dict:
    """Train the check-worthiness model and write it (default: the shipped lexicons/claims_model.npz)."""
    settings = {**SETTINGS, **overrides}
    started = time.time()
    rows = training_set(path)
    y = np.array([label for _, label in rows], dtype=float)
    model = CheckWorthiness(np.zeros(1 << settings["bits"]), 0.0, bits=settings["bits"])
    X = linear_model.design([model.features(d) for d in parse_sentences([t for t, _ in rows])])
    threshold, cv_f1 = cross_validated_threshold(X, y, 1 << settings["bits"], settings)
    w, b = linear_model.fit(X, y, 1 << settings["bits"], **settings)
    meta = {"settings": settings, "threshold": threshold, "cv_f1": round(cv_f1, 4), "train_sentences": len(rows),
            "train_positive": int(y.sum()), "data": "claimbuster-2.5xncs + CT24 English dev, minus dev-test/test"}
    model = CheckWorthiness(w, b, threshold=threshold, bits=settings["bits"], meta=meta)
    model.to_disk(out or MODEL_PATH)
    return {**meta, "seconds": round(time.time() - started, 1), "path": str(out or MODEL_PATH)}
