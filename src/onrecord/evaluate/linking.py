"""Linking scored on the linking gold (``eval/gold/linking-{dev,test}.yaml``, rules in
docs/question-annotation.md, "Linking"): each gold item is a forecast sentence of the corpora and the
platform question that asks the same thing, or none. The document is analyzed with the default
pipeline, the forecasts extracted in that sentence are linked by ``onrecord.questions.link`` against
every question in ``../shared/data/outcomes/``, and the best link is compared with the gold's.

Precision: right links / links made. Recall: right links / items the gold links.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from .. import encoder
from ..model import Author, Document
from ..questions import match
from ..read.platforms import read_platforms
from .forecasts import _record

HERE = Path(__file__).resolve()


def shared_root(gold_path: Path) -> Path:
    for base in [gold_path.resolve().parent, *gold_path.resolve().parents, HERE.parents[3]]:
        if (base.parent / "shared" / "data" / "outcomes").is_dir():
            return base.parent / "shared"
    raise ValueError(f"no ../shared/data/outcomes beside {gold_path}")


def gold_forecasts(items: list[dict], shared: Path) -> list[list[dict]]:
    """For each gold item, the forecasts the default pipeline extracts in its sentence, as plain dicts."""
    from ..nlp.pipeline import analyze_documents, load_pipeline

    documents: dict[tuple, Document] = {}
    for item in items:
        f = item["forecast"]
        key = (f["corpus"], f["doc"], str(f.get("made_on") or ""))
        if key not in documents:
            record = _record(shared / "data" / "corpus" / f["corpus"], f["doc"])
            documents[key] = Document(text=record["text"], title=record.get("title"),
                                      published=str(f["made_on"]) if f.get("made_on") else None,
                                      authors=tuple(Author(a) for a in [record.get("author")] if a))
    analyses = dict(zip(documents, analyze_documents(list(documents.values()), nlp=load_pipeline())))
    found = []
    for item in items:
        f = item["forecast"]
        analysis = analyses[(f["corpus"], f["doc"], str(f.get("made_on") or ""))]
        found.append([{"question": x.question, "proposition": x.proposition, "subjects": list(x.subjects),
                       "made_on": f.get("made_on"), "due_on": x.horizon.latest}
                      for x in analysis.forecasts if x.sentence.start < f["end"] and f["start"] < x.sentence.end])
    return found


def predict(found: list[list[dict]], questions: list[dict], vectors: tuple[np.ndarray, np.ndarray],
            threshold: float) -> list[tuple[str | None, float]]:
    """The best link among each item's forecasts: (question id or None, cosine)."""
    flat = [f for forecasts in found for f in forecasts]
    links = match.link(flat, vectors[0], questions, vectors[1], threshold=threshold)
    predicted, at = [], 0
    for forecasts in found:
        mine = [link for link in links[at:at + len(forecasts)] if link[0] is not None]
        at += len(forecasts)
        best = max(mine, key=lambda link: link[1], default=(None, 0.0))
        predicted.append((questions[best[0]]["id"] if best[0] is not None else None, best[1]))
    return predicted


def precision_recall(items: list[dict], predicted: list[str | None]) -> dict:
    made = sum(1 for p in predicted if p)
    right = sum(1 for item, p in zip(items, predicted) if p and p in [item.get("question"), *(item.get("also") or [])])
    linked = sum(1 for item in items if item.get("question"))
    return {"precision": right / made if made else None, "recall": right / linked if linked else 0.0,
            "links_made": made, "right": right}


def evaluate(path: str, **_options) -> dict:
    """Link precision and recall at the shipped threshold; ``details`` holds each item and a threshold sweep."""
    gold_path = Path(path)
    items = (yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}).get("items") or []
    shared = shared_root(gold_path)
    questions = read_platforms(shared / "data" / "outcomes")
    found = gold_forecasts(items, shared)
    vectors = (encoder.encode([match.question_text(f) for forecasts in found for f in forecasts]),
               encoder.encode([q["title"] for q in questions]))  # each text once, for every threshold
    sweep = {}
    for threshold in np.arange(0.50, 0.91, 0.04):
        scores = precision_recall(items, [p for p, _ in predict(found, questions, vectors, float(threshold))])
        sweep[f"{threshold:.2f}"] = {k: None if v is None else round(v, 3) for k, v in scores.items()}
    predicted = predict(found, questions, vectors, match.LINK_THRESHOLD)
    details = [{"doc": item["forecast"]["doc"], "excerpt": item["forecast"].get("excerpt"), "gold": item.get("question"),
                "predicted": p, "similarity": round(s, 3), "extracted": [match.question_text(f) for f in forecasts]}
               for item, (p, s), forecasts in zip(items, predicted, found)]
    return {"items": len(items), "linked_in_gold": sum(1 for i in items if i.get("question")),
            "extracted": sum(1 for f in found if f), "threshold": match.LINK_THRESHOLD,
            **precision_recall(items, [p for p, _ in predicted]), "details": {"items": details, "by_threshold": sweep}}
