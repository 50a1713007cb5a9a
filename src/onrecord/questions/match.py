"""Matching forecasts to questions, on plain dicts.

A forecast is a dict with ``question`` (or ``proposition``), ``subjects`` (actor ids), ``made_on`` and
``due_on`` (dates or ISO text) and, when known, ``event_type`` (the PLOVER type of an event in its
sentence). A platform question is a dict with ``title``, ``opens_on`` and ``closes_on``. Vectors are the
shared encoder's normalized vectors (``onrecord.encoder.encode``), so a dot product is the cosine.

Two forecasts predict the same outcome when their questions say nearly the same thing (cosine at least
``GROUP_THRESHOLD``, a little less when they name the same actors), their deadlines are not years apart
and their event types, when both are known, agree. A forecast asks a platform's question when the
cosine is at least ``LINK_THRESHOLD`` and the periods fit (``period_compatible``). Both thresholds
were chosen on the dev halves of our gold (docs/evaluation.md, "Questions and platform links").
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

import numpy as np

GROUP_THRESHOLD = 0.80
LINK_THRESHOLD = 0.62
ACTOR_BONUS = 0.05       # shared actors make a slightly weaker wording match enough
EVENT_PENALTY = 0.10     # two different event types rarely predict one outcome
HORIZON_SLACK = dt.timedelta(days=366)
PERIOD_SLACK = dt.timedelta(days=31)


def day(value) -> dt.date | None:
    """A date from a date, datetime or "YYYY-MM-DD..." text; anything else is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def question_text(forecast: dict) -> str:
    """What the forecast asks, in the words the encoder compares: its question, else its proposition."""
    return str(forecast.get("question") or forecast.get("proposition") or forecast.get("text") or "").strip()


def horizons_compatible(a: dict, b: dict) -> bool:
    """Deadlines at most a year apart, or one of them unknown ("Ukraine will win" has none)."""
    due_a, due_b = day(a.get("due_on")), day(b.get("due_on"))
    return due_a is None or due_b is None or abs(due_a - due_b) <= HORIZON_SLACK


def same_outcome(a: dict, b: dict, similarity: float, *, threshold: float = GROUP_THRESHOLD) -> bool:
    """Whether two forecasts predict the same outcome, given their questions' cosine similarity."""
    if not horizons_compatible(a, b):
        return False
    score = similarity
    if set(a.get("subjects") or ()) & set(b.get("subjects") or ()):
        score += ACTOR_BONUS
    if a.get("event_type") and b.get("event_type") and a["event_type"] != b["event_type"]:
        score -= EVENT_PENALTY
    return score >= threshold


def period_compatible(forecast: dict, question: dict) -> bool:
    """The forecast was made while the question was open (a month's slack either side), or its
    deadline is within a year of the question's close; a forecast with no dates fits any period."""
    made, due = day(forecast.get("made_on")), day(forecast.get("due_on"))
    opens, closes = day(question.get("opens_on")), day(question.get("closes_on"))
    if made is None and due is None:
        return True
    if made and closes and made > closes + PERIOD_SLACK:
        return False  # the question was settled before the forecast was made
    if made and (opens is None or made >= opens - PERIOD_SLACK) and (closes is None or made <= closes + PERIOD_SLACK):
        return True
    return bool(due and closes and abs(due - closes) <= HORIZON_SLACK and (opens is None or due >= opens))


def group(forecasts: Sequence[dict], vectors: np.ndarray, *, threshold: float = GROUP_THRESHOLD) -> list[int]:
    """For each forecast, the index of its group's first forecast, whose question is the canonical one.
    Forecasts are taken oldest first; each joins the group whose first forecast it matches best, or
    starts a new one. Comparing with the first forecast only keeps a chain of near-matches from
    merging unrelated questions."""
    order = sorted(range(len(forecasts)), key=lambda i: (str(day(forecasts[i].get("made_on")) or ""), i))
    leaders: list[int] = []
    canonical = list(range(len(forecasts)))
    for i in order:
        scores = vectors[leaders] @ vectors[i] if leaders else np.zeros(0)
        for n in np.argsort(-scores):
            leader = leaders[int(n)]
            if same_outcome(forecasts[leader], forecasts[i], float(scores[n]), threshold=threshold):
                canonical[i] = leader
                break
        else:
            leaders.append(i)
    return canonical


def link(forecasts: Sequence[dict], forecast_vectors: np.ndarray, questions: Sequence[dict],
         question_vectors: np.ndarray, *, threshold: float = LINK_THRESHOLD) -> list[tuple[int | None, float]]:
    """For each forecast, (index of the platform question it asks, cosine), or (None, best cosine)
    when no question of a compatible period is close enough."""
    if not len(questions) or not len(forecasts):
        return [(None, 0.0) for _ in forecasts]
    scores = forecast_vectors @ question_vectors.T
    found = []
    for i, forecast in enumerate(forecasts):
        best, best_score = None, 0.0
        for j in np.argsort(-scores[i])[:20]:
            if period_compatible(forecast, questions[int(j)]):
                best, best_score = int(j), float(scores[i, j])
                break
        found.append((best, best_score) if best is not None and best_score >= threshold else (None, best_score))
    return found
