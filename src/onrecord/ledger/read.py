"""The ledger's read side, behind ``Ledger``'s read API: paged document (and search) and forecast
lists with counts, one document with its analysis, actors, events, resolutions, score rows, and
whole lists for export.

Plain dicts out, so a CLI listing, a page and its JSON twin are the same value. Everything here only reads.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, defer

from . import search
from .mapping import forecast_dict
from .resolution import current_resolutions, resolution_dict
from .tables import (ITEM_TABLES, AnalysisRow, ActorRow, ClaimRow, DocumentRow, EventRow, ForecastRow, MentionRow,
                     QuoteRow, ResolutionRow)
from .vocab import STATUSES, Status, status_of


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def document_summary(row: DocumentRow) -> dict:
    return {"id": row.id, "title": row.title, "author": row.author, "outlet": row.outlet,
            "published": _iso(row.published), "url": row.url}


def _count(table, document_id) -> Any:
    return select(func.count()).where(table.document_id == document_id).correlate(DocumentRow).scalar_subquery()


def documents(session: Session, *, q: str | None = None, author: str | None = None, outlet: str | None = None,
              since: dt.date | None = None, until: dt.date | None = None, page: int = 1, per_page: int = 20) -> dict:
    """A page of documents (newest first, or best match first when searching) with item counts."""
    query = select(DocumentRow.id)
    ranked = None
    if q:
        ranked = search.matching(session, q)
        query = query.join(ranked, ranked.c.id == DocumentRow.id)
    if author:
        query = query.where(DocumentRow.author == author)
    if outlet:
        query = query.where(DocumentRow.outlet == outlet)
    if since:
        query = query.where(DocumentRow.published >= since)
    if until:
        query = query.where(DocumentRow.published <= until)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    order = [ranked.c.rank] if ranked is not None else []
    order += [DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.title, DocumentRow.id]
    ids = query.order_by(*order).offset((page - 1) * per_page).limit(per_page)
    columns = [DocumentRow, _count(ForecastRow, DocumentRow.id).label("forecasts"),
               _count(ClaimRow, DocumentRow.id).label("claims"), _count(EventRow, DocumentRow.id).label("events")]
    rows = {row[0].id: row for row in session.execute(select(*columns).where(DocumentRow.id.in_(ids)))}
    ordered = [rows[i] for i in session.scalars(ids) if i in rows]
    snippets = search.snippets(session, q, [r[0].id for r in ordered]) if q else {}
    items = [{**document_summary(doc), "forecasts": f, "claims": c, "events": e,
              "snippet": snippets[doc.id][0] if doc.id in snippets else None,
              "snippet_marks": snippets[doc.id][1] if doc.id in snippets else []}
             for doc, f, c, e in ordered]
    return {"documents": items, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-total // per_page)),
            "filters": {"q": q, "author": author, "outlet": outlet, "since": _iso(since), "until": _iso(until)}}


def facets(session: Session, limit: int = 200) -> dict:
    """Authors and outlets to filter by, commonest first."""
    def top(column):
        rows = session.execute(select(column, func.count()).where(column.is_not(None)).group_by(column)
                               .order_by(func.count().desc(), column).limit(limit))
        return [{"name": name, "documents": n} for name, n in rows]
    return {"authors": top(DocumentRow.author), "outlets": top(DocumentRow.outlet)}


def document(session: Session, document_id: str) -> dict | None:
    """A document with its stored analysis (the JSON contract) and its forecasts' ledger status."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        return None
    analysis = session.get(AnalysisRow, document_id)
    data = dict(analysis.data) if analysis else {}
    status = {f["item_id"]: f for f in forecasts(session, document_id=document_id, per_page=1000)["forecasts"]}
    return {"document": {**document_summary(row), "authors": row.authors, "language": row.language,
                         "source": row.source, "text": row.text, "ingested_at": _iso(row.ingested_at)},
            "analysis": data, "ledger": status,
            "pipeline_version": analysis.pipeline_version if analysis else None,
            "analyzed_at": _iso(analysis.analyzed_at) if analysis else None}


def _json_has(column, value: str):
    """A JSON list column holding ``value`` (as text match: portable across SQLite and PostgreSQL;
    ``%``, ``_`` and the escape character in ``value`` match only themselves)."""
    return cast(column, String).contains(f'"{value}"', autoescape=True)


def actor(session: Session, actor_id: str, *, limit: int = 50) -> dict | None:
    """Who an actor is, where they are mentioned, their events, quotes and forecasts about them."""
    row = session.get(ActorRow, actor_id)
    if row is None:
        return None
    mentions = session.execute(
        select(DocumentRow, func.count(MentionRow.id)).join(MentionRow, MentionRow.document_id == DocumentRow.id)
        .where(MentionRow.actor_id == actor_id).group_by(DocumentRow.id)
        .order_by(func.count(MentionRow.id).desc(), DocumentRow.published.desc()).limit(limit)).all()
    total = session.scalar(select(func.count()).where(MentionRow.actor_id == actor_id))
    names = session.execute(select(MentionRow.text, func.count()).where(MentionRow.actor_id == actor_id)
                            .group_by(MentionRow.text).order_by(func.count().desc()).limit(12)).all()
    events = session.scalars(select(EventRow).where(_json_has(EventRow.actors, actor_id))
                             .order_by(EventRow.date_start.desc(), EventRow.id).limit(limit)).all()
    quotes = session.scalars(select(QuoteRow).where(QuoteRow.speaker == actor_id).order_by(QuoteRow.id).limit(limit)).all()
    about = forecasts(session, about=actor_id, per_page=limit)
    return {"actor": {"id": row.id, "name": row.name, "kind": row.kind, "country": row.country,
                      "sector": row.sector, "aliases": row.aliases},
            "mentions": {"total": total, "names": [{"text": t, "count": n} for t, n in names],
                         "documents": [{**document_summary(d), "mentions": n} for d, n in mentions]},
            "events": [{**item_dict(e), "role": _role(e, actor_id)} for e in events],
            "quotes": [item_dict(q) for q in quotes],
            "forecasts": about["forecasts"], "forecasts_total": about["total"]}


def _role(event: EventRow, actor_id: str) -> str:
    data = event.data or {}
    if actor_id in (data.get("source") or ()):
        return "source"
    return "target" if actor_id in (data.get("target") or ()) else "involved"


def item_dict(row) -> dict:
    """An event, quote, claim or causal link row: its JSON item plus where it is."""
    return {**(row.data or {}), "document_id": row.document_id, "text": row.text, "sentence_text": row.sentence}


def actors(session: Session, *, q: str | None = None, kind: str | None = None, page: int = 1, per_page: int = 50) -> dict:
    """Actors by how often they are mentioned."""
    counts = (select(MentionRow.actor_id, func.count().label("mentions"),
                     func.count(func.distinct(MentionRow.document_id)).label("documents"))
              .group_by(MentionRow.actor_id).subquery())
    query = select(ActorRow, counts.c.mentions, counts.c.documents).join(counts, counts.c.actor_id == ActorRow.id)
    if q:
        query = query.where(or_(func.lower(ActorRow.name).contains(q.lower(), autoescape=True),
                                ActorRow.id.contains(q.lower(), autoescape=True)))
    if kind:
        query = query.where(ActorRow.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(counts.c.mentions.desc(), ActorRow.id)
                           .offset((page - 1) * per_page).limit(per_page))
    return {"actors": [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                        "mentions": m, "documents": d} for a, m, d in rows],
            "total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page)),
            "filters": {"q": q, "kind": kind}}


def forecasts(session: Session, *, status: str = "all", holder: str | None = None, holder_contains: str | None = None,
              outlet: str | None = None, outlet_contains: str | None = None, origin: str | None = None,
              q: str | None = None, about: str | None = None, document_id: str | None = None,
              page: int = 1, per_page: int | None = 50, today: dt.date | None = None) -> dict:
    """The forecast ledger, paged: due first (oldest due date first), then open by due date, then
    resolved; with the count of each status under the same filters. ``holder``/``outlet`` match
    exactly, ``*_contains`` in any case; ``about`` is an actor the forecast is held by or about;
    ``per_page=None`` lists all."""
    today = today or dt.date.today()
    current = current_resolutions().subquery()
    is_resolved = current.c.id.is_not(None)
    is_due = and_(~is_resolved, ForecastRow.due_on.is_not(None), ForecastRow.due_on <= today)
    where = [ForecastRow.retired.is_(False), *_forecast_filters(
        holder=holder, holder_contains=holder_contains, outlet=outlet, outlet_contains=outlet_contains,
        origin=origin, q=q, about=about, document_id=document_id)]
    joined = lambda query: query.outerjoin(current, current.c.forecast_key == ForecastRow.key).where(*where)  # noqa: E731
    counts = dict.fromkeys(STATUSES, 0)
    for resolved, due, n in session.execute(joined(select(is_resolved, is_due, func.count()).select_from(ForecastRow))
                                            .group_by(is_resolved, is_due)):
        counts["resolved" if resolved else ("due" if due else "open")] += n
        counts["all"] += n
    counts["open"] += counts["due"]  # due forecasts are open ones past their date
    chosen = {Status.due: [is_due], Status.open: [~is_resolved], Status.resolved: [is_resolved]}.get(Status(status), [])
    order = case((is_due, 0), (~is_resolved, 1), else_=2)
    query = (joined(select(ForecastRow, current.c.outcome, current.c.resolved_on, current.c.evidence, DocumentRow.title)
                    .select_from(ForecastRow))
             .outerjoin(DocumentRow, DocumentRow.id == ForecastRow.document_id).where(*chosen)
             .options(defer(ForecastRow.data)))  # the full JSON item is not listed
    query = query.order_by(order, ForecastRow.due_on.is_(None), ForecastRow.due_on, ForecastRow.key)
    if per_page:
        query = query.offset((page - 1) * per_page).limit(per_page)
    items = []
    for row, outcome, resolved_on, evidence, title in session.execute(query):
        items.append({**forecast_dict(row), "status": status_of(row.due_on, outcome, today), "outcome": outcome,
                      "resolved_on": _iso(resolved_on), "item_id": row.item_id, "document_title": title,
                      "evidence": evidence})
    total = counts["all"] if status == "all" else counts.get(status, 0)
    return {"forecasts": items, "counts": counts, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-total // per_page)) if per_page else 1,
            "filters": {"status": status, "holder": holder, "outlet": outlet, "q": q}}


def _forecast_filters(*, holder, holder_contains, outlet, outlet_contains, origin, q, about, document_id) -> list:
    where = []
    if holder:
        where.append(ForecastRow.holder == holder)
    if holder_contains:
        where.append(func.lower(ForecastRow.holder).contains(holder_contains.lower(), autoescape=True))
    if outlet:
        where.append(ForecastRow.outlet == outlet)
    if outlet_contains:
        where.append(func.lower(ForecastRow.outlet).contains(outlet_contains.lower(), autoescape=True))
    if origin:
        where.append(ForecastRow.origin == origin)
    if q:
        where.append(or_(func.lower(ForecastRow.proposition).contains(q.lower(), autoescape=True),
                         func.lower(ForecastRow.holder).contains(q.lower(), autoescape=True)))
    if about:
        where.append(or_(_json_has(ForecastRow.subjects, about), ForecastRow.holder_id == about))
    if document_id:
        where.append(ForecastRow.document_id == document_id)
    return where


def forecast(session: Session, key: str) -> dict | None:
    row = session.get(ForecastRow, key)
    if row is None:
        return None
    history = [resolution_dict(r) for r in session.scalars(
        select(ResolutionRow).where(ResolutionRow.forecast_key == key).order_by(ResolutionRow.id))]
    superseded = {r["supersedes"] for r in history}
    current = next((r for r in reversed(history) if r["id"] not in superseded), None)
    title = session.scalar(select(DocumentRow.title).where(DocumentRow.id == row.document_id)) if row.document_id else None
    status = status_of(row.due_on, current["outcome"] if current else None, dt.date.today())
    return {"forecast": {**forecast_dict(row), "item_id": row.item_id, "document_title": title, "status": status,
                         "retired": row.retired, "data": row.data},
            "resolution": current, "history": history}


def resolutions(session: Session, *, page: int = 1, per_page: int = 100) -> dict:
    rows = session.scalars(select(ResolutionRow).order_by(ResolutionRow.id.desc())
                           .offset((page - 1) * per_page).limit(per_page))
    total = session.scalar(select(func.count()).select_from(ResolutionRow))
    return {"resolutions": [resolution_dict(r) for r in rows], "total": total, "page": page, "per_page": per_page}


def events(session: Session, *, type: str | None = None, actor_id: str | None = None, document_id: str | None = None,
           page: int = 1, per_page: int = 100) -> dict:
    query = select(EventRow)
    if type:
        query = query.where(EventRow.type == type.upper())
    if actor_id:
        query = query.where(_json_has(EventRow.actors, actor_id))
    if document_id:
        query = query.where(EventRow.document_id == document_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(EventRow.document_id, EventRow.id).offset((page - 1) * per_page).limit(per_page))
    return {"events": [item_dict(r) for r in rows], "total": total, "page": page, "per_page": per_page,
            "filters": {"type": type, "actor": actor_id, "document": document_id}}


def score_rows(session: Session, *, by: str = "holder", holder: str | None = None,
               origin: str | None = None) -> list[tuple]:
    """(holder or outlet, probability, current outcome or None) of every forecast on the books."""
    current = current_resolutions().subquery()
    group = {"holder": ForecastRow.holder, "outlet": ForecastRow.outlet}[by]
    query = (select(group, ForecastRow.probability, current.c.outcome)
             .outerjoin(current, current.c.forecast_key == ForecastRow.key)
             .where(ForecastRow.retired.is_(False)))
    if holder:
        query = query.where(ForecastRow.holder == holder)
    if origin:
        query = query.where(ForecastRow.origin == origin)
    return [tuple(row) for row in session.execute(query)]


EXPORTS = ("documents", "actors", "events", "quotes", "claims", "causal", "forecasts", "resolutions")


def export_rows(session: Session, name: str) -> Iterator[dict]:
    """A whole list, row by row (for JSON Lines)."""
    if name == "documents":
        return ({**document_summary(r), "authors": r.authors, "text": r.text}
                for r in session.scalars(select(DocumentRow).order_by(DocumentRow.id).execution_options(yield_per=200)))
    if name == "actors":
        return ({"id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "sector": r.sector,
                 "aliases": r.aliases} for r in session.scalars(select(ActorRow).order_by(ActorRow.id)))
    if name == "forecasts":
        return (forecast_dict(r) for r in session.scalars(select(ForecastRow).order_by(ForecastRow.key)
                                                          .execution_options(yield_per=500)))
    if name == "resolutions":
        return (resolution_dict(r) for r in session.scalars(select(ResolutionRow).order_by(ResolutionRow.id)))
    table = ITEM_TABLES[name]
    return (item_dict(r) for r in session.scalars(select(table).order_by(table.document_id, table.id)
                                                  .execution_options(yield_per=500)))
