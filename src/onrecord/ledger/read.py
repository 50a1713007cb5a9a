"""The ledger's read side, behind ``Ledger``'s read API: paged document (and search) and forecast
lists with counts, one document with its analysis, actors, events, resolutions, score rows, and
whole lists for export.

Plain dicts out, so a CLI listing, a page and its JSON twin are the same value. Everything here only reads.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterator

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, defer

from . import search
from .mapping import forecast_dict
from .resolution import current_resolutions, resolution_dict
from .tables import (ITEM_TABLES, AnalysisRow, ActorRow, ClaimRow, DocumentRow, EventRow, ForecastRow, MentionRow,
                     QuoteRow, ResolutionRow)
from .vocab import STATUSES, status_of


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
    filtered = author or outlet or since or until
    fast = search.ranked_page(session, q, (page - 1) * per_page, per_page) if q and not filtered else None
    total, ids = fast or _document_ids(session, q=q, author=author, outlet=outlet, since=since, until=until,
                                       page=page, per_page=per_page)
    columns = [DocumentRow, _count(ForecastRow, DocumentRow.id).label("forecasts"),
               _count(ClaimRow, DocumentRow.id).label("claims"), _count(EventRow, DocumentRow.id).label("events")]
    rows = {row[0].id: row for row in session.execute(select(*columns).where(DocumentRow.id.in_(ids))
                                                      .options(defer(DocumentRow.text)))}
    ordered = [rows[i] for i in ids if i in rows]
    snippets = search.snippets(session, q, [r[0].id for r in ordered]) if q else {}
    items = [{**document_summary(doc), "forecasts": f, "claims": c, "events": e,
              "snippet": snippets[doc.id][0] if doc.id in snippets else None,
              "snippet_marks": snippets[doc.id][1] if doc.id in snippets else []}
             for doc, f, c, e in ordered]
    return {"documents": items, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-total // per_page)),
            "filters": {"q": q, "author": author, "outlet": outlet, "since": _iso(since), "until": _iso(until)}}


def _document_ids(session: Session, *, q, author, outlet, since, until, page: int, per_page: int) -> tuple[int, list[str]]:
    """How many documents the filters keep, and the ids of one page of them."""
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
    total = session.scalar(query.with_only_columns(func.count()).select_from(DocumentRow).order_by(None))
    order = [ranked.c.rank] if ranked is not None else []
    # newest first, undated last: served by the (published, id) indexes of migration 0003
    order += [DocumentRow.published.desc().nulls_last(), DocumentRow.id.desc()]
    return total, list(session.scalars(query.order_by(*order).offset((page - 1) * per_page).limit(per_page)))


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
    keys = list(session.scalars(select(ForecastRow.key).where(ForecastRow.document_id == document_id,
                                                              ForecastRow.retired.is_(False))))
    status = {f["item_id"]: f for f in _forecast_items(session, keys, dt.date.today())}
    return {"document": {**document_summary(row), "authors": row.authors, "language": row.language,
                         "source": row.source, "text": row.text, "ingested_at": _iso(row.ingested_at)},
            "analysis": data, "ledger": status,
            "pipeline_version": analysis.pipeline_version if analysis else None,
            "analyzed_at": _iso(analysis.analyzed_at) if analysis else None}


def _json_has(column, value: str):
    """A JSON list column holding ``value`` (as text match: portable across SQLite and PostgreSQL;
    ``%``, ``_`` and the escape character in ``value`` match only themselves)."""
    return cast(column, String).contains(f'"{value}"', autoescape=True)


def actor(session: Session, actor_id: str, *, limit: int = 50, about: dict | None = None,
          mentioned: int | None = None) -> dict | None:
    """Who an actor is, where they are mentioned most (ties: by document id), the names used and
    the events in those documents, their quotes and forecasts by or about them. Names and events
    come from the documents listed, so that the page reads ``limit`` documents, not all of them
    (Ukraine's page read 2,500 documents' rows: 4 s on a ledger of 10,000)."""
    row = session.get(ActorRow, actor_id)
    if row is None:
        return None
    count = func.count().label("n")
    top = session.execute(select(MentionRow.document_id, count).where(MentionRow.actor_id == actor_id)
                          .group_by(MentionRow.document_id).order_by(count.desc(), MentionRow.document_id).limit(limit)).all()
    listed = [d for d, _ in top]
    documents = {d.id: d for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(listed))
                                                  .options(defer(DocumentRow.text)))}
    total = session.scalar(select(func.count()).where(MentionRow.actor_id == actor_id)) if mentioned is None else mentioned
    names = session.execute(select(MentionRow.text, func.count()).where(MentionRow.actor_id == actor_id,
                                                                        MentionRow.document_id.in_(listed))
                            .group_by(MentionRow.text).order_by(func.count().desc(), MentionRow.text).limit(12)).all()
    events = session.scalars(select(EventRow).where(EventRow.document_id.in_(listed), _json_has(EventRow.actors, actor_id))
                             .order_by(EventRow.date_start.desc(), EventRow.id).limit(limit)).all()
    quotes = session.scalars(select(QuoteRow).where(QuoteRow.speaker == actor_id).order_by(QuoteRow.id).limit(limit)).all()
    about = about or forecasts(session, about=actor_id, per_page=limit)
    return {"actor": {"id": row.id, "name": row.name, "kind": row.kind, "country": row.country,
                      "sector": row.sector, "aliases": row.aliases},
            "mentions": {"total": total, "names": [{"text": t, "count": n} for t, n in names],
                         "documents": [{**document_summary(documents[d]), "mentions": n} for d, n in top if d in documents]},
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


def mention_counts(session: Session) -> dict[str, tuple[int, int]]:
    """{actor id: (mentions, documents)} over the whole ledger (from the (actor_id, document_id)
    index; ``Ledger`` keeps it until the ledger changes: it reads every mention)."""
    return {actor: (mentions, documents) for actor, mentions, documents in session.execute(
        select(MentionRow.actor_id, func.count(), func.count(func.distinct(MentionRow.document_id)))
        .group_by(MentionRow.actor_id))}


def actors(session: Session, *, q: str | None = None, kind: str | None = None, page: int = 1, per_page: int = 50,
           counts: dict[str, tuple[int, int]] | None = None) -> dict:
    """Actors by how often they are mentioned (``counts``: ``mention_counts``, when the caller keeps it)."""
    counts = mention_counts(session) if counts is None else counts
    query = select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.country, ActorRow.sector)
    if q:
        query = query.where(or_(func.lower(ActorRow.name).contains(q.lower(), autoescape=True),
                                ActorRow.id.contains(q.lower(), autoescape=True)))
    if kind:
        query = query.where(ActorRow.kind == kind)
    found = sorted((row for row in session.execute(query) if row.id in counts),
                   key=lambda row: (-counts[row.id][0], row.id))
    return {"actors": [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                        "mentions": counts[a.id][0], "documents": counts[a.id][1]}
                       for a in found[(page - 1) * per_page:page * per_page]],
            "total": len(found), "page": page, "per_page": per_page, "pages": max(1, -(-len(found) // per_page)),
            "filters": {"q": q, "kind": kind}}


def forecasts(session: Session, *, status: str = "all", page: int = 1, per_page: int | None = 50,
              today: dt.date | None = None, listed: dict | None = None, **filters) -> dict:
    """The forecast ledger, paged: due first (oldest due date first), then open by due date, then
    resolved; with the count of each status under the same filters (those of ``_forecast_filters``:
    ``holder``/``outlet`` match exactly, ``*_contains`` in any case, ``about`` is an actor the
    forecast is held by or about). ``per_page=None`` lists all. ``listed`` is ``listing``'s value
    for these filters when the caller keeps it (``Ledger`` does, until the ledger changes)."""
    today = today or dt.date.today()
    listed = listing(forecast_order(session, today=today, **filters)) if listed is None else listed
    chosen = listed["keys"].get(status, [])
    keys = chosen[(page - 1) * per_page:page * per_page] if per_page else chosen
    total = len(chosen)
    return {"forecasts": _forecast_items(session, keys, today), "counts": dict(listed["counts"]), "total": total,
            "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page)) if per_page else 1,
            "filters": {"status": status, "holder": filters.get("holder"), "outlet": filters.get("outlet"),
                        "q": filters.get("q")}}


def listing(order: list[tuple[str, str]]) -> dict:
    """Counts per status and the keys listed under each status tab, from (key, status) in order."""
    keys = {"all": [key for key, _ in order]}
    for state in ("due", "open", "resolved"):
        keys[state] = [key for key, s in order if s == state]
    keys["open"] = [key for key, s in order if s in ("due", "open")]  # due forecasts are open ones past their date
    return {"counts": {**dict.fromkeys(STATUSES, 0), **{state: len(k) for state, k in keys.items()}}, "keys": keys}


def forecast_order(session: Session, *, today: dt.date, **filters) -> list[tuple[str, str]]:
    """(key, status) of every forecast on the books that the filters keep, in the ledger's order.
    Only keys and dates are read (from the (due_on, key, retired) indexes of migration 0003): the
    rows are long, and sorting 38,000 of them whole took a second."""
    return [row[:2] for row in _ordered(session, today, (), _forecast_filters(**filters))]


def forecast_facts(session: Session, *, today: dt.date) -> list[tuple]:
    """(key, status, holder, outlet, origin, proposition and holder in lower case) of every forecast
    on the books, in the ledger's order: ``Ledger`` keeps it and filters it with ``keep_facts``."""
    columns = (ForecastRow.holder, ForecastRow.outlet, ForecastRow.origin, ForecastRow.proposition)
    return [(key, state, holder, outlet, origin, f"{proposition}\x00{holder}".lower())
            for key, state, holder, outlet, origin, proposition in _ordered(session, today, columns, [])]


FACT_FILTERS = frozenset({"holder", "outlet", "origin", "q", "holder_contains", "outlet_contains"})


def keep_facts(facts: list[tuple], *, holder=None, outlet=None, origin=None, q=None, holder_contains=None,
               outlet_contains=None) -> list[tuple[str, str]]:
    """``forecast_order``'s value for these filters, from ``forecast_facts``' (the same tests as
    ``_forecast_filters``: exact, or contained in any case; ``q`` in the proposition or the holder)."""
    kept = facts
    for at, value in ((2, holder), (3, outlet), (4, origin)):
        if value:
            kept = [f for f in kept if f[at] == value]
    for at, value in ((2, holder_contains), (3, outlet_contains)):
        if value:
            kept = [f for f in kept if value.lower() in (f[at] or "").lower()]
    if q:
        kept = [f for f in kept if q.lower() in f[5]]
    return [f[:2] for f in kept]


def _ordered(session: Session, today: dt.date, columns: tuple, where: list) -> list[tuple]:
    current = current_resolutions().subquery()
    is_resolved = current.c.id.is_not(None)
    is_due = and_(~is_resolved, ForecastRow.due_on.is_not(None), ForecastRow.due_on <= today)
    order = case((is_due, 0), (~is_resolved, 1), else_=2)
    query = (select(ForecastRow.key, is_resolved, is_due, *columns)
             .outerjoin(current, current.c.forecast_key == ForecastRow.key)
             .where(ForecastRow.retired.is_(False), *where)
             .order_by(order, ForecastRow.due_on.is_(None), ForecastRow.due_on, ForecastRow.key))
    return [(key, "resolved" if resolved else ("due" if due else "open"), *rest)
            for key, resolved, due, *rest in session.execute(query)]


def forecasts_about(session: Session) -> dict[str, set[str]]:
    """{actor id: keys of the forecasts it holds or is a subject of}, from every forecast once
    (a subject is found in a JSON list, which no index serves)."""
    out: dict[str, set[str]] = {}
    query = select(ForecastRow.key, ForecastRow.holder_id, cast(ForecastRow.subjects, String))
    for key, holder_id, subjects in session.execute(query.where(ForecastRow.retired.is_(False))):
        for actor_id in {holder_id, *json.loads(subjects or "[]")} - {None}:
            out.setdefault(actor_id, set()).add(key)
    return out


def _forecast_items(session: Session, keys: list[str], today: dt.date) -> list[dict]:
    """The listed values of these forecasts, in this order."""
    items = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        verdicts = {r.forecast_key: r for r in session.scalars(
            current_resolutions().where(ResolutionRow.forecast_key.in_(chunk)).order_by(ResolutionRow.id))}
        rows = session.execute(select(ForecastRow, DocumentRow.title).where(ForecastRow.key.in_(chunk))
                               .outerjoin(DocumentRow, DocumentRow.id == ForecastRow.document_id)
                               .options(defer(ForecastRow.data)))  # the full JSON item is not listed
        for row, title in rows:
            verdict = verdicts.get(row.key)
            outcome = verdict.outcome if verdict else None
            items[row.key] = {**forecast_dict(row), "status": status_of(row.due_on, outcome, today), "outcome": outcome,
                              "resolved_on": _iso(verdict.resolved_on) if verdict else None, "item_id": row.item_id,
                              "document_title": title, "evidence": verdict.evidence if verdict else None}
    return [items[key] for key in keys if key in items]


def _forecast_filters(*, holder=None, holder_contains=None, outlet=None, outlet_contains=None, origin=None, q=None,
                      about=None, document_id=None) -> list:
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
