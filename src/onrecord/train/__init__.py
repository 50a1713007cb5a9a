"""Retraining the models shipped in ``lexicons/``, reproducibly: one function per model, by name.

``onrecord train NAME DATA [--out FILE]`` (or ``python -m onrecord.train NAME DATA [OUT]``) calls
``TRAINERS[NAME](DATA, OUT)``, which writes the model (default: the shipped file) and returns what it did.
Scoring the models on held-out data is ``onrecord eval`` (``onrecord/evaluate/``).
"""
from __future__ import annotations

from typing import Callable

from .causal import train as train_causal
from .claims import train as train_claims
from .claims import train_accurate as train_claims_accurate
from .forecasts import train as train_forecasts
from .quotes import train as train_quotes

TRAINERS: dict[str, Callable[..., dict]] = {
    "forecasts": train_forecasts,  # forecast detector: eval/gold train, chosen on dev -> lexicons/forecast_detector.npz
    "claims": train_claims,  # check-worthiness: CheckThat! 2024 train, threshold on dev -> lexicons/claims_model.npz
    "claims-accurate": train_claims_accurate,  # + MiniLM sentence vectors -> lexicons/claims_model_accurate.npz
    "causal": train_causal,  # causal sentences: CNC v2 train -> lexicons/causal_cues_model.npz
    "quotes": train_quotes,  # attribution cues and contents: PolNeAR train -> lexicons/quotes_model.npz
}
