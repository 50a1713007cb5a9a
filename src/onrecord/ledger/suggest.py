"""Suggested resolutions: evidence for a forecast from documents published after it was made.

Candidates are the events, claims and quotes of later documents, and the sentences of later
documents that mention the forecast's actors. The later documents read are the few that mention
most of the forecast's actors and the few the full-text index ranks best for the proposition's
words (reading every later document took 40 s on a ledger of 10,000). Each is ranked by how many of the forecast's actors
it involves (subjects, and actors mentioned in the forecast's own words) and how many of the
proposition's content words it shares. The user reads the spans and confirms with
``onrecord resolve``; nothing is resolved automatically.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import search
from .resolution import find_forecast
from .tables import ITEM_TABLES, DocumentRow, ForecastRow, MentionRow

ACTOR_WEIGHT = 2.0
DOCUMENTS = 6  # later documents read per way of finding them (shared actors, shared words)
RARE = 4  # actors and words those documents are found by
WORD = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n{2,}")
# Function words that say nothing about what a forecast is about (our own short list).
STOP = frozenset("""a about after again against all also am an and any are as at be been before being but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i if
in into is it its itself just may me might more most must my no nor not now of off on once only or other our out over
own same shall she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your year years next last
get got make made take took say said one two new like even still many much well
week weeks month months day days soon likely unlikely probably certainly""".split())


def keywords(text: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "") if len(w) > 2 and w.lower() not in STOP}


def forecast_actors(session: Session, row: ForecastRow) -> set[str]:
    actors = {s for s in row.subjects or () if s and s != "author"}
    if row.holder_id and row.holder_id != "author" and (row.data or {}).get("holder") != "author":
        actors.add(row.holder_id)  # the byline's actor is who predicts, not what the evidence is about
    sentence = (row.data or {}).get("sentence") or {}
    start, end = sentence.get("start", row.span_start), sentence.get("end", row.span_end)
    if row.document_id and start is not None and end is not None:
        actors.update(session.scalars(select(MentionRow.actor_id).where(
            MentionRow.document_id == row.document_id, MentionRow.start >= start, MentionRow.end <= end)))
    return actors


def suggest(session: Session, key: str, *, limit: int = 10, documents: dict[str, tuple[int, int]] | None = None) -> list[dict]:
    """Ranked candidate evidence for one forecast, best first."""
    row = find_forecast(session, key)
    actors, words = forecast_actors(session, row), keywords(row.proposition)
    later = later_documents(session, row, actors, words, documents or {})
    candidates = [*_items(session, later), *_sentences(session, later, actors)]
    ranked = []
    seen: set[tuple] = set()
    for candidate in candidates:
        shared_actors = sorted(actors & set(candidate.pop("actor_ids")))
        shared_words = sorted(words.intersection(WORD.findall((candidate["sentence"] or candidate["span"]["text"] or "").lower())))
        where = (candidate["document_id"], candidate["span"]["start"], candidate["span"]["end"])
        if where in seen or (not shared_actors and len(shared_words) < 2):
            continue
        seen.add(where)
        score = ACTOR_WEIGHT * len(shared_actors) + len(shared_words)
        document = later[candidate["document_id"]]
        ranked.append({"score": score, **candidate, "title": document.title,
                       "published": document.published.isoformat() if document.published else None,
                       "actors": shared_actors, "keywords": shared_words})
    ranked.sort(key=lambda c: (-c["score"], c["published"] or "", c["document_id"], c["span"]["start"]))
    return ranked[:limit]


def later_documents(session: Session, row: ForecastRow, actors: set[str], words: set[str],
                    documents: dict[str, tuple[int, int]]) -> dict:
    """{id: (id, title, published)} of the later documents sharing most of the forecast's rarest
    actors (``documents``: each actor's (mentions, documents), as ``read.mention_counts`` gives
    them; Russia is named in thousands), and of those best matching its longest words (the rarer)."""
    actors = set(sorted(actors, key=lambda a: (documents.get(a, (0, 0))[1], a))[:RARE])
    words = set(sorted(words, key=lambda w: (-len(w), w))[:RARE])
    query = select(DocumentRow.id, DocumentRow.title, DocumentRow.published).where(DocumentRow.id != row.document_id)
    if row.made_on:
        query = query.where(DocumentRow.published > row.made_on)
    later = {}
    if actors:  # from the mentions index: the documents naming most of the actors, then the later ones of them
        n = func.count(func.distinct(MentionRow.actor_id))
        shared = dict(session.execute(select(MentionRow.document_id, n).where(MentionRow.actor_id.in_(sorted(actors)))
                                      .group_by(MentionRow.document_id).order_by(n.desc(), MentionRow.document_id)
                                      .limit(DOCUMENTS * 20)).all())
        found = session.execute(query.where(DocumentRow.id.in_(list(shared)))).all()
        found.sort(key=lambda d: (-shared[d.id], d.published or dt.date.max, d.id))
        later.update((d.id, d) for d in found[:DOCUMENTS])
    if not words:
        return later
    best = search.best_matches(session, " ".join(sorted(words)), DOCUMENTS * 4, any_word=True)
    if best is not None:  # SQLite: the index's best, then those that are later
        found = {d.id: d for d in session.execute(query.where(DocumentRow.id.in_(best)))}
        later.update((i, found[i]) for i in [i for i in best if i in found][:DOCUMENTS])
        return later
    ranked = search.matching(session, " ".join(sorted(words)), any_word=True)
    later.update((d.id, d) for d in session.execute(
        query.join(ranked, ranked.c.id == DocumentRow.id)
        .order_by(ranked.c.rank, DocumentRow.published, DocumentRow.id).limit(DOCUMENTS)))
    return later


def _items(session: Session, later: dict) -> list[dict]:
    out = []
    for kind in ("events", "claims", "quotes"):
        table = ITEM_TABLES[kind]
        ids = list(later)
        for start in range(0, len(ids), 500):
            columns = (table.document_id, table.actors, table.span_start, table.span_end, table.text, table.sentence)
            for item in session.execute(select(*columns).where(table.document_id.in_(ids[start:start + 500]))):
                out.append({"kind": kind[:-1], "document_id": item.document_id, "actor_ids": item.actors or [],
                            "span": {"start": item.span_start, "end": item.span_end, "text": item.text},
                            "sentence": item.sentence})
    return out


def _sentences(session: Session, later: dict, actors: set[str]) -> list[dict]:
    """Sentences of later documents that mention one of the actors (found by the mentions table)."""
    if not actors or not later:
        return []
    hits: dict[tuple[str, int, int], set[str]] = {}
    ids = list(later)
    texts: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        mentions = session.execute(select(MentionRow.document_id, MentionRow.start, MentionRow.actor_id).where(
            MentionRow.document_id.in_(chunk), MentionRow.actor_id.in_(list(actors)))).all()
        wanted = {m.document_id for m in mentions} - set(texts)
        if wanted:
            texts.update(session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(wanted))).all())
        breaks = {d: [(m.start(), m.end()) for m in SENTENCE_END.finditer(texts[d])] for d in wanted}
        for document_id, offset, actor in mentions:
            begin, end = sentence_around(texts[document_id], offset, breaks.get(document_id))
            hits.setdefault((document_id, begin, end), set()).add(actor)
    return [{"kind": "sentence", "document_id": d, "actor_ids": sorted(found),
             "span": {"start": b, "end": e, "text": texts[d][b:e]}, "sentence": texts[d][b:e]}
            for (d, b, e), found in hits.items()]


def sentence_around(text: str, offset: int, breaks: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The sentence holding ``offset``, by punctuation (no parser: the ledger never runs spaCy);
    ``breaks``: the (start, end) of every sentence break in ``text``, found once per document."""
    breaks = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)] if breaks is None else breaks
    at = bisect.bisect_left(breaks, (offset, offset))  # breaks[:at] start before offset
    begin = min(breaks[at - 1][1], offset) if at else 0
    end = breaks[at][0] if at < len(breaks) else len(text)
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end
