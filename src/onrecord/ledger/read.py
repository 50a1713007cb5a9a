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

from ..model import name_key
from . import listing, ranking, scoring, search
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
    held = forecasts(session, held_by=actor_id, per_page=limit)
    written = session.scalars(select(DocumentRow).where(DocumentRow.author.in_(_bylines(session, row) or [""]))
                              .order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit)).all()
    return {"actor": {"id": row.id, "name": row.name, "kind": row.kind, "country": row.country,
                      "sector": row.sector, "aliases": row.aliases},
            "held": held["forecasts"], "held_total": held["total"], "held_counts": held["counts"],
            "written": [document_summary(d) for d in written],
            "mentions": {"total": total, "names": [{"text": t, "count": n} for t, n in names],
                         "documents": [{**document_summary(documents[d]), "mentions": n} for d, n in top if d in documents]},
            "events": [{**item_dict(e), "role": _role(e, actor_id)} for e in events],
            "quotes": [item_dict(q) for q in quotes],
            "forecasts": about["forecasts"], "forecasts_total": about["total"]}


def _bylines(session: Session, actor: ActorRow) -> list[str]:
    """The byline names in the ledger that are this actor's name or alias in another romanization."""
    keys = {name_key(n) for n in (actor.name, *(actor.aliases or ())) if n}
    surnames = {n.split()[-1][:4].lower() for n in (actor.name, *(actor.aliases or ())) if n and n.split()}
    found = session.scalars(select(DocumentRow.author).distinct().where(
        or_(*(func.lower(DocumentRow.author).contains(s, autoescape=True) for s in surnames))).limit(500))
    return [a for a in found if a and name_key(a) in keys]


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


def forecasts(session: Session, *, status: str = "all", holder: str | None = None, holder_contains: str | None = None,
              outlet: str | None = None, outlet_contains: str | None = None, origin: str | None = None,
              basis: str | None = None, q: str | None = None, about: str | None = None, held_by: str | None = None,
              document_id: str | None = None,
              made_since: dt.date | None = None, made_until: dt.date | None = None,
              due_since: dt.date | None = None, due_until: dt.date | None = None,
              sort: str = "status", descending: bool = False, group: str = "none",
              page: int = 1, per_page: int | None = 50, today: dt.date | None = None) -> dict:
    """The forecast ledger, paged: due first (oldest due date first), then open by due date, then
    resolved; with the count of each status under the same filters. ``holder``/``outlet`` match
    exactly, ``*_contains`` in any case; ``about`` is an actor the forecast is held by or about,
    ``held_by`` one who holds it (a document's author included); ``basis`` the probability basis;
    ``sort`` is one of ``listing.SORTS``; ``group="question"`` pages over questions (an imported
    question once, with all its predictors' forecasts); ``per_page=None`` lists all."""
    today = today or dt.date.today()
    current = current_resolutions().subquery()
    is_resolved = current.c.id.is_not(None)
    is_due = and_(~is_resolved, ForecastRow.due_on.is_not(None), ForecastRow.due_on <= today)
    where = [ForecastRow.retired.is_(False), *_forecast_filters(
        holder=holder, holder_contains=holder_contains, outlet=outlet, outlet_contains=outlet_contains,
        origin=origin, basis=basis, q=q, about=about, document_id=document_id),
             *listing.date_filters(made_since=made_since, made_until=made_until, due_since=due_since, due_until=due_until)]
    if held_by:  # the actor's id; in a ledger stored before authors were actors, "author" and the name
        row = session.get(ActorRow, held_by)
        names = [row.name, *_bylines(session, row)] if row else []
        where.append(or_(ForecastRow.holder_id == held_by, and_(ForecastRow.holder_id == "author",
                                                                 ForecastRow.holder.in_(names))))
    joined = lambda query: query.outerjoin(current, current.c.forecast_key == ForecastRow.key).where(*where)  # noqa: E731
    counts = dict.fromkeys(STATUSES, 0)
    for resolved, due, n in session.execute(joined(select(is_resolved, is_due, func.count()).select_from(ForecastRow))
                                            .group_by(is_resolved, is_due)):
        counts["resolved" if resolved else ("due" if due else "open")] += n
        counts["all"] += n
    counts["open"] += counts["due"]  # due forecasts are open ones past their date
    chosen = {Status.due: [is_due], Status.open: [~is_resolved], Status.resolved: [is_resolved]}.get(Status(status), [])
    order = case((is_due, 0), (~is_resolved, 1), else_=2)
    question = listing.question_key()
    query = (joined(select(ForecastRow, current.c.outcome, current.c.resolved_on, current.c.evidence, DocumentRow.title,
                           question).select_from(ForecastRow))
             .outerjoin(DocumentRow, DocumentRow.id == ForecastRow.document_id).where(*chosen)
             .options(defer(ForecastRow.data)))  # the full JSON item is not listed
    query = query.order_by(*listing.sort_columns(sort, descending, order))
    total = counts["all"] if status == "all" else counts.get(status, 0)
    listed, questions = total, None
    if group == "question" and per_page:  # a page of questions, then all their forecasts
        keys = joined(select(question, func.count().over()).select_from(ForecastRow)).where(*chosen).group_by(question)
        rows = session.execute(keys.order_by(*listing.question_sort_columns(sort, descending, order, question))
                               .offset((page - 1) * per_page).limit(per_page)).all()  # the count of all questions rides along
        page_keys = [key for key, _ in rows]
        listed = rows[0][1] if rows else session.scalar(select(func.count()).select_from(keys.subquery()))
        query = query.where(question.in_(page_keys))
    elif per_page:
        query = query.offset((page - 1) * per_page).limit(per_page)
    items = []
    for row, outcome, resolved_on, evidence, title, asks in session.execute(query):
        items.append({**forecast_dict(row), "status": status_of(row.due_on, outcome, today), "outcome": outcome,
                      "resolved_on": _iso(resolved_on), "item_id": row.item_id, "document_title": title,
                      "evidence": evidence, "question_key": asks, "right": scoring.was_right(row.probability, outcome)})
    if group == "question" and per_page:
        position = {key: n for n, key in enumerate(page_keys)}
        items.sort(key=lambda item: position[item["question_key"]])  # the page's questions in their SQL order
    if group == "question":
        questions = listing.grouped(items)
    return {"forecasts": items, "counts": counts, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-listed // per_page)) if per_page else 1, "questions": questions,
            "questions_total": listed if group == "question" else None,
            "filters": {"status": status, "holder": holder, "outlet": outlet, "q": q, "holder_contains": holder_contains,
                        "origin": origin, "basis": basis, "made_since": _iso(made_since), "made_until": _iso(made_until),
                        "due_since": _iso(due_since), "due_until": _iso(due_until), "sort": sort,
                        "descending": descending, "group": group}}


def _forecast_filters(*, holder, holder_contains, outlet, outlet_contains, origin, basis, q, about,
                      document_id) -> list:
    where = ranking.selection(origin=origin, basis=basis)[1:]  # origin kind or set name, probability basis
    if holder:
        where.append(ForecastRow.holder == holder)
    if holder_contains:
        where.append(func.lower(ForecastRow.holder).contains(holder_contains.lower(), autoescape=True))
    if outlet:
        where.append(ForecastRow.outlet == outlet)
    if outlet_contains:
        where.append(func.lower(ForecastRow.outlet).contains(outlet_contains.lower(), autoescape=True))
    if q:
        where.append(or_(func.lower(ForecastRow.proposition).contains(q.lower(), autoescape=True),
                         func.lower(ForecastRow.holder).contains(q.lower(), autoescape=True)))
    if about:
        where.append(or_(_json_has(ForecastRow.subjects, about), ForecastRow.holder_id == about))
    if document_id:
        where.append(ForecastRow.document_id == document_id)
    return where


def forecast_choices(session: Session, *, limit: int = 200) -> dict:
    """Outlets and origins on the books (each an indexed column), commonest first."""
    def top(column):
        rows = session.execute(select(column, func.count()).where(column.is_not(None), ForecastRow.retired.is_(False))
                               .group_by(column).order_by(func.count().desc(), column).limit(limit))
        return [{"name": name, "forecasts": n} for name, n in rows]
    return {"outlets": top(ForecastRow.outlet), "origins": top(ForecastRow.origin)}


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
    outcome = current["outcome"] if current else None
    actor = session.scalar(select(ActorRow.id).where(ActorRow.id == row.holder_id)) if row.holder_id else None
    return {"forecast": {**forecast_dict(row), "item_id": row.item_id, "document_title": title, "status": status,
                         "retired": row.retired, "data": row.data, "holder_actor": actor,
                         "brier": scoring.forecast_brier(row.probability, outcome),
                         "right": scoring.was_right(row.probability, outcome)},
            "resolution": current, "history": history}


def holder_actor(session: Session, holder: str) -> dict | None:
    """The actor a holder's name stands for (the actor its forecasts are held by), if any."""
    row = session.execute(select(ActorRow.id, ActorRow.name, ActorRow.kind)
                          .join(ForecastRow, ForecastRow.holder_id == ActorRow.id)
                          .where(ForecastRow.holder == holder).limit(1)).first()
    return {"id": row[0], "name": row[1], "kind": row[2]} if row else None


def resolutions(session: Session, *, page: int = 1, per_page: int = 100) -> dict:
    rows = session.scalars(select(ResolutionRow).order_by(ResolutionRow.id.desc())
                           .offset((page - 1) * per_page).limit(per_page))
    total = session.scalar(select(func.count()).select_from(ResolutionRow))
    return {"resolutions": [resolution_dict(r) for r in rows], "total": total, "page": page, "per_page": per_page}




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
