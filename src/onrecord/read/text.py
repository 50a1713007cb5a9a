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


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes, where: str = "", *, cut: bool = False) -> tuple[str, list[dict]]:
    """Bytes to text. A byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either order);
    without one, UTF-8 first, then cp1252/latin-1 with a W101 warning. Only the decoded text is judged
    binary (E101): UTF-16 holds NUL bytes, its text does not. ``cut``: the data was cut at a read limit,
    so a character split at its end is dropped."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _no_nul(_decode_cut(data[len(bom):], codec, cut), where), []
            except UnicodeDecodeError as err:
                raise ReadError("E101", f"it starts with a {codec} byte-order mark but byte {err.start} is not "
                                        f"{codec}", where)
    if b"\x00" in data[:8192]:
        raise ReadError("E101", "it holds NUL bytes; give a text, HTML, Markdown or JSONL file", where)
    try:
        return _no_nul(_decode_cut(data, "utf-8", cut), where), []
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return _no_nul(text, where), [warning("W101", f"{where or 'input'}: byte {err.start} is not UTF-8")]


def _decode_cut(data: bytes, codec: str, cut: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        if cut and err.start >= len(data) - 3:  # a character split by the read limit
            return data[:err.start].decode(codec)
        raise


def _no_nul(text: str, where: str) -> str:
    if "\x00" in text[:8192]:
        raise ReadError("E101", "it holds NUL characters; give a text, HTML, Markdown or JSONL file", where)
    return text


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
