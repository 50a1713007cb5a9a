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
import re
from typing import Sequence

import numpy as np

GROUP_THRESHOLD = 0.80
LINK_THRESHOLD = 0.60
ACTOR_BONUS = 0.05       # shared actors make a slightly weaker wording match enough
EVENT_PENALTY = 0.10     # two different event types rarely predict one outcome
HORIZON_SLACK = dt.timedelta(days=366)
PERIOD_SLACK = dt.timedelta(days=31)
OPEN_ENDED_SLACK = dt.timedelta(days=365)  # statements with no deadline made further apart are about other times
# Words that say nothing about which outcome is meant: auxiliaries, pronouns, quantifiers and "happen".
FUNCTION_WORDS = set("""a an the will would shall be been being is are was were not no never nor and or but if of to in on at
by for with from as than that this these those it its they them their we us our you your he him his she her i me my
there here what which who whom whose so do does did done doing have has had can could may might must should all any
every everyone anyone everything anything some someone something still also even again more most much many very just
only before after within days publication happen happens happened again""".split())
VAGUE_OBJECTS = {"it", "this", "that", "so", "them"}
WORD = re.compile(r"[a-z][a-z'-]+")


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
    """What the forecast asks, in the words grouping compares: its question, else its proposition."""
    return str(forecast.get("question") or forecast.get("proposition") or forecast.get("text") or "").strip()


def link_text(forecast: dict) -> str:
    """What linking compares with a platform's title: the forecast's sentence, which keeps the names and
    dates an extracted question drops (on the linking dev gold it found 3 of 8 links, the question 1)."""
    return str(forecast.get("text") or question_text(forecast)).strip()


def horizons_compatible(a: dict, b: dict) -> bool:
    """Deadlines at most a year apart, or one of them unknown ("Ukraine will win" has none)."""
    due_a, due_b = day(a.get("due_on")), day(b.get("due_on"))
    return due_a is None or due_b is None or abs(due_a - due_b) <= HORIZON_SLACK


def content_words(text: str) -> set[str]:
    """The words of a question that name what it is about (a plural's "s" dropped)."""
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in WORD.findall(text.lower())} - FUNCTION_WORDS


def vague(text: str) -> bool:
    """"Will we do it?", "Will we not allow this?": what the pronoun stands for is in another sentence,
    so no second forecast can be told to predict the same outcome."""
    words = WORD.findall(text.lower())
    return len(content_words(text)) <= 1 and bool(VAGUE_OBJECTS & set(words))


def made_close_enough(a: dict, b: dict) -> bool:
    """Open-ended forecasts made more than a year apart are about different moments ("boots on the
    ground" in 2013 is Syria, in 2014 Iraq); with a deadline, ``horizons_compatible`` decides."""
    if a.get("due_on") or b.get("due_on"):
        return True
    made_a, made_b = day(a.get("made_on")), day(b.get("made_on"))
    return made_a is None or made_b is None or abs(made_a - made_b) <= OPEN_ENDED_SLACK


def same_outcome(a: dict, b: dict, similarity: float, *, threshold: float = GROUP_THRESHOLD) -> bool:
    """Whether two forecasts predict the same outcome, given their questions' cosine similarity."""
    text_a, text_b = question_text(a), question_text(b)
    if not horizons_compatible(a, b) or not made_close_enough(a, b) or vague(text_a) or vague(text_b):
        return False
    if not content_words(text_a) & content_words(text_b):
        return False
    score = similarity
    if set(a.get("subjects") or ()) & set(b.get("subjects") or ()):
        score += ACTOR_BONUS
    if a.get("event_type") and b.get("event_type") and a["event_type"] != b["event_type"]:
        score -= EVENT_PENALTY
    return score >= threshold


def period_compatible(forecast: dict, question: dict) -> bool:
    """The rule of docs/question-annotation.md: the forecast was made while the question was open or
    within a month before it opened, and its deadline (when stated) ends no later than a year after the
    question's close. A question closed before the forecast was made never fits; an undated forecast
    fits when its deadline, if any, is within a year of the close."""
    made, due = day(forecast.get("made_on")), day(forecast.get("due_on"))
    opens, closes = day(question.get("opens_on")), day(question.get("closes_on"))
    if due and closes and due > closes + HORIZON_SLACK:
        return False
    if made is None:
        return not (due and closes and due < closes - HORIZON_SLACK)
    if closes and made > closes:
        return False
    return opens is None or made >= opens - PERIOD_SLACK


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
        close = np.flatnonzero(scores >= threshold - ACTOR_BONUS)  # no bonus lifts the rest over the threshold
        for n in close[np.argsort(-scores[close])]:
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
