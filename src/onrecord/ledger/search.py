"""Full-text search over documents: SQLite FTS5, PostgreSQL full-text, or LIKE as a last resort.

The index is made by the ledger's migrations (revision 0002): on SQLite an external-content FTS5
table ``documents_fts`` over ``documents`` (title, author, outlet, text), kept in step by
triggers; on PostgreSQL a GIN index on ``DOCUMENT_VECTOR``, which the query below repeats word
for word so that the planner uses it. A SQLite build without FTS5 (no table) falls back to LIKE.
Snippets come back as plain text and the (start, end) offsets of the matched words in it, so
that a page escapes the text and marks it up, and an API client gets clean text. Nothing here writes.
"""
from __future__ import annotations

import re

from sqlalchemy import column, func, literal, literal_column, select, table, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from .tables import DocumentRow

# The indexed expression of migration 0002, as literal SQL (bound parameters would hide it from the planner).
DOCUMENT_VECTOR = "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text)"
WORD = re.compile(r"\w+", re.UNICODE)
OPEN, CLOSE = "\x02", "\x03"
FTS = table("documents_fts", column("rowid"), column("rank"))


def fts_query(q: str) -> str:
    """User words as an FTS5 query: each word quoted (no operator injection), all required,
    the last one as a prefix so that search-as-you-type works."""
    words = WORD.findall(q)
    return " ".join(f'"{w}"' for w in words[:-1]) + (f' "{words[-1]}"*' if words else "")


def has_index(session: Session) -> bool:
    """Whether this SQLite database has the FTS5 table (a build without FTS5 has none)."""
    return bool(session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts'")))


def matching(session: Session, q: str):
    """A subquery of (id, rank) for the documents matching ``q``; lower rank = better match."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and fts_query(q) and has_index(session):
        return (select(DocumentRow.id.label("id"), FTS.c.rank.label("rank"))
                .join_from(FTS, DocumentRow, literal_column("documents.rowid") == FTS.c.rowid)
                .where(text("documents_fts MATCH :fts").bindparams(fts=fts_query(q))).subquery())
    if dialect == "postgresql":
        vector = literal_column(DOCUMENT_VECTOR)
        query = func.websearch_to_tsquery(literal_column("'english'"), q)
        return (select(DocumentRow.id.label("id"), (-func.ts_rank(vector, query)).label("rank"))
                .where(vector.op("@@")(query)).subquery())
    words = q.lower()  # LIKE wildcards in the query match only themselves
    return (select(DocumentRow.id.label("id"), literal(0).label("rank"))
            .where(func.lower(DocumentRow.title).contains(words, autoescape=True)
                   | func.lower(DocumentRow.text).contains(words, autoescape=True)).subquery())


def snippets(session: Session, q: str, ids: list[str], width: int = 24) -> dict[str, tuple[str, list[list[int]]]]:
    """A short excerpt around the match for each document: (plain text, [[start, end] of each match])."""
    if not ids:
        return {}
    if session.get_bind().dialect.name == "sqlite" and fts_query(q) and has_index(session):
        try:
            rows = session.execute(text(
                f"SELECT documents.id, snippet(documents_fts, 3, '{OPEN}', '{CLOSE}', '…', {int(width)}) "
                "FROM documents_fts JOIN documents ON documents.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH :fts AND documents.id IN (" + ",".join(f":i{n}" for n in range(len(ids))) + ")"),
                {"fts": fts_query(q), **{f"i{n}": i for n, i in enumerate(ids)}})
            return {document_id: split_marks(marked) for document_id, marked in rows}
        except OperationalError:
            pass
    return _plain_snippets(session, q, ids, width * 6)


def split_marks(marked: str) -> tuple[str, list[list[int]]]:
    """Text with matches wrapped in OPEN … CLOSE (as FTS5's snippet() gives it) -> (the text
    without the markers, the [start, end] offsets of the matches in it)."""
    pieces, marks, start, length = [], [], None, 0
    for piece in re.split(f"([{OPEN}{CLOSE}])", marked):
        if piece == OPEN:
            start = length
        elif piece == CLOSE:
            if start is not None and length > start:
                marks.append([start, length])
            start = None
        else:
            pieces.append(piece)
            length += len(piece)
    return "".join(pieces), marks


def _plain_snippets(session: Session, q: str, ids: list[str], chars: int) -> dict[str, tuple[str, list[list[int]]]]:
    words = sorted({w.lower() for w in WORD.findall(q)}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    out = {}
    for document_id, body in session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(ids))):
        lower = body.lower()
        at = min((i for i in (lower.find(w) for w in words) if i >= 0), default=0)
        start = max(0, at - chars // 2)
        lead = "…" if start else ""
        piece = lead + body[start:start + chars] + "…"
        marks = [[m.start(), m.end()] for m in pattern.finditer(piece)] if pattern else []
        out[document_id] = (piece, marks)
    return out
