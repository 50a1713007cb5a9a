"""JSONL corpora, one document a line (fields id, title, author, outlet, published, url, text).

Read line by line so that a corpus of any size streams; a broken line is reported with its
number (E105) and the other lines are still read.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import IO, Iterator

from ..errors import ReadError
from ..model import Author, Document

MAX_LINE = 20_000_000


def valid_date(value, where: str) -> str | None:
    """YYYY-MM-DD or None; anything else is an E108 error (a wrong date would misplace every horizon)."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ReadError("E108", f"published {value!r} is not a YYYY-MM-DD date", where)


def document_from_record(record: dict, where: str) -> Document:
    if not isinstance(record, dict):
        raise ReadError("E105", "the line is not a JSON object", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError("E103", "the record has no text", where)
    author = record.get("author") or record.get("authors")
    names = author if isinstance(author, list) else [author] if author else []
    return Document(
        text=text, title=record.get("title"), outlet=record.get("outlet"), url=record.get("url"),
        authors=tuple(Author(n) if isinstance(n, str) else Author(n.get("name"), n.get("role")) for n in names),
        published=valid_date(record.get("published"), where), source=where,
        language=record.get("language") or "en")


def read_jsonl(stream: IO[bytes], name: str) -> Iterator[Document | ReadError]:
    for number, raw in enumerate(stream, start=1):
        where = f"{name}:{number}"
        if not raw.strip():
            continue
        if len(raw) > MAX_LINE:
            yield ReadError("E104", f"the line has {len(raw):,} bytes (limit {MAX_LINE:,})", where)
            continue
        try:
            record = json.loads(raw.decode("utf-8", errors="replace"))
            yield document_from_record(record, where)
        except json.JSONDecodeError as err:
            yield ReadError("E105", f"{err.msg} at column {err.colno}", where)
        except ReadError as err:
            yield err
