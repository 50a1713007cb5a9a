"""Plain text: decode bytes safely and find the title, byline and author's role at the top.

Op-eds pasted as text usually open with short lines: a title, the author's name, their role
("Russian political scientist"), then the body. Metadata passed by the caller wins over guesses.
"""
from __future__ import annotations

import re

from ..errors import ReadError, warning
from ..model import Author, Document

NAME = re.compile(r"^(?:By\s+)?([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin|da|del|la|le)){1,3})$")
MAX_HEADER_LINE = 160


def decode(data: bytes, where: str = "") -> tuple[str, list[dict]]:
    """Bytes to text: UTF-8 first, then cp1252/latin-1 with a W101 warning; binary is refused (E101)."""
    if b"\x00" in data[:8192]:
        raise ReadError("E101", "it holds NUL bytes; give a text, HTML, Markdown or JSONL file", where)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return text, [warning("W101", f"{where or 'input'}: byte {err.start} is not UTF-8")]


def _header_lines(text: str) -> list[tuple[int, int, str]]:
    """The first few non-empty lines with their offsets, stopping at the first body-like line."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        start = pos + raw.find(line) if line else pos
        pos += len(raw)
        if not line:
            continue
        if len(line) > MAX_HEADER_LINE or len(lines) == 3:
            break
        lines.append((start, start + len(line), line))
    return lines


def _looks_like_role(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 10 and not line.endswith((".", "!", "?", ":")) and not NAME.match(line)


def guess_header(text: str) -> tuple[str | None, Author | None]:
    """Title, and author with role, from the first short lines; (None, None) when the text has none."""
    lines = _header_lines(text)
    if len(lines) < 2 or lines[0][2].endswith((".", ":", ",", ";")):
        return None, None
    title = lines[0][2]
    m = NAME.match(lines[1][2])
    if not m:
        return title if len(lines[1][2]) > MAX_HEADER_LINE else None, None
    role = lines[2][2] if len(lines) > 2 and _looks_like_role(lines[2][2]) else None
    return title, Author(m.group(1), role)


def document_from_text(text: str, *, published: str | None = None, title: str | None = None,
                       author: str | None = None, source: str | None = None, **meta) -> Document:
    """A Document from text; given metadata wins over what the header suggests."""
    if not text.strip():
        raise ReadError("E103", "there is no text to analyze", source or "")
    guessed_title, guessed_author = guess_header(text)
    authors = (Author(author, guessed_author.role if guessed_author and guessed_author.name == author else None),) \
        if author else ((guessed_author,) if guessed_author else ())
    return Document(text=text, title=title or guessed_title, authors=authors, published=published,
                    source=source, **meta)
