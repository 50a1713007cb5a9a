"""Turning files into Documents: text, Markdown, HTML and JSONL corpora, from paths, folders or stdin.

``read_paths`` yields a Document or a ReadError per document, never raises for one bad input:
callers report the errors and go on with the rest.
"""
from __future__ import annotations

import dataclasses
import io
import itertools
import stat
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ReadError
from ..model import MAX_CHARS, Author, Document
from .html import document_from_html
from .jsonl import read_jsonl, valid_date
from .language import check_language
from .markdown import document_from_markdown
from .text import decode, document_from_text

MAX_FILE_BYTES = 50_000_000
# Bytes read of one text document: enough for MAX_CHARS characters in any encoding (UTF-32 takes 4 a
# character); what lies beyond would be cut before analysis anyway (W103). HTML carries markup and
# scripts around its text, so a page may be read further.
READ_BYTES = {"text": 4 * MAX_CHARS + 4, "markdown": 4 * MAX_CHARS + 4, "html": 40 * MAX_CHARS}
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
    """One file; only regular files are read (a device like /dev/zero or a FIFO would never end)."""
    where = str(path)
    kind = SUFFIXES.get(path.suffix.lower(), "text")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield ReadError("E112", "only regular files, folders and - (standard input) are read", where)
            return
        if kind == "jsonl":
            with path.open("rb") as stream:
                yield from _with_given(read_jsonl(stream, where), given)
            return
        if info.st_size > MAX_FILE_BYTES:
            yield ReadError("E104", f"{info.st_size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit for one "
                                    "document; split it, or give a JSONL corpus", where)
            return
        with path.open("rb") as stream:
            data = stream.read(READ_BYTES[kind] + 1)
    except OSError as err:
        yield ReadError("E102", err.strerror or str(err), where)
        return
    yield _one(data, kind, where, given)


def _read_stream(stream, where: str, given: dict) -> Iterator[Document | ReadError]:
    """Standard input: a JSONL corpus streams line by line; a text or page is read up to its limit."""
    head = stream.read(8192)
    first = head.lstrip()[:1]
    if first == b"{":
        rest = io.BufferedReader(_Chained(head, stream))
        yield from _with_given(read_jsonl(rest, where), given)
        return
    kind = "html" if first == b"<" else "text"
    data = head + stream.read(READ_BYTES[kind] + 1 - len(head))
    yield _one(data, kind, where, given)


class _Chained(io.RawIOBase):
    """The bytes already read, then the rest of the stream: lets JSONL on stdin stream after a peek."""

    def __init__(self, head: bytes, stream):
        self.parts = itertools.chain([head], iter(lambda: stream.read1(1 << 16) if hasattr(stream, "read1")
                                                  else stream.read(1 << 16), b""))
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            self.pending = next(self.parts, None)
            if self.pending is None:
                self.pending = b""
                return 0
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


def _one(data: bytes, kind: str, where: str, given: dict) -> Document | ReadError:
    cut = len(data) > READ_BYTES[kind]
    try:
        text, warnings = decode(data[:READ_BYTES[kind]], where, cut=cut)
        if not text.strip():
            raise ReadError("E103", "the file holds no text", where)
        if kind != "html":
            check_language(text, where)
        read = {"text": document_from_text, "markdown": document_from_markdown, "html": document_from_html}[kind]
        document = read(text, source=where, **given)
        if kind == "html":
            check_language(document.text, where)
        warnings += list(document.notes)
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

