"""Full-text search over documents: SQLite FTS5, PostgreSQL full-text, or LIKE as a last resort.

The ledger's migrations do not (yet) create a search index, so on SQLite this module keeps an
external-content FTS5 table ``documents_fts`` over ``documents`` (title, author, outlet, text),
created on first search and rebuilt when the number of documents changes (a rebuild of 564
articles takes well under a second). On PostgreSQL the query uses ``to_tsvector`` directly;
an index belongs in a ledger migration. A read-only database without the table falls back to LIKE.
Snippets come back with ``\x02``/``\x03`` around matches so that they can be escaped first and
marked up after.
"""
from __future__ import annotations

import re
import threading

from sqlalchemy import column, func, literal, literal_column, select, table, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..ledger.tables import DocumentRow

_lock = threading.Lock()
_indexed: dict[str, tuple] = {}  # database URL -> (count, max rowid) when the index was built
WORD = re.compile(r"\w+", re.UNICODE)
OPEN, CLOSE = "\x02", "\x03"
FTS = table("documents_fts", column("rowid"), column("rank"))


def fts_query(q: str) -> str:
    """User words as an FTS5 query: each word quoted (no operator injection), all required,
    the last one as a prefix so that search-as-you-type works."""
    words = WORD.findall(q)
    return " ".join(f'"{w}"' for w in words[:-1]) + (f' "{words[-1]}"*' if words else "")


def ensure_index(session: Session) -> bool:
    """Create or refresh the SQLite FTS5 table; False where that is impossible (read-only, no FTS5).

    Works on its own connection, and must run before the session's first query: a SQLite read
    transaction already open would not see a table created after it began."""
    bind = session.get_bind()
    url = str(bind.url)
    with bind.connect() as connection:
        state = tuple(connection.execute(text(
            "SELECT count(*), max(rowid), (SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts') FROM documents")).one())
    if _indexed.get(url) == state:
        return True
    with _lock:
        try:
            with bind.begin() as connection:
                connection.exec_driver_sql(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                    "title, author, outlet, text, content='documents', content_rowid='rowid', "
                    "tokenize='porter unicode61 remove_diacritics 2')")
                connection.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        except OperationalError:
            return False
        _indexed[url] = (*state[:2], 1)
    return True


def matching(session: Session, q: str):
    """A subquery of (id, rank) for the documents matching ``q``; lower rank = better match."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and fts_query(q) and ensure_index(session):
        return (select(DocumentRow.id.label("id"), FTS.c.rank.label("rank"))
                .join_from(FTS, DocumentRow, literal_column("documents.rowid") == FTS.c.rowid)
                .where(text("documents_fts MATCH :fts").bindparams(fts=fts_query(q))).subquery())
    if dialect == "postgresql":
        vector = func.to_tsvector("english", func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text)
        query = func.websearch_to_tsquery("english", q)
        return (select(DocumentRow.id.label("id"), (-func.ts_rank(vector, query)).label("rank"))
                .where(vector.op("@@")(query)).subquery())
    pattern = f"%{q.lower()}%"
    return (select(DocumentRow.id.label("id"), literal(0).label("rank"))
            .where(func.lower(DocumentRow.title).like(pattern) | func.lower(DocumentRow.text).like(pattern)).subquery())


def snippets(session: Session, q: str, ids: list[str], width: int = 24) -> dict[str, str]:
    """A short excerpt around the match for each document, matches wrapped in \\x02 … \\x03."""
    if not ids:
        return {}
    if session.get_bind().dialect.name == "sqlite" and fts_query(q) and ensure_index(session):
        try:
            rows = session.execute(text(
                f"SELECT documents.id, snippet(documents_fts, 3, '{OPEN}', '{CLOSE}', '…', {int(width)}) "
                "FROM documents_fts JOIN documents ON documents.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH :fts AND documents.id IN (" + ",".join(f":i{n}" for n in range(len(ids))) + ")"),
                {"fts": fts_query(q), **{f"i{n}": i for n, i in enumerate(ids)}})
            return dict(rows.all())
        except OperationalError:
            pass
    return _plain_snippets(session, q, ids, width * 6)


def _plain_snippets(session: Session, q: str, ids: list[str], chars: int) -> dict[str, str]:
    words = [w.lower() for w in WORD.findall(q)]
    out = {}
    for document_id, body in session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(ids))):
        lower = body.lower()
        at = min((i for i in (lower.find(w) for w in words) if i >= 0), default=0)
        start = max(0, at - chars // 2)
        piece = body[start:start + chars]
        for word in sorted(set(words), key=len, reverse=True):
            piece = re.sub(f"({re.escape(word)})", f"{OPEN}\\1{CLOSE}", piece, flags=re.IGNORECASE)
        out[document_id] = ("…" if start else "") + piece + "…"
    return out
