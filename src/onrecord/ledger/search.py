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

from sqlalchemy import column, false, func, literal, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from .tables import DocumentRow

# The indexed expression of migration 0002, as literal SQL (bound parameters would hide it from the planner).
DOCUMENT_VECTOR = "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text)"
WORD = re.compile(r"\w+", re.UNICODE)
FTS = table("documents_fts", column("rowid"), column("rank"))


def fts_query(q: str, any_word: bool = False) -> str:
    """User words as an FTS5 query: each word quoted (no operator injection), all required,
    the last one as a prefix so that search-as-you-type works; or ``any_word``, each one enough."""
    words = WORD.findall(q)
    if any_word:
        return " OR ".join(f'"{w}"' for w in words)
    return " ".join(f'"{w}"' for w in words[:-1]) + (f' "{words[-1]}"*' if words else "")


def has_index(session: Session) -> bool:
    """Whether this SQLite database has the FTS5 table (a build without FTS5 has none)."""
    return bool(session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts'")))


def matching(session: Session, q: str, *, any_word: bool = False):
    """A subquery of (id, rank) for the documents matching ``q`` (all its words, or ``any_word``);
    lower rank = better match."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and fts_query(q) and has_index(session):
        # materialized: else, with a filter on documents, SQLite ran the match once per filtered document (8 s)
        return (select(DocumentRow.id.label("id"), FTS.c.rank.label("rank"))
                .join_from(FTS, DocumentRow, literal_column("documents.rowid") == FTS.c.rowid)
                .where(text("documents_fts MATCH :fts").bindparams(fts=fts_query(q, any_word)))
                .cte().prefix_with("MATERIALIZED"))
    if dialect == "postgresql":
        vector = literal_column(DOCUMENT_VECTOR)
        query = func.websearch_to_tsquery(literal_column("'english'"), " or ".join(WORD.findall(q)) if any_word else q)
        return (select(DocumentRow.id.label("id"), (-func.ts_rank(vector, query)).label("rank"))
                .where(vector.op("@@")(query)).subquery())
    words = [w.lower() for w in WORD.findall(q)] if any_word else [q.lower()]
    found = [func.lower(column).contains(w, autoescape=True)  # LIKE wildcards match only themselves
             for w in words for column in (DocumentRow.title, DocumentRow.text)]
    return select(DocumentRow.id.label("id"), literal(0).label("rank")).where(or_(false(), *found)).subquery()


def ranked_page(session: Session, q: str, offset: int, limit: int) -> tuple[int, list[str]] | None:
    """(how many match, the ids of one page, best first) from the FTS5 index alone, where nothing
    else filters: ranking through a join read every matching document's row (300 ms for a word
    10,000 documents hold). None without FTS5 (then ``matching`` serves)."""
    if not _fts5(session, q):
        return None
    total = session.scalar(text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :fts"), {"fts": fts_query(q)})
    return total, best_matches(session, q, limit, offset=offset)


def best_matches(session: Session, q: str, limit: int, *, offset: int = 0, any_word: bool = False) -> list[str] | None:
    """The ids of the ``limit`` best matches (after ``offset``) from the FTS5 index alone; None without FTS5."""
    if not _fts5(session, q):
        return None
    rowids = list(session.scalars(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts "
                                       "ORDER BY rank, rowid LIMIT :limit OFFSET :offset"),
                                  {"fts": fts_query(q, any_word), "limit": limit, "offset": offset}))
    ids = dict(session.execute(select(literal_column("documents.rowid"), DocumentRow.id)
                               .where(literal_column("documents.rowid").in_(rowids))).all()) if rowids else {}
    return [ids[r] for r in rowids if r in ids]


def _fts5(session: Session, q: str | None) -> bool:
    return session.get_bind().dialect.name == "sqlite" and bool(q) and bool(fts_query(q)) and has_index(session)


def snippets(session: Session, q: str, ids: list[str], chars: int = 150) -> dict[str, tuple[str, list[list[int]]]]:
    """A short excerpt around the first match in each document: (plain text, [[start, end] of each
    matched word in it]). Words match as the index stems them, roughly: "pushed" marks "push" and
    "pushing" (FTS5's snippet() read each whole text again: 4 ms a document)."""
    pattern = word_pattern(q)
    if not ids or pattern is None:
        return {}
    out = {}
    for document_id, body in session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(ids))):
        first = pattern.search(body)
        start = max(0, (first.start() if first else 0) - chars // 3)
        if start:
            start = body.find(" ", start, start + 20) + 1 or start  # begin at a word
        piece = ("…" if start else "") + body[start:start + chars] + ("…" if start + chars < len(body) else "")
        out[document_id] = (piece, [[m.start(), m.end()] for m in pattern.finditer(piece)])
    return out


def word_pattern(q: str) -> re.Pattern | None:
    """The words of ``q`` with any ending, from their stem (a crude Porter: -ing, -ed, -es, -s off)."""
    stems = {re.sub(r"(?<=\w{3})(ing|ed|es|s)$", "", w.lower()) for w in WORD.findall(q)}
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
