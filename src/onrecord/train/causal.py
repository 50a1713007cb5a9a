"""Train the causal models: the sentence classifier and the link ranker (read by onrecord_causal).

    onrecord train causal ../shared/data/causal/cnc-v2      # writes lexicons/causal_cues_model.npz

Data: the Causal News Corpus v2 (Tan et al. 2022, CC0). The sentence classifier (``nlp/causal/model.py``;
hashed words and parse relations) and the link
ranker (``nlp/causal/links.py``) are fitted on the *train* split only (``train_subtask1.csv`` labels,
``train_subtask2.csv`` cause/effect pairs); the ranker reads out-of-fold sentence probabilities, as it
will at run time on unseen text. The one number chosen on *dev* (``dev_subtask2_grouped.csv``) is the
link thresholds: the cuts with the best mean of detection F1 and span F1 among those where at least
PRECISION of the links reported on the model's word agree with a gold pair, so dev figures are dev figures.
Deterministic (zero start, full-batch Adam); float16 weights, under 100 kB.
"""
from __future__ import annotations

import ast
import csv
import time
from pathlib import Path

import numpy as np
import spacy

from ..evaluate.causal import _pairs, _word_index, marked_pair
from ..evaluate.quotes import prf
from ..nlp import linear_model
from ..nlp.causal import MOST_PAIRS, CausalLinks, _byline
from ..nlp.causal import links as causal_links
from ..nlp.causal.model import DIM, MODEL, features, save, sentence_probability
from ..nlp.pipeline import MODEL as SPACY_MODEL

SETTINGS = {"l2": 1e-4, "iterations": 150, "learning_rate": 0.05, "folds": 5, "intercept": False}
RANKER = {"l2": 1e-4, "iterations": 200, "learning_rate": 0.05, "intercept": False}
CUTS = np.round(np.arange(0.10, 0.81, 0.025), 3)
GOOD = 0.5  # a candidate is right when both sides overlap one gold pair by word F1 >= GOOD
PRECISION = 0.6  # the share of model-only links (no explicit cue) that must agree with gold on dev


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _folder(path: str | Path) -> Path:
    """Accept the cnc-v2 folder, the folder above it, or one of its CSV files."""
    path = Path(path)
    for candidate in (path, path.parent, path / "cnc-v2"):
        if (candidate / "train_subtask1.csv").is_file():
            return candidate
    raise FileNotFoundError(f"no CNC v2 train_subtask1.csv at {path}")


def train(path: str | Path, out: str | Path | None = None, **overrides) -> dict:
    """Train on CNC v2 train, choose the link threshold on dev, write the model (default: the shipped one)."""
    started = time.time()
    folder, out = _folder(path), Path(out or MODEL)
    nlp = spacy.load(SPACY_MODEL)
    rows = _rows(folder / "train_subtask1.csv")
    gold: dict[str, list[dict]] = {}
    for r in _rows(folder / "train_subtask2.csv"):
        gold.setdefault(r["text"], []).append(marked_pair(r["text_w_pairs"])[1])
    docs = list(nlp.pipe(r["text"] for r in rows))
    labels = np.asarray([int(r["label"]) for r in rows])
    model, oof = fit_sentences(docs, labels, {**SETTINGS, **overrides})
    model["ranker"] = fit_ranker(nlp, docs, [gold.get(r["text"], []) for r in rows], oof)
    dev = _rows(folder / "dev_subtask2_grouped.csv")
    dev_docs = list(nlp.pipe(r["text"] for r in dev))
    dev_gold = [[marked_pair(m)[1] for m in ast.literal_eval(r["causal_text_w_pairs"] or "[]")] for r in dev]
    (model["link_threshold"], model["second_threshold"]), scores = choose_threshold(nlp, model, dev_docs, dev_gold)
    save(out, model)
    return {"settings": {**SETTINGS, **overrides}, "ranker": RANKER,
            "link_threshold": model["link_threshold"], "second_threshold": model["second_threshold"],
            "dev_at_threshold": scores,
            "train_sentences": len(rows), "seconds": round(time.time() - started, 1), "path": str(out),
            "bytes": out.stat().st_size}


def fit_sentences(docs, labels: np.ndarray, settings: dict) -> tuple[dict, np.ndarray]:
    """The sentence classifier on all of train, and its out-of-fold probabilities (k folds)."""
    X = linear_model.design([features(doc[:]) for doc in docs])
    n = len(labels)
    fold = np.arange(n) % settings["folds"]
    oof = np.zeros(n)
    for k in range(settings["folds"]):
        fit_rows, test_rows = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        w, b = linear_model.fit(linear_model.subset(X, fit_rows, n), labels[fit_rows].astype(float), DIM, **settings)
        oof[test_rows] = linear_model.predict(w, b, linear_model.subset(X, test_rows, n), len(test_rows))
    w, _ = linear_model.fit(X, labels.astype(float), DIM, **settings)
    return {"w": w}, oof


def candidates(component: CausalLinks, doc) -> list[list[dict]]:
    """Well-formed candidate links of a Doc, sentence by sentence (the component's own steps)."""
    byline = _byline(doc)
    found = [m for m in component.candidates(doc, weak=True) if causal_links.well_formed(doc, m, byline)]
    return [[m for m in found if s.start <= m["cue"].start < s.end] for s in doc.sents]


def _agreement(doc, link: dict, pairs: list[dict]) -> float:
    """The lower side F1 of the candidate against its best gold pair (0 without gold)."""
    c, e = _word_index(doc.text, link["cause"]), _word_index(doc.text, link["effect"])
    f1 = lambda p, g: 2 * len(p & g) / (len(p) + len(g)) if p and g else 0.0  # noqa: E731
    return max((min(f1(c, g["cause"]), f1(e, g["effect"])) for g in pairs), default=0.0)


def fit_ranker(nlp, docs, gold: list[list[dict]], p_sentences: np.ndarray) -> np.ndarray:
    component = CausalLinks(nlp, use_model=False)
    feats, labels = [], []
    for doc, pairs, p in zip(docs, gold, p_sentences):
        for sentence in candidates(component, doc):
            for rank, link in enumerate(sentence):
                feats.append(causal_links.link_features(doc, link, p, rank, len(sentence)))
                labels.append(_agreement(doc, link, pairs) >= GOOD)
    w, _ = linear_model.fit(linear_model.design(feats), np.asarray(labels, float), causal_links.DIM, **RANKER)
    return w


def choose_threshold(nlp, model: dict, docs, gold: list[list[dict]]) -> tuple[tuple[float, float], dict]:
    """The thresholds for a sentence's first link and for a second one with the best mean of detection F1
    and span F1 (the evaluator's definitions)."""
    component = CausalLinks(nlp, use_model=False)
    scored = []
    for doc in docs:
        sentences = []
        for sent, here in zip(doc.sents, candidates(component, doc)):
            p = sentence_probability(model, sent)
            sentences.append([(causal_links.link_probability(model["ranker"], causal_links.link_features(doc, m, p, r, len(here))), m)
                              for r, m in enumerate(here)])
        scored.append(sentences)
    best, best_scores = (0.5, 1.0), {"objective": -1.0}
    for cut in CUTS:
        for second in [c for c in CUTS if c >= cut] + [1.0]:
            links = [[m for s in sentences for m in causal_links.select(s, cut, second, MOST_PAIRS, component.explicit)]
                     for sentences in scored]
            scores = score(docs, gold, links, component.explicit)
            if scores["model_link_precision"] >= PRECISION and scores["objective"] > best_scores["objective"]:
                best, best_scores = (float(cut), float(second)), scores
    return best, best_scores


def score(docs, gold: list[list[dict]], links: list[list[dict]], explicit) -> dict:
    """Detection F1 and span F1 as ``onrecord eval causal`` counts them, and the share of links reported
    on the model's word (not an explicit cue) that agree with a gold pair."""
    tp = fp = fn = 0
    model_links = [(doc, m, pairs) for doc, pairs, found in zip(docs, gold, links) for m in found if not explicit(m)]
    right = sum(_agreement(doc, m, pairs) >= GOOD for doc, m, pairs in model_links)
    counts = {role: [0, 0, 0] for role in ("cause", "effect")}
    for doc, pairs, found in zip(docs, gold, links):
        said, causal = bool(found), bool(pairs)
        tp, fp, fn = tp + (said and causal), fp + (said and not causal), fn + (causal and not said)
        pred = [{"cause": _word_index(doc.text, m["cause"]), "effect": _word_index(doc.text, m["effect"])} for m in found]
        for g, p in _pairs(pairs, [{**q, "signal": set()} for q in pred]):
            for role in counts:
                counts[role][0] += len(g[role] & p[role]) if g and p else 0
                counts[role][1] += len(p[role]) if p else 0
                counts[role][2] += len(g[role]) if g else 0
    detection = prf(tp, tp + fp, tp + fn)[2]
    span = sum(prf(*c)[2] for c in counts.values()) / 2
    return {"detection_f1": round(detection, 4), "span_f1": round(span, 4), "objective": (detection + span) / 2,
            "model_link_precision": round(right / max(len(model_links), 1), 4), "model_links": len(model_links)}
