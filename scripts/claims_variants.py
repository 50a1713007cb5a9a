#!/usr/bin/env python
"""The check-worthiness variants compared on CheckThat! 2024 dev (docs/evaluation.md, claims): each is trained
on the same CT24 train rows as ``onrecord train claims`` and gets its threshold from dev; dev-test is scored at
that threshold as a second check. Test is never read here (``onrecord eval claims`` scores it).

    PYTHONPATH=src .venv/bin/python scripts/claims_variants.py ../shared/data/claims [--only sparse,minilm-lr]

The sentence vectors come from ``onrecord.evaluate.claims.sentence_vectors`` (cached under build/claims-vectors,
shared with the trainer); the first run encodes 24k sentences (≈ 25 min of one core).
"""
from __future__ import annotations

import argparse

import numpy as np

from onrecord.evaluate.claims import parse_sentences, prf, read_checkthat, sentence_vectors
from onrecord.nlp import linear_model
from onrecord.nlp.claims import CheckWorthiness
from onrecord.train.claims import DIMENSIONS, SETTINGS, best_threshold, design, training_set

DIM = 1 << SETTINGS["bits"]


def load(path: str) -> dict:
    splits = {"train": training_set(path), "dev": read_checkthat(path, "dev"),
              "dev-test": read_checkthat(path, "dev-test")}
    model = CheckWorthiness(np.zeros(DIM), 0.0, bits=SETTINGS["bits"])
    texts = {name: [t for t, _ in rows] for name, rows in splits.items()}
    vectors = {"dev-test": sentence_vectors(texts["dev-test"])}
    both = sentence_vectors(texts["train"] + texts["dev"])  # as the trainer encodes them: one cache entry
    vectors["train"], vectors["dev"] = both[:len(texts["train"])], both[len(texts["train"]):]
    return {name: {"y": np.array([label for _, label in rows]), "vectors": vectors[name],
                   "features": [model.features(d) for d in parse_sentences(texts[name])]}
            for name, rows in splits.items()}


def linear(data: dict, alpha: float = 0.0, sparse: bool = True, **settings):
    """Scorer of the shipped model family: sparse rows (or none) plus alpha x the sentence vector."""
    settings = {**SETTINGS, **settings}

    def rows(split):
        features = data[split]["features"] if sparse else [np.zeros(0, np.int64)] * len(data[split]["y"])
        return design(features, data[split]["vectors"] if alpha else None, alpha, DIM)

    w, b = linear_model.fit(rows("train"), data["train"]["y"].astype(float), DIM + DIMENSIONS, **settings)
    return lambda split: linear_model.predict(w, b, rows(split), len(data[split]["y"]))


def sklearn_model(data: dict, model):
    model.fit(data["train"]["vectors"], data["train"]["y"])
    return lambda split: model.predict_proba(data[split]["vectors"])[:, 1]


def variants(data: dict) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    found = {f"sparse l2={l2:g} it={it}": (lambda l2=l2, it=it: linear(data, l2=l2, iterations=it))
             for l2 in (1e-4, 1e-5, 1e-6) for it in (300, 600)}
    found.update({f"sparse + minilm alpha={a:g}": (lambda a=a: linear(data, alpha=a)) for a in (0.5, 1.0, 2.0)})
    found["minilm only (same optimiser)"] = lambda: linear(data, alpha=1.0, sparse=False)
    for c in (1, 10):
        found[f"minilm LR C={c}"] = lambda c=c: sklearn_model(data, LogisticRegression(C=c, max_iter=2000))
    found["minilm MLP 256"] = lambda: sklearn_model(data, MLPClassifier((256,), alpha=1e-3, early_stopping=True,
                                                                        random_state=0, max_iter=200))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--only", default="", help="comma-separated variant names")
    args = parser.parse_args()
    data = load(args.data)
    for name, build in variants(data).items():
        if args.only and name not in args.only.split(","):
            continue
        score = build()
        threshold, dev_f1 = best_threshold(np.round(score("dev"), 4), data["dev"]["y"])
        check = prf(np.round(score("dev-test"), 4), data["dev-test"]["y"], threshold)
        print(f"{name:32s} dev F1 {dev_f1:.3f} @ {threshold:.2f} | dev-test P/R/F1 "
              f"{check['precision']:.3f} / {check['recall']:.3f} / {check['f1']:.3f}", flush=True)


if __name__ == "__main__":
    main()
