"""Check-worthiness: train on ClaimBuster + CheckThat! 2024 dev, score on CheckThat! 2024 dev-test and test.

Held-out discipline: every training sentence whose normalised text also occurs in dev-test or test is
dropped (ClaimBuster and the CheckThat! files share debate transcripts), and dev/ClaimBuster duplicates
are kept once. The decision threshold is the one that maximises F1 in 5-fold cross-validation on the
training set, so neither held-out file is looked at before the final scoring.
"""
from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path

import numpy as np

SPLITS = {"dev": "CT24_checkworthy_english_dev.tsv", "dev-test": "CT24_checkworthy_english_dev-test.tsv",
          "test": "CT24_checkworthy_english_test_gold.tsv"}
HELD_OUT = ("dev-test", "test")
SETTINGS = {"bits": 18, "l2": 1e-5, "iterations": 300, "learning_rate": 0.05, "folds": 5, "seed": 0}


def _claims_dir(path: str | Path) -> Path:
    """Accept ../shared/data/claims, its checkthat2024-en folder, or a file inside it."""
    path = Path(path)
    path = path.parent if path.is_file() else path
    return path.parent if path.name == "checkthat2024-en" else path


def read_checkthat(path: str | Path, split: str) -> list[tuple[str, int]]:
    """(sentence, 1 if check-worthy) rows of one CheckThat! 2024 English split."""
    with open(_claims_dir(path) / "checkthat2024-en" / SPLITS[split], encoding="utf-8", newline="") as f:
        return [(r["Text"], int(r["class_label"].strip() == "Yes")) for r in csv.DictReader(f, delimiter="\t")]


def read_claimbuster(path: str | Path) -> list[tuple[str, int]]:
    rows = json.loads((_claims_dir(path) / "claimbuster-2.5xncs" / "2.5xNCS.json").read_text(encoding="utf-8"))
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


def _parse(texts: list[str]):
    from ..nlp.pipeline import MODEL
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    return list(nlp.pipe(texts, batch_size=256))


def _matrix(model, docs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse rows as (row id, feature id, value), values L2-normalised per row."""
    feats = [model.features(d) for d in docs]
    sizes = np.array([max(len(f), 1) for f in feats])
    rows = np.repeat(np.arange(len(feats)), [len(f) for f in feats])
    cols = np.concatenate(feats) if feats else np.zeros(0, np.int64)
    return rows, cols, (1.0 / np.sqrt(sizes))[rows]


def _logits(w, b, X, n):
    rows, cols, vals = X
    return np.bincount(rows, weights=w[cols] * vals, minlength=n) + b


def fit_logistic(X, y: np.ndarray, dim: int, *, l2: float, iterations: int, learning_rate: float, **_):
    """Full-batch Adam on the L2-regularised log loss: deterministic, a few seconds for 10k sentences."""
    rows, cols, vals = X
    n = len(y)
    w, b = np.zeros(dim), 0.0
    m, v, mb, vb = np.zeros(dim), np.zeros(dim), 0.0, 0.0
    for step in range(1, iterations + 1):
        p = 1.0 / (1.0 + np.exp(-_logits(w, b, X, n)))
        g = (p - y) / n
        gw = np.bincount(cols, weights=g[rows] * vals, minlength=dim) + l2 * w
        gb = g.sum()
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw ** 2
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb ** 2
        c1, c2 = 1 - 0.9 ** step, 1 - 0.999 ** step
        w -= learning_rate * (m / c1) / (np.sqrt(v / c2) + 1e-8)
        b -= learning_rate * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    return w, b


def _subset(X, index: np.ndarray, n: int):
    rows, cols, vals = X
    keep = np.isin(rows, index)
    remap = np.full(n, -1)
    remap[index] = np.arange(len(index))
    return remap[rows[keep]], cols[keep], vals[keep]


def prf(scores: np.ndarray, gold: np.ndarray, threshold: float) -> dict:
    predicted = scores >= threshold
    tp = int((predicted & (gold == 1)).sum())
    p = tp / max(int(predicted.sum()), 1)
    r = tp / max(int((gold == 1).sum()), 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cross_validated_threshold(X, y: np.ndarray, dim: int, settings: dict) -> tuple[float, float]:
    """(threshold, F1) maximising out-of-fold F1 of the positive class."""
    n = len(y)
    folds = np.array_split(np.random.default_rng(settings["seed"]).permutation(n), settings["folds"])
    out = np.zeros(n)
    for k, fold in enumerate(folds):
        test = np.sort(fold)
        train = np.sort(np.concatenate([f for j, f in enumerate(folds) if j != k]))
        w, b = fit_logistic(_subset(X, train, n), y[train], dim, **settings)
        out[test] = 1.0 / (1.0 + np.exp(-_logits(w, b, _subset(X, test, n), len(test))))
    thresholds = np.round(np.arange(0.20, 0.80, 0.01), 2)
    f1s = [prf(out, y, t)["f1"] for t in thresholds]
    best = int(np.argmax(f1s))
    return float(thresholds[best]), float(f1s[best])


def train(path: str | Path, out: str | Path | None = None, **overrides) -> dict:
    """Train the check-worthiness model and write it (default: the shipped lexicons/claims_model.npz)."""
    from ..nlp.claims import MODEL_PATH, CheckWorthiness

    settings = {**SETTINGS, **overrides}
    started = time.time()
    rows = training_set(path)
    y = np.array([label for _, label in rows], dtype=float)
    model = CheckWorthiness(np.zeros(1 << settings["bits"]), 0.0, bits=settings["bits"])
    X = _matrix(model, _parse([t for t, _ in rows]))
    threshold, cv_f1 = cross_validated_threshold(X, y, 1 << settings["bits"], settings)
    w, b = fit_logistic(X, y, 1 << settings["bits"], **settings)
    meta = {"settings": settings, "threshold": threshold, "cv_f1": round(cv_f1, 4), "train_sentences": len(rows),
            "train_positive": int(y.sum()), "data": "claimbuster-2.5xncs + CT24 English dev, minus dev-test/test"}
    model = CheckWorthiness(w, b, threshold=threshold, bits=settings["bits"], meta=meta)
    model.to_disk(out or MODEL_PATH)
    return {**meta, "seconds": round(time.time() - started, 1), "path": str(out or MODEL_PATH)}


def evaluate(path: str, model_path: str | None = None, **opts) -> dict:
    """Precision, recall and F1 of the check-worthy ("Yes") class on CheckThat! 2024 dev-test and test.

    Given a corpus folder with gold genres instead (``documents.jsonl``, SemEval-2023 Task 3), scores the
    claim kinds: how well the share of opinion and prescriptive claims separates opinion pieces from reporting.
    """
    from ..nlp.claims import MODEL_PATH, CheckWorthiness

    if (Path(path) / "documents.jsonl").is_file():
        return evaluate_kinds(path)

    model = CheckWorthiness.from_disk(model_path or MODEL_PATH)
    scores: dict = {}
    details: dict = {"threshold": model.threshold, "model": model.meta}
    for split in HELD_OUT:
        rows = read_checkthat(path, split)
        docs = _parse([t for t, _ in rows])
        predicted = np.array([model.score(d) for d in docs])
        gold = np.array([label for _, label in rows])
        for name, value in prf(predicted, gold, model.threshold).items():
            scores[f"{split} {name}"] = round(value, 4)
        scores[f"{split} sentences"] = len(rows)
        details[split] = {"positive": int(gold.sum()), "predicted_positive": int((predicted >= model.threshold).sum())}
    scores["details"] = details
    return scores


def evaluate_kinds(path: str | Path) -> dict:
    """Opinion-vs-reporting separation by the share of non-factual claims per article (ROC AUC, accuracy)."""
    from ..nlp.pipeline import load_pipeline

    nlp = load_pipeline(components=("onrecord_claims",))
    rows = [json.loads(line) for line in (Path(path) / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r.get("meta", {}).get("genre") in ("opinion", "reporting")]
    shares, gold = [], []
    for doc, row in zip(nlp.pipe(r["text"] for r in rows), rows):
        kinds = [c["kind"] for c in doc._.onrecord_claims or []]
        shares.append(sum(k != "factual" for k in kinds) / max(len(kinds), 1))
        gold.append(int(row["meta"]["genre"] == "opinion"))
    shares_a, gold_a = np.array(shares), np.array(gold)
    opinion, reporting = shares_a[gold_a == 1], shares_a[gold_a == 0]
    auc = float(np.mean([(o > r) + 0.5 * (o == r) for o in opinion for r in reporting]))
    cut = float(np.median(shares_a))
    return {"articles": len(rows), "opinion articles": int(gold_a.sum()),
            "non-factual share, opinion articles": round(float(opinion.mean()), 4),
            "non-factual share, reporting articles": round(float(reporting.mean()), 4),
            "genre ROC AUC": round(auc, 4),
            "genre accuracy at median share": round(float(((shares_a > cut) == gold_a).mean()), 4),
            "details": {"median share": cut}}
