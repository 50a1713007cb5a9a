"""Check-worthiness scored on CheckThat! 2024 dev, dev-test and test with the model's own decision (``check_worthy``).

The models are trained by ``onrecord/train/claims.py`` on the CT24 train file, with every sentence of dev,
dev-test and test removed; dev chose the model family, its settings and the threshold, so dev figures are
development figures, dev-test is a second check and test is scored once.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

SPLITS = {"train": "CT24_checkworthy_english_train.tsv", "dev": "CT24_checkworthy_english_dev.tsv",
          "dev-test": "CT24_checkworthy_english_dev-test.tsv", "test": "CT24_checkworthy_english_test_gold.tsv"}
HELD_OUT = ("dev", "dev-test", "test")
PROFILES = ("default", "accurate")


def claims_dir(path: str | Path) -> Path:
    """Accept ../shared/data/claims, its checkthat2024-en folder, or a file inside it."""
    path = Path(path)
    path = path.parent if path.is_file() else path
    return path.parent if path.name == "checkthat2024-en" else path


def read_checkthat(path: str | Path, split: str) -> list[tuple[str, int]]:
    """(sentence, 1 if check-worthy) rows of one CheckThat! 2024 English split."""
    with open(claims_dir(path) / "checkthat2024-en" / SPLITS[split], encoding="utf-8", newline="") as f:
        return [(r["Text"], int(r["class_label"].strip() == "Yes")) for r in csv.DictReader(f, delimiter="\t")]


def parse_sentences(texts: list[str]) -> list:
    """Sentences parsed by the spaCy model (no lemmatizer: the features do not read lemmas)."""
    from ..nlp.pipeline import MODEL
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    return list(nlp.pipe(texts, batch_size=256))


def prf(scores: np.ndarray, gold: np.ndarray, threshold: float) -> dict:
    predicted = scores >= threshold
    tp = int((predicted & (gold == 1)).sum())
    p = tp / max(int(predicted.sum()), 1)
    r = tp / max(int((gold == 1).sum()), 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


VECTOR_CACHE = Path("build") / "claims-vectors"  # relative to the working directory; git ignores build/


def sentence_vectors(texts: list[str], cache: Path | None = VECTOR_CACHE) -> np.ndarray:
    """MiniLM vectors of standalone sentences, as the pipeline's shared per-Doc pass computes them. The
    encoder pass is the slow part (≈ 25 min of one core for the 23.5k train + dev sentences), so the
    vectors are kept in ``cache`` under a hash of the texts, for the trainer and the evaluation to reuse."""
    import hashlib

    from ..encoder import MODEL_NAME, encode

    key = hashlib.sha256("\n".join([MODEL_NAME, *texts]).encode("utf-8")).hexdigest()[:16]
    path = cache / f"{key}.npy" if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    vectors = encode(texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def evaluate(path: str, model_path: str | None = None, profile: str = "default", **opts) -> dict:
    """Precision, recall and F1 of the check-worthy ("Yes") class on CheckThat! 2024 dev, dev-test and test,
    deciding by ``check_worthy`` (score >= the model's threshold); ``profile="accurate"`` scores the model
    that also reads the sentence encoder. "f1 at 0.5" reads a score of 0.5 or more as check-worthy instead.

    Given a corpus folder with gold genres instead (``documents.jsonl``, SemEval-2023 Task 3), scores the
    claim kinds: how well the share of opinion and prescriptive claims separates opinion pieces from reporting.
    """
    from ..nlp.claims import ACCURATE_MODEL_PATH, MODEL_PATH, CheckWorthiness

    if (Path(path) / "documents.jsonl").is_file():
        return evaluate_kinds(path)
    if profile not in PROFILES:
        raise ValueError(f"claims profiles: {', '.join(PROFILES)}")
    model = CheckWorthiness.from_disk(model_path or (ACCURATE_MODEL_PATH if profile == "accurate" else MODEL_PATH))
    scores: dict = {}
    details: dict = {"profile": profile, "threshold": model.threshold, "model": model.meta}
    for split in HELD_OUT:
        rows = read_checkthat(path, split)
        texts = [t for t, _ in rows]
        vectors = sentence_vectors(texts) if model.needs_vectors else [None] * len(rows)
        predicted = np.array([round(model.score(d, v), 4) for d, v in zip(parse_sentences(texts), vectors)])
        decided = np.array([model.decide(p) for p in predicted])
        gold = np.array([label for _, label in rows])
        for name, value in prf(decided.astype(float), gold, 0.5).items():
            scores[f"{split} {name}"] = round(value, 4)
        scores[f"{split} f1 at 0.5"] = round(prf(predicted, gold, 0.5)["f1"], 4)
        scores[f"{split} sentences"] = len(rows)
        details[split] = {"positive": int(gold.sum()), "check_worthy": int(decided.sum())}
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
