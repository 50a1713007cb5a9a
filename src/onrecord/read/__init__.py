"""Turning files into Documents: text, Markdown, HTML and JSONL corpora, from paths, folders or stdin.

``read_paths`` yields a Document or a ReadError per document, never raises for one bad input:
callers report the errors and go on with the rest.
"""
from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ReadError
from ..model import Author, Document
from .html import document_from_html
from .jsonl import read_jsonl, valid_date
from .markdown import document_from_markdown
from .text import decode, document_from_text

MAX_FILE_BYTES = 50_000_000
SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def read_paths(paths: Iterable[str], **given) -> Iterator[Document | ReadError]:
    """Every document under ``paths`` ("-" is stdin); ``given`` metadata (published, title, author) wins."""
    if given.get("published"):
        given["published"] = valid_date(given["published"], "--published")
    given = {k: v for k, v in given.items() if v}
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", given)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError("E106", "the folder holds no .txt, .md, .html or .jsonl file", name)
            for file in files:
                yield from read_file(file, given)
        else:
            yield from read_file(path, given)


def read_file(path: Path, given: dict) -> Iterator[Document | ReadError]:
    where = str(path)
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as stream:
                yield from _with_given(read_jsonl(stream, where), given)
            return
        if size > MAX_FILE_BYTES:
            yield ReadError("E104", f"{size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit for one "
                                    "document; split it, or give a JSONL corpus", where)
            return
        data = path.read_bytes()
    except OSError as err:
        yield ReadError("E102", err.strerror or str(err), where)
        return
    yield _one(data, SUFFIXES.get(path.suffix.lower(), "text"), where, given)


def _read_stream(stream, where: str, given: dict) -> Iterator[Document | ReadError]:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield ReadError("E104", f"standard input is over the {MAX_FILE_BYTES:,}-byte limit", where)
        return
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _with_given(read_jsonl(io.BytesIO(data), where), given)
        return
    kind = "html" if head == b"<" else "text"
    yield _one(data, kind, where, given)


def _one(data: bytes, kind: str, where: str, given: dict) -> Document | ReadError:
    try:
        text, warnings = decode(data, where)
        if not text.strip():
            raise ReadError("E103", "the file holds no text", where)
        read = {"text": document_from_text, "markdown": document_from_markdown, "html": document_from_html}[kind]
        document = read(text, source=where, **given)
        return dataclasses.replace(document, notes=tuple(warnings)) if warnings else document
    except ReadError as err:
        return err


def _with_given(items, given: dict):
    for item in items:
        if isinstance(item, Document) and given:
            change = {k: v for k, v in given.items() if k in ("published", "title")}
            if "author" in given:
                change["authors"] = (Author(given["author"]),)
            item = dataclasses.replace(item, **change)
        yield item

