"""Scoring components on gold data: one module per component, each with ``evaluate(path, **options) -> dict``.

``onrecord eval NAME GOLD`` calls ``EVALUATIONS[NAME](GOLD)``; the figures are in docs/evaluation.md.
"""
from __future__ import annotations

from typing import Callable

from .causal import evaluate as evaluate_causal
from .claims import evaluate as evaluate_claims
from .events import evaluate as evaluate_events
from .forecasts import evaluate as evaluate_forecasts
from .grouping import evaluate as evaluate_grouping
from .linking import evaluate as evaluate_linking
from .quotes import evaluate as evaluate_quotes
from .resolution import evaluate as evaluate_resolution
from .temporal import evaluate as evaluate_temporal

EVALUATIONS: dict[str, Callable[..., dict]] = {
    "temporal": evaluate_temporal,    # TimeML TE3 platinum: time expressions and their values
    "forecasts": evaluate_forecasts,  # our forecast gold (eval/gold/) or ../shared/gold/seed.yaml
    "events": evaluate_events,        # PETRARCH-2 and PLOVER gold: event type, source, target
    "quotes": evaluate_quotes,        # PolNeAR: attribution content and speaker
    "claims": evaluate_claims,        # CheckThat! 2024: check-worthiness
    "causal": evaluate_causal,        # CNC v2, BECauSE, SemEval-2010 task 8: causal sentences and spans
    "grouping": evaluate_grouping,    # our pair gold (eval/gold/grouping-*.yaml): forecasts predicting one outcome
    "resolution": evaluate_resolution,  # our resolution gold (eval/gold/resolution-*.yaml): suggested outcomes
    "linking": evaluate_linking,      # our linking gold (eval/gold/linking-*.yaml): forecasts to platform questions
}
