"""Grouping scored on our pair gold (``eval/gold/grouping-{dev,test}.yaml``, format in
docs/question-annotation.md): for each pair of extracted forecasts, does ``onrecord.questions.same_outcome``
say they predict the same outcome? Pairwise precision, recall and F1 of "same".
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .. import encoder
from ..questions import match

FIELDS = ("question", "proposition", "holder", "subjects", "made_on", "due_on", "event_type")


def read_pairs(path: str | Path) -> list[dict]:
    """The gold pairs: {"id", "same": bool, "a": forecast dict, "b": forecast dict}."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    pairs = data.get("pairs") or []
    for pair in pairs:
        if not isinstance(pair.get("same"), bool) or not pair.get("a") or not pair.get("b"):
            raise ValueError(f"{path}: pair {pair.get('id')!r} needs same: true/false, a and b")
    return pairs


def pair_scores(pairs: list[dict]) -> list[float]:
    """The cosine of each pair's two questions, every distinct text encoded once."""
    texts = sorted({match.question_text(p[side]) for p in pairs for side in ("a", "b")})
    vectors = dict(zip(texts, encoder.encode(texts)))
    return [float(vectors[match.question_text(p["a"])] @ vectors[match.question_text(p["b"])]) for p in pairs]


def prf(predicted: list[bool], gold: list[bool]) -> dict:
    tp = sum(1 for p, g in zip(predicted, gold) if p and g)
    precision = tp / max(sum(predicted), 1)
    recall = tp / max(sum(gold), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(path: str, *, threshold: float | None = None, **_options) -> dict:
    """Pairwise P/R/F1 at the shipped threshold; ``details`` lists each pair and the F1 at nearby thresholds."""
    pairs = read_pairs(path)
    similarities = pair_scores(pairs)
    gold = [p["same"] for p in pairs]
    chosen = match.GROUP_THRESHOLD if threshold is None else threshold

    def decide(at: float) -> list[bool]:
        return [match.same_outcome({k: p["a"].get(k) for k in FIELDS}, {k: p["b"].get(k) for k in FIELDS}, s, threshold=at)
                for p, s in zip(pairs, similarities)]

    predicted = decide(chosen)
    sweep = {f"{at:.2f}": round(prf(decide(at), gold)["f1"], 3) for at in [x / 100 for x in range(50, 96, 5)]}
    details = [{"id": p.get("id"), "same": p["same"], "predicted": d, "similarity": round(s, 3),
                "a": match.question_text(p["a"]), "b": match.question_text(p["b"])}
               for p, d, s in zip(pairs, predicted, similarities)]
    return {"pairs": len(pairs), "same": sum(gold), "threshold": chosen, **prf(predicted, gold),
            "details": {"pairs": details, "f1_by_threshold": sweep}}
