"""Find quoted stretches of text by their quotation marks, tolerating unbalanced marks.

Straight (") and curly (“ ”) double quotes, low-high German marks („ “), guillemets (« ») and the
doubled apostrophes ('') of wire and NYT archive text are read. Single quotes are left alone: they
double as apostrophes ("fool’s") and mostly mark scare quotes.
A quote left open at the end of a paragraph is closed there. When the next paragraph opens with a
quote mark it is the newspaper convention for a quote running over paragraphs, not an error;
otherwise the count of broken marks is returned so the component can add a W102 warning
(textacy's extractor gave up on the whole document instead: users asked for the opposite).
"""
from __future__ import annotations

import re

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "''": "''"}
CLOSERS = {"”", "»", '"', "“", "''"}
MARKS = re.compile(r"''|[“”«»„\"]")
TOGGLES = {'"', "“", "''"}  # marks that may also open: not taken as a stray closer
# A blank line ends a paragraph; so does a single newline after the end of a sentence (one-line paragraphs).
PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!?\"”»:])[ \t]*\n")


def quoted_spans(text: str) -> tuple[list[tuple[int, int]], int]:
    """``[(start, end)]`` of each quote, marks included, and how many marks were unbalanced."""
    spans: list[tuple[int, int]] = []
    broken = 0
    start = 0
    for paragraph_end in [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]:
        found, bad = _paragraph_quotes(text, start, paragraph_end)
        spans.extend(found)
        broken += bad
        start = paragraph_end
    return spans, broken


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    spans, broken = [], 0
    open_at, closer = None, None
    for mark in MARKS.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if open_at is not None and (ch == closer or (ch in CLOSERS and ch not in TOGGLES)):
            spans.append((open_at, mark.end()))
            open_at = closer = None
        elif open_at is None and ch in OPENERS and _opens(text, i):
            open_at, closer = i, OPENERS[ch]
        elif open_at is None and ch == "”" and not text[start:i].strip() and text[i + 1:i + 2].isalnum():
            open_at, closer = i, "”"  # a paragraph opened with a closing mark: a typo for “
        elif open_at is None and ch in CLOSERS:
            broken += 1  # a closing mark with nothing open
    if open_at is not None:
        last = text[start:end].rstrip()
        stop = start + len(last)
        if stop - open_at > 1:
            spans.append((open_at, stop))
        if not _next_paragraph_opens(text, end):
            broken += 1
    return spans, broken


def _opens(text: str, i: int) -> bool:
    """A straight mark opens only before a word (not '5" gun', not a closing mark typed straight)."""
    if text[i] != '"' and text[i:i + 2] != "''":
        return True
    width = 2 if text[i] == "'" else 1
    after = text[i + width:i + width + 1]
    return bool(after) and not after.isspace()


def _next_paragraph_opens(text: str, end: int) -> bool:
    rest = text[end:end + 20].lstrip()
    return rest[:1] in OPENERS or rest[:2] == "''"
