"""Readers' corrections of forecasts: "not a forecast", or another holder, probability, due date or question.

A correction row is never changed (like a resolution). The corrections of a forecast are folded in
order, each field's latest value winning, and written onto the forecast's row, with the extraction's
values kept in ``forecasts.corrected["original"]``. So every list, page, export and score reads the
corrected forecast with no join, and a rejected one ("not a forecast") is ``retired`` like one gone
from the analysis. After a re-analysis ``reapply`` writes them again: a correction follows its forecast by
key, else by document and character span (a changed holder or proposition gives the forecast a new key).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..errors import OnrecordError
from ..model import name_key
from .mapping import date_of, now
from .resolution import find_forecast
from .tables import ActorRow, CorrectionRow, ForecastRow

READER = "reader:"  # holder id prefix of a holder named by a reader that is no actor of the ledger
FIELDS = ("holder", "probability", "due_on", "question")
KEPT = ("holder", "holder_id", "probability", "due_on", "question", "retired")  # the extraction's, in "original"
LIMITS = {"holder": 300, "question": 1000, "note": 2000, "by": 200}  # characters; the form and API check the same


def correct(session: Session, key: str, *, by: str | None, not_forecast: bool = False, holder: str | None = None,
            probability: float | None = None, due_on: str | dt.date | None = None, question: str | None = None,
            note: str | None = None) -> dict:
    """Record a correction of one forecast and apply it at once; returns the forecast's ``corrected``."""
    values = _checked(not_forecast=not_forecast, holder=holder, probability=probability, due_on=due_on,
                      question=question, note=note, by=by)
    forecast = find_forecast(session, key)
    row = CorrectionRow(forecast_key=forecast.key, document_id=forecast.document_id, span_start=forecast.span_start,
                        span_end=forecast.span_end, recorded_at=now(), **values)
    session.add(row)
    session.flush()
    apply(session, forecast, _of(session, [forecast.key])[forecast.key])
    return forecast.corrected


def _checked(*, not_forecast, holder, probability, due_on, question, note, by) -> dict:
    holder, question, note, by = (" ".join(str(v).split()) or None if v is not None else None
                                  for v in (holder, question, note, by))
    for name, value in (("holder", holder), ("question", question), ("note", note), ("by", by)):
        if value and len(value) > LIMITS[name]:
            raise OnrecordError("E144", f"{name} is over {LIMITS[name]} characters")
        if value and "\x00" in value:  # PostgreSQL text cannot hold it
            raise OnrecordError("E144", f"{name} holds a NUL character")
    if probability is not None:
        try:
            probability = float(probability)
        except (TypeError, ValueError):
            raise OnrecordError("E144", f"probability {probability!r} is not a number from 0 to 1") from None
        if not 0 <= probability <= 1:
            raise OnrecordError("E144", f"probability {probability} is not from 0 to 1 (write 0.7 for 70%)")
    due = date_of(due_on) if due_on else None
    if due_on and due is None:
        raise OnrecordError("E108", f"due date {due_on!r} is not a YYYY-MM-DD date")
    if not (not_forecast or holder or probability is not None or due or question):
        raise OnrecordError("E144", "a correction needs one of: not a forecast, holder, probability, due date, question")
    return dict(not_forecast=bool(not_forecast), holder=holder, probability=probability, due_on=due,
                question=question, note=note, corrected_by=by)


def _of(session: Session, keys: list[str]) -> dict[str, list[CorrectionRow]]:
    out: dict[str, list[CorrectionRow]] = {}
    for row in session.scalars(select(CorrectionRow).where(CorrectionRow.forecast_key.in_(keys))
                               .order_by(CorrectionRow.id)):
        out.setdefault(row.forecast_key, []).append(row)
    return out


def apply(session: Session, forecast: ForecastRow, rows: list[CorrectionRow]) -> None:
    """Write the folded corrections onto the forecast row, starting from the extraction's values."""
    original = dict(forecast.corrected["original"]) if forecast.corrected else _kept(forecast)
    for name in KEPT:
        setattr(forecast, name, date_of(original[name]) if name == "due_on" else original[name])
    fields: dict = {}
    for row in rows:
        fields.update({name: getattr(row, name) for name in FIELDS if getattr(row, name) is not None})
    latest = rows[-1]
    for name, value in fields.items():
        setattr(forecast, name, value)
    if "holder" in fields:
        forecast.holder_id = _actor_id(session, fields["holder"])
    forecast.retired = bool(original["retired"] or latest.not_forecast)
    forecast.corrected = {"by": latest.corrected_by, "at": latest.recorded_at.isoformat(), "corrections": len(rows),
                          "not_forecast": latest.not_forecast, "note": latest.note,
                          "fields": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()},
                          "original": original}


def _kept(forecast: ForecastRow) -> dict:
    out = {name: getattr(forecast, name) for name in KEPT}
    out["due_on"] = out["due_on"].isoformat() if out["due_on"] else None
    out["retired"] = bool(out["retired"])
    return out


def _actor_id(session: Session, holder: str) -> str:
    """The actor a corrected holder names (by name, or another spelling of it), else ``reader:`` and a slug
    of the name: a holder a reader named is ranked like an actor (``ranking``)."""
    found = session.scalar(select(ActorRow.id).where(func.lower(ActorRow.name) == holder.lower()).limit(1))
    if found:
        return found
    key = name_key(holder)
    surname = holder.split()[-1][:4].lower() if holder.split() else ""
    for actor_id, name in session.execute(select(ActorRow.id, ActorRow.name)
                                          .where(func.lower(ActorRow.name).contains(surname, autoescape=True)).limit(200)):
        if name_key(name) == key:
            return actor_id
    return f"{READER}{key.replace(' ', '-') or 'unknown'}"


def reapply(session: Session, document_id: str, fresh: set[str]) -> set[str]:
    """After a document's forecasts were stored again (``fresh``: the keys the new analysis gave), each
    correction finds its forecast (same key, else a new forecast whose span overlaps the corrected one's,
    else its old row, kept retired) and is applied again. Returns the keys corrected."""
    rows = session.scalars(select(CorrectionRow).where(CorrectionRow.document_id == document_id)
                           .order_by(CorrectionRow.id)).all()
    if not rows:
        return set()
    session.flush()
    forecasts = {f.key: f for f in session.scalars(select(ForecastRow).where(ForecastRow.document_id == document_id))}
    by_key: dict[str, list[CorrectionRow]] = {}
    for row in rows:
        by_key.setdefault(row.forecast_key, []).append(row)
    done = set()
    for key, group in by_key.items():
        target = forecasts.get(key) if key in fresh else None
        target = target or _same_span([forecasts[k] for k in fresh if k in forecasts], group[-1]) or forecasts.get(key)
        if target is None:
            continue
        if target.key not in fresh and target.corrected:  # gone from the analysis: stays retired
            target.corrected = {**target.corrected, "original": {**target.corrected["original"], "retired": True}}
        if target.key != key:
            session.execute(update(CorrectionRow).where(CorrectionRow.forecast_key == key)
                            .values(forecast_key=target.key))
        apply(session, target, group)
        done.add(target.key)
    return done


def _same_span(forecasts, correction: CorrectionRow) -> ForecastRow | None:
    if correction.span_start is None:
        return None
    for f in forecasts:
        if (f.span_start is not None and f.span_start < correction.span_end
                and correction.span_start < f.span_end):
            return f
    return None


def corrected_keys(session: Session, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(session.scalars(select(CorrectionRow.forecast_key).where(CorrectionRow.forecast_key.in_(keys))))


def history(session: Session, key: str) -> list[dict]:
    """Every correction of a forecast, oldest first."""
    forecast = find_forecast(session, key)
    return [correction_dict(r) for r in _of(session, [forecast.key]).get(forecast.key, [])]


def correction_dict(row: CorrectionRow) -> dict:
    return {"id": row.id, "forecast": row.forecast_key, "document_id": row.document_id,
            "span": [row.span_start, row.span_end], "not_forecast": row.not_forecast, "holder": row.holder,
            "probability": row.probability, "due_on": row.due_on.isoformat() if row.due_on else None,
            "question": row.question, "note": row.note, "corrected_by": row.corrected_by,
            "recorded_at": row.recorded_at.isoformat()}


def all_corrections(session: Session) -> list[dict]:
    return [correction_dict(r) for r in session.scalars(select(CorrectionRow).order_by(CorrectionRow.id))]


GOLD_HEADER = """# onrecord forecast gold made from readers' corrections (`onrecord corrections export --format gold`).
# The form of eval/gold/forecasts-*.yaml, with each document's text inline (a ledger's documents need not be
# in ../shared): every forecast the ledger holds for a corrected document, as corrected; the ones marked
# "not a forecast" under not_forecasts. Review it, then put it beside the gold as forecasts-corrections.yaml:
# `onrecord train forecasts eval/gold` trains on it with the train split.
"""


def gold(session: Session) -> dict:
    """The corrected documents as forecast gold (``eval/gold`` form; see GOLD_HEADER)."""
    from .tables import DocumentRow

    ids = sorted(set(session.scalars(select(CorrectionRow.document_id).where(CorrectionRow.document_id.is_not(None)))))
    documents = []
    for doc in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)).order_by(DocumentRow.id)):
        forecasts, nons = [], []
        for f in session.scalars(select(ForecastRow).where(ForecastRow.document_id == doc.id)
                                 .order_by(ForecastRow.span_start, ForecastRow.key)):
            if f.span_start is None:
                continue
            rejected = bool(f.corrected and f.corrected["not_forecast"])
            if f.retired and not rejected:
                continue  # gone from the latest analysis
            excerpt = " ".join(doc.text[f.span_start:f.span_end].split(" ")[:8]).rstrip()
            item = {"at": f.span_start, "excerpt": excerpt}
            if rejected:
                nons.append({**item, "kind": "reader: not a forecast"})
                continue
            forecasts.append({**item, **_gold_forecast(f)})
        documents.append({"id": doc.id, "source": doc.source, "title": doc.title,
                          "published": doc.published.isoformat() if doc.published else None,
                          "author": doc.author, "text": doc.text, "forecasts": forecasts, "not_forecasts": nons})
    return {"documents": documents}


def gold_yaml(gold: dict) -> str:
    """The gold as YAML under its header; document texts as literal blocks, so they read as written."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text_block(dumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text_block)
    return GOLD_HEADER + yaml.dump(gold, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)


def _gold_forecast(f: ForecastRow) -> dict:
    data = f.data or {}
    fields = (f.corrected or {}).get("fields", {})
    out = {"holder": "author" if data.get("holder") == "author" and "holder" not in fields else f.holder}
    if data.get("attributed"):
        out["attributed"] = True
    p = round(1 - f.probability if data.get("negated") else f.probability, 2)  # gold bands are for the positive
    out["probability"] = [p, p]
    if data.get("negated"):
        out["negated"] = True
    if f.horizon_text:
        out["horizon"] = f.horizon_text
    if fields:
        out["note"] = f"corrected by {f.corrected.get('by') or 'a reader'}: {', '.join(sorted(fields))}"
    return out
