"""Events by type, actor or document, behind ``Ledger.events``: the JSON API's event list.

An event's actors are a JSON list, which no index serves: ``events_by_actor`` reads every list
once, and ``Ledger`` keeps the result until the ledger changes.
"""
from __future__ import annotations

import json

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from .read import item_dict
from .tables import EventRow


def events(session: Session, *, type: str | None = None, actor_id: str | None = None, document_id: str | None = None,
           page: int = 1, per_page: int = 100, involving: dict[str, list[int]] | None = None) -> dict:
    """Events by type, actor or document, in document order. ``involving`` is ``events_by_actor``'s
    value when the caller keeps it: an actor is found in a JSON list, which no index serves."""
    query = select(EventRow.id)
    if type:
        query = query.where(EventRow.type == type.upper())
    if document_id:
        query = query.where(EventRow.document_id == document_id)
    offset = (page - 1) * per_page
    if actor_id:
        involving = events_by_actor(session) if involving is None else involving
        listed = involving.get(actor_id, [])
        if type or document_id:
            listed = [i for start in range(0, len(listed), 500) for i in session.scalars(
                query.where(EventRow.id.in_(listed[start:start + 500])).order_by(EventRow.document_id, EventRow.id))]
        total, ids = len(listed), listed[offset:offset + per_page]
    else:
        total = session.scalar(query.with_only_columns(func.count()).select_from(EventRow))
        ids = list(session.scalars(query.order_by(EventRow.document_id, EventRow.id).offset(offset).limit(per_page)))
    rows = {r.id: r for r in session.scalars(select(EventRow).where(EventRow.id.in_(ids)))} if ids else {}
    return {"events": [item_dict(rows[i]) for i in ids if i in rows], "total": total, "page": page,
            "per_page": per_page, "filters": {"type": type, "actor": actor_id, "document": document_id}}


def events_by_actor(session: Session) -> dict[str, list[int]]:
    """{actor id: ids of the events involving it, in document order}, from every event's actor list."""
    out: dict[str, list[int]] = {}
    query = select(EventRow.id, cast(EventRow.actors, String)).order_by(EventRow.document_id, EventRow.id)
    for event_id, actors in session.execute(query):
        for actor_id in json.loads(actors or "[]"):
            out.setdefault(actor_id, []).append(event_id)
    return out
