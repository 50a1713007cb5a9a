"""Check-worthiness scored on CheckThat! 2024 dev-test and test (the model is trained by ``onrecord/train/claims.py``
on ClaimBuster + CheckThat! 2024 dev, with every sentence of these two held-out files removed).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

SPLITS = {"dev": "CT24_checkworthy_english_dev.tsv", "dev-test": "CT24_checkworthy_english_dev-test.tsv",
          "test": "CT24_checkworthy_english_test_gold.tsv"}
HELD_OUT = ("dev-test", "test")


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
        docs = parse_sentences([t for t, _ in rows])
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
