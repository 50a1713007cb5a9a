"""A small sentence classifier: does this sentence state a cause? (logistic regression in numpy).

Most causal sentences in news carry no textbook connective ("protesters marched demanding ...",
"... after two students were arrested"), so the cue lexicon alone finds few of them. This model
reads hashed words, lemmas, word and tag pairs and parse relations (``mark:after``, ``advcl:demand``;
feature set chosen by 5-fold cross-validation on the training split) and, when it is
confident, lets the component read cause and effect off weaker connectives (``causal_spans.weak_pair``).

Trained only on the CNC v2 *train* split (Tan et al. 2022, CC0), never on the dev sentences it is scored on:
    python -m onrecord.nlp.causal_model ../shared/data/causal/cnc-v2/train_subtask1.csv
writes ``lexicons/causal_cues_model.npz`` (float16 weights + threshold, ~30 kB). Deterministic: zero start,
full-batch updates, no sampling.
"""
from __future__ import annotations

import csv
import functools
import sys
import zlib
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from ...lexicons import lexicon_path

MODEL = lexicon_path("causal_cues_model.npz")
DIM = 2 ** 14
RELATIONS = {"mark", "prep", "advcl", "agent", "xcomp", "acl", "pcomp", "advmod", "npadvmod", "relcl"}


def features(sent: Span) -> list[int]:
    """Hashed feature ids of one sentence (stable across processes: crc32, not hash()). Tokens are read
    once into plain tuples: building spaCy Token objects was most of the cost."""
    toks = [(t.lower_, t.lemma_.lower(), t.pos_, t.dep_, t.tag_, t.head.i - sent.start, t.is_punct or t.is_space,
             t.is_alpha) for t in sent]
    words = [t[0] for t in toks if not t[6]]
    names = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    names += [f"l:{t[1]}" for t in toks if t[7]]
    names += [f"p:{a[2]}_{b[2]}" for a, b in zip(toks, toks[1:])]
    names += [f"dl:{t[3]}:{_head(toks, sent, t[5])[3]}" for t in toks]
    for t in toks:
        if t[3] in RELATIONS:
            names.append(f"d:{t[3]}:{t[1]}")
            names.append(f"h:{t[3]}:{t[1]}:{_head(toks, sent, t[5])[1]}")
        if t[2] == "VERB":
            names.append(f"v:{t[1]}:{t[4]}")
    names.append("bias")
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in names})


def _head(toks: list[tuple], sent: Span, i: int) -> tuple:
    """The head's (lower, lemma, pos, dep) — from the tuples when it lies in the sentence (it always
    should), else from the Doc."""
    if 0 <= i < len(toks):
        return toks[i]
    t = sent.doc[sent.start + i]
    return (t.lower_, t.lemma_.lower(), t.pos_, t.dep_)


def _matrix(rows: list[list[int]]) -> np.ndarray:
    x = np.zeros((len(rows), DIM), dtype=np.float32)
    for i, ids in enumerate(rows):
        x[i, ids] = 1.0 / np.sqrt(len(ids))
    return x


def train(rows: list[list[int]], labels: list[int], *, epochs: int = 150, l2: float = 1e-4, lr: float = 0.05) -> np.ndarray:
    """Full-batch gradient descent with Adam on the logistic loss; returns the weight vector."""
    x, y = _matrix(rows), np.asarray(labels, dtype=np.float32)
    w = np.zeros(DIM, dtype=np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


@functools.lru_cache(maxsize=2)
def load(path: str = str(MODEL)) -> tuple[np.ndarray | None, float]:
    """The shipped weights and decision threshold; (None, 1.0) when the artifact is missing (rules still work)."""
    try:
        data = np.load(path)
        return data["w"].astype(np.float32), float(data["threshold"])
    except (OSError, KeyError, ValueError):
        return None, 1.0


def probability(sent: Span, weights: np.ndarray) -> float:
    ids = features(sent)
    score = float(weights[ids].sum() / np.sqrt(len(ids)))
    return 1.0 / (1.0 + np.exp(-score))


def main(train_csv: str, out: str = str(MODEL)) -> None:
    import spacy

    from ..pipeline import MODEL as SPACY_MODEL

    from . import CausalLinks

    nlp = spacy.load(SPACY_MODEL)
    rules = CausalLinks(nlp, use_model=False)
    with open(train_csv, encoding="utf-8-sig", newline="") as f:
        data = list(csv.DictReader(f))
    docs = [rules(doc) for doc in nlp.pipe(r["text"] for r in data)]
    rows = [features(doc[:]) for doc in docs]
    fired = np.asarray([bool(doc._.onrecord_causal) for doc in docs])
    labels = np.asarray([int(r["label"]) for r in data])
    threshold = cross_validated_threshold(rows, labels, fired)
    weights = train(rows, list(labels))
    np.savez_compressed(out, w=weights.astype(np.float16), threshold=np.float32(threshold))
    print(f"trained on {len(rows):,} sentences from {train_csv}; threshold {threshold:.2f}; wrote {out}")


def cross_validated_threshold(rows: list[list[int]], labels: np.ndarray, fired: np.ndarray, folds: int = 5) -> float:
    """The probability cut with the best F1 of the whole component (a cue rule fired, or the model says
    causal) over 5-fold predictions on the training data itself."""
    fold = np.arange(len(rows)) % folds
    scores = np.zeros(len(rows))
    for k in range(folds):
        w = train([r for r, f in zip(rows, fold) if f != k], list(labels[fold != k]))
        scores[fold == k] = 1.0 / (1.0 + np.exp(-(_matrix([r for r, f in zip(rows, fold) if f == k]) @ w)))
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.2, 0.8, 0.05):
        said = fired | (scores >= cut)
        tp = float((said & (labels == 1)).sum())
        f1 = 2 * tp / max(said.sum() + (labels == 1).sum(), 1)
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best


if __name__ == "__main__":
    main(*sys.argv[1:])
