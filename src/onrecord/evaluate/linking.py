"""Score platform linking on our gold (``eval/gold/linking-*.yaml``): link precision, recall and F1.

Each gold item is a corpus forecast (its sentence located by document id and char span) and the platform
question that asks the same thing over a compatible period, or none (docs/question-annotation.md,
"Linking"). The linker sees the forecast's sentence and dates and every question of the three platform
sets in ``../shared/data/outcomes/``; a link is right when it names the gold question or one of its
``also``. Precision counts every link made, recall every gold link.

The linker interface is the one of ``onrecord.questions.link``: ``link(forecasts, forecast_vectors,
questions, question_vectors, threshold=...) -> [(question index | None, score)]``, with forecasts as
``{"text", "made_on", "due_on", "subjects"}`` and questions as ``{"id", "title", "opens_on", "closes_on"}``.
Where that package is absent, or with ``linker="baseline"``, a bare nearest-question baseline is scored.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

import numpy as np
import yaml

from .forecasts import _corpus_root, _record

PLATFORMS = ("metaculus-iqisa", "gjp-ifps", "forecastbench-2024-07-21")
BASELINE_THRESHOLD = 0.60


def evaluate(path: str, linker: str = "default", threshold: float | None = None, **opts) -> dict:
    """Scores on the gold at ``path``; ``linker="baseline"`` scores the nearest-question baseline."""
    from .. import encoder

    gold_path = Path(path)
    items = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["items"]
    corpus_root = _corpus_root(gold_path)
    questions = platform_questions(corpus_root.parent / "outcomes")
    forecasts = [forecast_dict(item["forecast"], corpus_root) for item in items]
    link = choose_linker(linker)
    kwargs = {} if threshold is None else {"threshold": threshold}
    found = link(forecasts, encoder.encode([f["text"] for f in forecasts]), questions,
                 encoder.encode([q["title"] for q in questions]), **kwargs)
    details = []
    for item, forecast, (index, score) in zip(items, forecasts, found):
        right = {item["question"], *item.get("also", [])} - {None}
        predicted = questions[index]["id"] if index is not None else None
        details.append({"doc": item["forecast"]["doc"], "start": item["forecast"]["start"], "gold": item["question"],
                        "predicted": predicted, "score": round(float(score), 3),
                        "right": predicted in right if predicted else not right})
    return summarize(details) | {"linker": linker_name(link), "details": details}


def summarize(details: list[dict]) -> dict:
    made = [d for d in details if d["predicted"]]
    gold = [d for d in details if d["gold"]]
    correct = sum(1 for d in made if d["right"])
    p = round(correct / len(made), 3) if made else 0.0
    r = round(sum(1 for d in gold if d["predicted"] and d["right"]) / len(gold), 3) if gold else 0.0
    nulls = [d for d in details if not d["gold"]]
    return {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "none_kept": round(sum(1 for d in nulls if not d["predicted"]) / len(nulls), 3) if nulls else 0.0,
            "items": len(details), "gold_links": len(gold), "links_made": len(made)}


def choose_linker(name: str) -> Callable:
    if name == "baseline":
        return baseline_link
    try:
        from ..questions import link
    except ImportError:  # the questions package (grouping and linking) is not in this build
        return baseline_link
    return link


def linker_name(link: Callable) -> str:
    return "baseline" if link is baseline_link else f"{link.__module__}.{link.__name__}"


def baseline_link(forecasts, forecast_vectors, questions, question_vectors, *, threshold=BASELINE_THRESHOLD):
    """For comparison: the most similar question by cosine, whatever its period, when at least ``threshold``."""
    if not len(questions):
        return [(None, 0.0) for _ in forecasts]
    scores = np.asarray(forecast_vectors) @ np.asarray(question_vectors).T
    best = scores.argmax(axis=1)
    return [(int(j), float(scores[i, j])) if scores[i, j] >= threshold else (None, float(scores[i, j]))
            for i, j in enumerate(best)]


def forecast_dict(forecast: dict, corpus_root: Path) -> dict:
    """What a linker sees of a gold forecast: its sentence from the corpus, its dates."""
    text = _record(corpus_root / forecast["corpus"], forecast["doc"])["text"]
    return {"text": text[forecast["start"]:forecast["end"]], "made_on": forecast.get("made_on"),
            "due_on": forecast.get("due_on"), "subjects": forecast.get("subjects", []), "doc": forecast["doc"]}


def platform_questions(outcomes_root: Path) -> list[dict]:
    """The questions of the three platform sets, with the period each was open."""
    questions = []
    for name in PLATFORMS:
        with (outcomes_root / name / "questions.jsonl").open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("status") == "voided":
                    continue  # GJP's unused branches of conditional questions
                opens, closes = question_period(row)
                questions.append({"id": row["id"], "title": row["question"], "opens_on": opens, "closes_on": closes})
    return questions


def question_period(row: dict) -> tuple[str | None, str | None]:
    """(opened, closed) as ISO dates from each platform's own fields."""
    if "date_start" in row:  # GJP: US m/d/yy
        return _us_date(row.get("date_start")), _us_date(row.get("date_closed") or row.get("date_to_close"))
    if "open_time" in row:  # Metaculus
        return str(row["open_time"])[:10], str(row.get("resolve_time") or row.get("close_time") or "")[:10] or None
    resolved = [r.get("resolution_date") for r in row.get("resolutions") or [] if r.get("resolution_date")]
    return str(row.get("freeze_datetime") or "")[:10] or None, (max(resolved) if resolved else None)


def _us_date(value: str | None) -> str | None:
    try:
        month, day, year = (int(x) for x in str(value).split("/"))
        return dt.date(2000 + year if year < 100 else year, month, day).isoformat()
    except (TypeError, ValueError):
        return None
