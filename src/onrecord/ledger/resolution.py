"""Resolving forecasts, and their resolution history (the list of forecasts is ``read.forecasts``).

A resolution row is never changed. Resolving an already resolved forecast needs ``replace=True``
and adds a new row that names the one it supersedes, so every verdict and its author stay visible.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..errors import OnrecordError
from .mapping import date_of, now
from .tables import ForecastRow, ResolutionRow
from .vocab import OUTCOMES


def current_resolutions():
    """Resolutions no later resolution supersedes (the SQL of the ``current_resolutions`` view)."""
    later = ResolutionRow.__table__.alias("later")
    return select(ResolutionRow).where(~exists().where(later.c.supersedes_id == ResolutionRow.id))


def find_forecast(session: Session, key: str) -> ForecastRow:
    """A forecast by its key, or by a unique prefix of it (keys are long)."""
    row = session.get(ForecastRow, key)
    if row is not None:
        return row
    rows = session.scalars(select(ForecastRow).where(ForecastRow.key.startswith(key, autoescape=True)).limit(2)).all()
    if len(rows) == 1:
        return rows[0]
    raise OnrecordError("E140", f"{'no' if not rows else 'more than one'} forecast key starts with {key!r}; "
                               "see `onrecord forecasts --format json` for the keys")


def history(session: Session, key: str) -> list[dict]:
    """Every resolution of a forecast, oldest first."""
    row = find_forecast(session, key)
    rows = session.scalars(select(ResolutionRow).where(ResolutionRow.forecast_key == row.key)
                           .order_by(ResolutionRow.id))
    return [resolution_dict(r) for r in rows]


def resolution_dict(row: ResolutionRow) -> dict:
    return {"id": row.id, "forecast": row.forecast_key, "outcome": row.outcome,
            "resolved_on": row.resolved_on.isoformat() if row.resolved_on else None,
            "evidence": row.evidence, "resolved_by": row.resolved_by,
            "recorded_at": row.recorded_at.isoformat(), "supersedes": row.supersedes_id}


def resolve(session: Session, key: str, outcome: str, *, evidence: str | None, on: str | None = None,
            by: str | None = None, replace: bool = False) -> dict:
    """Record a verdict. A second verdict on the same forecast must say ``replace``; it then
    supersedes the current one, which stays in the history."""
    if outcome not in OUTCOMES:
        raise OnrecordError("E141", f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
    resolved_on = date_of(on) if on else dt.date.today()
    if on and resolved_on is None:
        raise OnrecordError("E108", f"--date {on!r} is not a YYYY-MM-DD date")
    forecast = find_forecast(session, key)
    current = session.scalars(current_resolutions().where(ResolutionRow.forecast_key == forecast.key)
                              .order_by(ResolutionRow.id.desc())).first()
    if current is not None and not replace:
        raise OnrecordError("E142", f"{forecast.key} was already resolved {current.outcome!r} "
                                    f"on {current.resolved_on} by {current.resolved_by}; "
                                    "give --replace to supersede that resolution (it stays in the history)")
    row = ResolutionRow(forecast_key=forecast.key, outcome=outcome, resolved_on=resolved_on, evidence=evidence,
                        resolved_by=by, recorded_at=now(), supersedes_id=current.id if current else None)
    session.add(row)
    session.flush()
    return resolution_dict(row)
