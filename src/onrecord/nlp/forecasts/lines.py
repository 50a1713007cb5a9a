"""Where a forecast sits: its sentence line, its fronted adverbials, and times that point ahead of publication."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..context import text_of


AHEAD = re.compile(r"\b(next|tomorrow|coming|upcoming|within|later this|in (a|an|one|two|three|four|five|six|"
                   r"seven|eight|nine|ten|\d+|a few|several) (day|week|month|year)s?|monday|tuesday|wednesday|"
                   r"thursday|friday|saturday|sunday)\b", re.I)


def t_is_ahead(t: dict, published_on: str | None) -> bool:
    """A relative expression strictly after publication: 'next week', 'tomorrow', 'in two weeks'.
    Absolute dates are left out: captions and chronologies use them in the historical present."""
    if not AHEAD.search(t.get("text") or ""):
        return False
    rel = t.get("relative_days")
    if rel and rel[0] is not None:
        return rel[0] > 0
    return bool(published_on and t.get("earliest") and t["earliest"] > published_on)


def same_line(doc: Doc, i: int, j: int) -> bool:
    return "\n" not in text_of(doc)[doc[i].idx:doc[j].idx]


def sentence_line(pred: Token) -> list[int]:
    """The predicate's sentence, cut at line breaks (a headline and its first line are two sentences)."""
    text, sent = text_of(pred.doc), pred.sent
    start = max(sent.start_char, text.rfind("\n", 0, pred.idx) + 1)
    end = text.find("\n", pred.idx, sent.end_char)
    end = sent.end_char if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return [start, end]


def fronted_end(doc: Doc, start: int, first: int) -> int:
    """Where a sentence's fronted adverbials end: at its first verb, if that comes before the clause.
    "After the war, X will ..." has none before X; in "Sanctions will bite by the autumn, although
    the Chinese will not ...", "by the autumn" belongs to "bite", not to the aside."""
    span = doc.char_span(start, first, alignment_mode="contract")
    verb = next((t for t in span or () if t.pos_ in ("VERB", "AUX")), None)
    return verb.idx if verb is not None else first
