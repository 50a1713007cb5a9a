"""Questions in the ledger: platform questions imported with their crowd series, extracted forecasts
grouped under one canonical question each and linked to the platform question they ask, and what the
pages show (the crowd's probability on a forecast's day, the suggested resolution, skill against the crowd).

Each title and each forecast's question is encoded once; the vectors are kept as float16 bytes
(``questions.vector``, ``question_links.vector``) and reused by every later run and request.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import encoder
from ..questions import match
from .mapping import now
from .read import current_resolutions
from .tables import CrowdPointRow, EventRow, ForecastRow, QuestionLinkRow, QuestionRow, ResolutionRow

GROUPS = "onrecord"  # the source of questions made by grouping forecasts


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def import_questions(session: Session, file: Path) -> dict:
    """Add the platform questions of a questions.jsonl that are not in the ledger yet, with their crowd
    series (one point per day, the day's last) and title vectors."""
    from ..read.platforms import read_questions

    questions, skipped = read_questions(file)
    known = set(session.scalars(select(QuestionRow.id).where(QuestionRow.id.in_([q["id"] for q in questions]))))
    new = [q for q in questions if q["id"] not in known]
    vectors = encoder.encode([q["title"] for q in new]) if new else []
    for question, vector in zip(new, vectors):
        session.add(QuestionRow(vector=pack(vector), **{k: v for k, v in question.items() if k != "crowd"}))
    session.flush()
    for question in new:
        by_day = {when: p for when, p in sorted(question["crowd"], key=lambda point: point[0])}
        session.add_all(CrowdPointRow(question_id=question["id"], on=when, probability=p) for when, p in by_day.items())
    session.flush()
    return {"platform_questions": len(new), "platform_questions_already": len(questions) - len(new),
            "skipped_questions": len(skipped), "skipped_question_lines": skipped}


def _forecast_facts(session: Session, rows: list[ForecastRow]) -> list[dict]:
    """The plain dicts ``onrecord.questions`` matches on, with the type of an event in the same sentence."""
    events: dict[str, list[tuple[int, str]]] = {}
    ids = list({r.document_id for r in rows if r.document_id})
    for start in range(0, len(ids), 500):
        for doc, at, kind in session.execute(select(EventRow.document_id, EventRow.span_start, EventRow.type)
                                             .where(EventRow.document_id.in_(ids[start:start + 500]))):
            if at is not None and kind:
                events.setdefault(doc, []).append((at, kind))
    facts = []
    for row in rows:
        sentence = (row.data or {}).get("sentence") or {}
        event_type = next((kind for at, kind in events.get(row.document_id, ())
                           if sentence.get("start", -1) <= at < sentence.get("end", -1)), None)
        facts.append({"key": row.key, "question": row.question, "proposition": row.proposition, "holder": row.holder,
                      "subjects": row.subjects or [], "made_on": row.made_on, "due_on": row.due_on,
                      "event_type": event_type})
    return facts


def _vectors(session: Session, rows: list[ForecastRow]) -> tuple[np.ndarray, np.ndarray, int]:
    """Each forecast's question vector (grouping) and sentence vector (linking): kept from the last run,
    encoded only for forecasts new since then."""
    cached = {key: (unpack(q), unpack(t)) for key, q, t in session.execute(
        select(QuestionLinkRow.forecast_key, QuestionLinkRow.vector, QuestionLinkRow.text_vector)
        .where(QuestionLinkRow.kind == "group"))}
    missing = [r for r in rows if r.key not in cached or cached[r.key][0] is None or cached[r.key][1] is None]
    questions = encoder.encode([match.question_text(_plain(r)) for r in missing])
    texts = encoder.encode([match.link_text(_plain(r)) for r in missing])
    cached.update((r.key, (q, t)) for r, q, t in zip(missing, questions, texts))
    if not rows:
        empty = np.zeros((0, encoder.DIMENSIONS), np.float32)
        return empty, empty, 0
    return np.stack([cached[r.key][0] for r in rows]), np.stack([cached[r.key][1] for r in rows]), len(missing)


def link_forecasts(session: Session) -> dict:
    """Group every extracted forecast under a canonical question and link it to the platform question
    it asks; run again after new documents or platform questions (earlier links are replaced)."""
    rows = list(session.scalars(select(ForecastRow).where(ForecastRow.origin == "extracted",
                                                          ForecastRow.retired.is_(False)).order_by(ForecastRow.key)))
    vectors, text_vectors, encoded = _vectors(session, rows)
    facts = _forecast_facts(session, rows)
    session.execute(delete(QuestionLinkRow))
    session.execute(delete(QuestionRow).where(QuestionRow.source == GROUPS))
    canonical = match.group(facts, vectors)
    leaders = sorted(set(canonical))
    session.add_all(_group_question(rows[i], vectors[i]) for i in leaders)
    session.flush()
    stamp = now()
    for i, leader in enumerate(canonical):
        session.add(QuestionLinkRow(forecast_key=rows[i].key, kind="group", question_id=_group_id(rows[leader]),
                                    similarity=float(vectors[leader] @ vectors[i]), vector=pack(vectors[i]),
                                    text_vector=pack(text_vectors[i]), linked_at=stamp))
    platform = list(session.scalars(select(QuestionRow).where(QuestionRow.source != GROUPS).order_by(QuestionRow.id)))
    questions = [{"title": q.title, "opens_on": q.opens_on, "closes_on": q.closes_on} for q in platform]
    question_vectors = np.stack([unpack(q.vector) for q in platform]) if platform else np.zeros((0, encoder.DIMENSIONS))
    links = match.link(facts, text_vectors, questions, question_vectors)
    session.add_all(QuestionLinkRow(forecast_key=row.key, kind="platform", question_id=platform[j].id,
                                    similarity=similarity, linked_at=stamp)
                    for row, (j, similarity) in zip(rows, links) if j is not None)
    session.flush()
    return {"forecasts": len(rows), "questions": len(leaders), "grouped": len(rows) - len(leaders),
            "linked": sum(1 for j, _ in links if j is not None), "encoded": encoded}


def _plain(row: ForecastRow) -> dict:
    return {"question": row.question, "proposition": row.proposition, "text": row.sentence or row.text}


def _group_id(leader: ForecastRow) -> str:
    return "group-" + hashlib.sha1(leader.key.encode("utf-8")).hexdigest()[:16]


def _group_question(leader: ForecastRow, vector: np.ndarray) -> QuestionRow:
    return QuestionRow(id=_group_id(leader), source=GROUPS, title=leader.question or leader.proposition,
                       resolution_criteria=f"Resolves yes if {leader.proposition}"
                                           + (f" by {leader.due_on.isoformat()}." if leader.due_on else "."),
                       url=None, opens_on=leader.made_on, closes_on=leader.due_on, resolved_on=None, outcome=None,
                       vector=pack(vector), data={"first_forecast": leader.key})


def crowd_on(session: Session, question_id: str, when: dt.date | None) -> dict | None:
    """The crowd's latest probability on or before ``when`` ({"on", "probability"}), or None."""
    if when is None:
        return None
    point = session.scalars(select(CrowdPointRow).where(CrowdPointRow.question_id == question_id, CrowdPointRow.on <= when)
                            .order_by(CrowdPointRow.on.desc()).limit(1)).first()
    return {"on": point.on.isoformat(), "probability": point.probability} if point else None


def question_dict(row: QuestionRow) -> dict:
    return {"id": row.id, "source": row.source, "title": row.title, "resolution_criteria": row.resolution_criteria,
            "url": row.url, "opens_on": _iso(row.opens_on), "closes_on": _iso(row.closes_on),
            "resolved_on": _iso(row.resolved_on), "outcome": row.outcome}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def forecast_links(session: Session, key: str) -> dict:
    """For the forecast page: its canonical question, the platform question it asks, the crowd's
    probability on the day it was made, and the platform's resolution as a suggestion."""
    forecast = session.get(ForecastRow, key)
    links = {link.kind: link for link in session.scalars(select(QuestionLinkRow).where(QuestionLinkRow.forecast_key == key))}
    found = {"group_question": None, "platform_question": None, "crowd": None, "suggested_resolution": None}
    if "group" in links:
        found["group_question"] = question_dict(session.get(QuestionRow, links["group"].question_id))
    if "platform" in links and forecast is not None:
        question = session.get(QuestionRow, links["platform"].question_id)
        found["platform_question"] = {**question_dict(question), "similarity": round(links["platform"].similarity, 3)}
        found["crowd"] = crowd_on(session, question.id, forecast.made_on)
        if question.outcome:
            found["suggested_resolution"] = {"outcome": question.outcome, "resolved_on": _iso(question.resolved_on),
                                             "evidence": question.url or question.title,
                                             "by": f"{question.source} (linked question)"}
    return found


def question(session: Session, question_id: str) -> dict | None:
    """A question page: the question, its crowd line, and every forecast on it by holder over time."""
    row = session.get(QuestionRow, question_id)
    if row is None:
        return None
    current = current_resolutions().subquery()
    keys = select(QuestionLinkRow.forecast_key).where(QuestionLinkRow.question_id == question_id)
    found = session.execute(select(ForecastRow, current.c.outcome).outerjoin(current, current.c.forecast_key == ForecastRow.key)
                            .where(ForecastRow.key.in_(keys)).order_by(ForecastRow.made_on, ForecastRow.key)).all()
    forecasts = [{"key": f.key, "holder": f.holder, "made_on": _iso(f.made_on), "due_on": _iso(f.due_on),
                  "probability": f.probability, "proposition": f.proposition, "outcome": outcome,
                  "document_id": f.document_id, "crowd": crowd_on(session, question_id, f.made_on)}
                 for f, outcome in found]
    crowd = [{"on": p.on.isoformat(), "probability": p.probability} for p in session.scalars(
        select(CrowdPointRow).where(CrowdPointRow.question_id == question_id).order_by(CrowdPointRow.on))]
    return {"question": question_dict(row), "crowd": crowd, "forecasts": forecasts,
            "holders": sorted({f["holder"] for f in forecasts})}


def questions(session: Session, *, linked_only: bool = True, limit: int = 200) -> list[dict]:
    """Questions with at least one forecast on them (or all), most forecasts first."""
    from sqlalchemy import func

    counts = {question_id: n for question_id, n in session.execute(
        select(QuestionLinkRow.question_id, func.count()).group_by(QuestionLinkRow.question_id))}
    query = select(QuestionRow).where(QuestionRow.id.in_(list(counts))) if linked_only else select(QuestionRow)
    rows = sorted(session.scalars(query), key=lambda q: (-counts.get(q.id, 0), q.id))[:limit]
    return [{**question_dict(q), "forecasts": counts.get(q.id, 0)} for q in rows]


def accept_linked(session: Session, *, by: str) -> dict:
    """Resolve every unresolved forecast linked to a resolved platform question with that question's
    outcome: the bulk acceptance a person chose (``onrecord resolve --accept-linked``)."""
    resolved = select(current_resolutions().subquery().c.forecast_key)
    pairs = session.execute(select(QuestionLinkRow.forecast_key, QuestionRow)
                            .join(QuestionRow, QuestionRow.id == QuestionLinkRow.question_id)
                            .where(QuestionLinkRow.kind == "platform", QuestionRow.outcome.is_not(None),
                                   QuestionLinkRow.forecast_key.not_in(resolved))).all()
    for key, question in pairs:
        session.add(ResolutionRow(forecast_key=key, outcome=question.outcome, resolved_on=question.resolved_on,
                                  evidence=question.url or question.title, recorded_at=now(), supersedes_id=None,
                                  resolved_by=f"{by} (accepted {question.source} link)"))
    session.flush()
    return {"accepted": len(pairs)}


def skill_against_crowd(session: Session, holder: str) -> dict:
    """A holder's Brier score next to the crowd's on the same linked, resolved questions, the crowd's
    probability taken on the day each forecast was made."""
    pairs = session.execute(select(ForecastRow, QuestionRow).join(QuestionLinkRow, QuestionLinkRow.forecast_key == ForecastRow.key)
                            .join(QuestionRow, QuestionRow.id == QuestionLinkRow.question_id)
                            .where(ForecastRow.holder == holder, QuestionLinkRow.kind == "platform",
                                   QuestionRow.outcome.in_(("yes", "no")))).all()
    holder_errors, crowd_errors, rows = [], [], []
    for forecast, question in pairs:
        crowd = crowd_on(session, question.id, forecast.made_on)
        if crowd is None:
            continue
        truth = 1.0 if question.outcome == "yes" else 0.0
        holder_errors.append((forecast.probability - truth) ** 2)
        crowd_errors.append((crowd["probability"] - truth) ** 2)
        rows.append({"key": forecast.key, "question_id": question.id, "title": question.title,
                     "probability": forecast.probability, "crowd": crowd["probability"], "outcome": question.outcome})
    if not rows:
        return {"questions": 0, "brier": None, "crowd_brier": None, "skill": None, "rows": []}
    brier, crowd_brier = float(np.mean(holder_errors)), float(np.mean(crowd_errors))
    skill = None if crowd_brier == 0 else 1 - brier / crowd_brier
    return {"questions": len(rows), "brier": brier, "crowd_brier": crowd_brier, "skill": skill, "rows": rows}
