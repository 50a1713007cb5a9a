"""Importing forecasts with known outcomes (holders, probabilities, resolutions) from outcome sets,
so that scoring works on real records: ``../shared/data/outcomes/predictionbook`` (one line per
question with every user's prediction) and ``metaculus-iqisa`` (the community prediction). The
platforms' questions themselves (Metaculus, GJP, ForecastBench) are read by ``read/platforms.py``.

Each holder's prediction becomes a forecast (origin = the set's name) and the question's outcome
its resolution, resolved by the set. Importing twice adds nothing: keys are the question id, the
holder and the time of the prediction.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import OnrecordError
from ..read.platforms import platform_of, read_lines
from .mapping import date_of, now
from .tables import ForecastRow, ResolutionRow

POINTS = {"first": "probability_first", "mid": "probability_mid", "last": "probability_last_before_close"}


def question_file(path: str) -> Path:
    file = Path(path)
    if file.is_dir():
        file = file / "questions.jsonl"
    if not file.is_file():
        raise OnrecordError("E143", f"{path}: no such file (give a questions.jsonl or the folder holding it)")
    return file


def read_outcomes(path: str, *, point: str = "mid") -> tuple[list[tuple[ForecastRow, ResolutionRow | None]], list[str]]:
    """(forecast, resolution) pairs from an outcome set, and one message per line that was skipped."""
    file = question_file(path)
    pairs: list = []
    skipped = read_lines(file, lambda record: pairs.extend(_pairs(record, point)))
    return pairs, skipped


def _pairs(record: dict, point: str):
    if isinstance(record.get("forecasts"), list):
        predictions = [(f["holder"], f["probability"], f.get("timestamp")) for f in record["forecasts"]]
    elif POINTS[point] in record:
        when = record.get("close_time") if point == "last" else record.get("open_time")
        predictions = [(record.get("holder") or record.get("source") or "crowd", record[POINTS[point]], when)]
    elif platform_of(record):  # a platform question without forecasts by named holders: platforms.py reads it
        return
    else:
        raise KeyError("neither 'forecasts' (PredictionBook) nor 'probability_mid' (Metaculus) is in the line")
    origin = str(record.get("source") or "outcomes").lower()
    seen: set[str] = set()
    for holder, probability, when in predictions:
        if probability is None:
            continue
        key = f"{record['id']}:{holder}:{when or ''}"
        while key in seen:
            key += "+"
        seen.add(key)
        yield _forecast(record, key, origin, holder, float(probability), when), _resolution(record, key)


def _forecast(record: dict, key: str, origin: str, holder: str, probability: float, when) -> ForecastRow:
    question = record["question"]
    return ForecastRow(key=key, document_id=None, item_id=str(record["id"]), origin=origin, holder=str(holder),
                       holder_id=str(holder), outlet=record.get("source"), proposition=question, question=question,
                       probability=probability, probability_source=origin, probability_basis="stated", made_on=date_of(when),
                       due_on=date_of(record.get("close_time")), horizon_text=None, horizon_open=False,
                       subjects=[], span_start=None, span_end=None, text=question, sentence=None,
                       url=record.get("url"), rule=f"import:{origin}", retired=False, data=dict(record, forecasts=None))


def _resolution(record: dict, key: str) -> ResolutionRow | None:
    outcome = str(record.get("outcome") or "").lower()
    if outcome not in ("yes", "no", "ambiguous"):
        return None
    return ResolutionRow(forecast_key=key, outcome=outcome, resolved_on=date_of(record.get("resolve_time")),
                         evidence=record.get("url"), resolved_by=f"{record.get('source') or 'outcome set'} (imported)",
                         recorded_at=now(), supersedes_id=None)


def import_outcomes(session: Session, path: str, *, point: str = "mid") -> dict:
    """Add the set's forecasts and resolutions that are not in the ledger yet."""
    if point not in POINTS:
        raise OnrecordError("E143", f"--point {point!r} is not one of {', '.join(POINTS)}")
    pairs, skipped = read_outcomes(path, point=point)
    keys = [f.key for f, _ in pairs]
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        known.update(session.scalars(select(ForecastRow.key).where(ForecastRow.key.in_(keys[start:start + 500]))))
    new = [(f, r) for f, r in pairs if f.key not in known]
    session.add_all(f for f, _ in new)
    session.flush()
    session.add_all(r for _, r in new if r is not None)
    session.flush()
    return {"questions": len({f.item_id for f, _ in pairs}), "forecasts": len(new),
            "resolutions": sum(1 for _, r in new if r is not None), "already": len(pairs) - len(new),
            "skipped": len(skipped), "skipped_lines": skipped}
