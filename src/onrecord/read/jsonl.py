"""JSONL corpora, one document a line (fields id, title, author, outlet, published, url, text).

Read line by line so that a corpus of any size streams; a broken line is reported with its
number (E105) and the other lines are still read.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import IO, Iterator

from ..errors import ReadError
from ..model import Author, Document
from .language import check_language

MAX_LINE = 20_000_000
CHUNK = 1 << 20
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
TEXT_FIELDS = ("title", "outlet", "url", "language", "id")


def valid_date(value, where: str) -> str | None:
    """YYYY-MM-DD (an ISO time after it is allowed and dropped) or None; anything else, trailing
    characters included, is an E108 error: a wrong date would misplace every horizon."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not DATE.fullmatch(value.strip()):
        raise ReadError("E108", f"published {value!r} is not a YYYY-MM-DD date", where)
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ReadError("E108", f"published {value!r} is not a YYYY-MM-DD date", where)


def _authors(value, where: str) -> tuple[Author, ...]:
    """``author``/``authors``: a name, {"name", "role"}, or a list of these; anything else is E110."""
    items = value if isinstance(value, list) else [value] if value else []
    authors = []
    for item in items:
        if isinstance(item, str) and item.strip():
            authors.append(Author(item.strip()))
        elif (isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip()
              and isinstance(item.get("role"), (str, type(None)))):
            authors.append(Author(item["name"].strip(), item.get("role")))
        else:
            raise ReadError("E110", f"author {value!r} is not a name, a {{name, role}} object or a list of "
                                    "them", where)
    return tuple(authors)


def document_from_record(record: dict, where: str) -> Document:
    """A Document from one JSONL record, every field checked: one wrong type is this record's E110."""
    if not isinstance(record, dict):
        raise ReadError("E105", "the line is not a JSON object", where)
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise ReadError("E110", f"text is a {type(text).__name__}, not a string", where)
    if not text or not text.strip():
        raise ReadError("E103", "the record has no text", where)
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str) and not (name == "id" and type(value) is int):
            raise ReadError("E110", f"{name} {_short(value)} is a {type(value).__name__}, not a string", where)
    return Document(
        text=text, title=record.get("title"), outlet=record.get("outlet"), url=record.get("url"),
        authors=_authors(record.get("author") or record.get("authors"), where),
        published=valid_date(record.get("published"), where), source=where,
        language=record.get("language") or "en")


def _short(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _lines(stream: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """(line, its length) with at most MAX_LINE bytes held: a longer line is skipped in chunks and
    comes back empty with its length, so a file with no line breaks cannot exhaust memory."""
    while raw := stream.readline(MAX_LINE + 1):
        if len(raw) <= MAX_LINE or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        while (more := stream.readline(CHUNK)) and not more.endswith(b"\n"):
            size += len(more)
        yield b"", size + len(more)


def read_jsonl(stream: IO[bytes], name: str) -> Iterator[Document | ReadError]:
    for number, (raw, size) in enumerate(_lines(stream), start=1):
        where = f"{name}:{number}"
        if size > MAX_LINE:
            yield ReadError("E104", f"the line has {size:,} bytes (limit {MAX_LINE:,})", where)
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8", errors="replace"))
            document = document_from_record(record, where)
            check_language(document.text, where)
            yield document
        except json.JSONDecodeError as err:
            reason = err.msg.removesuffix(" at")  # "Invalid control character at" would read "at at column"
            yield ReadError("E105", f"{reason} at column {err.colno}", where)
        except ReadError as err:
            yield err
