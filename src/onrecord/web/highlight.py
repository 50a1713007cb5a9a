"""Article text as HTML with typed highlights, overlapping spans kept well-formed.

Spans of different kinds overlap all the time (an actor inside a quote inside a claim, a forecast
that starts inside a quote and ends after it). HTML elements must nest, so the text is cut at
every span boundary and walked once with a stack of open marks: a span that ends while marks
opened after it are still open closes them, closes itself and reopens them (the reopened pieces
carry the same ``data-item``). Every character of text is HTML-escaped; attribute values come
only from item ids and kind names, escaped too.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

# What each kind highlights: (item key in the analysis JSON, span key, css kind). Order = z-order
# for spans that start and end at the same place (outer first).
SPAN_KINDS = (
    ("claims", "span", "claim"),
    ("quotes", "content", "quote"),
    ("forecasts", "span", "forecast"),
    ("causal", "cause", "cause"),
    ("causal", "effect", "effect"),
    ("events", "trigger", "event"),
    ("quotes", "cue", "quote-cue"),
    ("forecasts", "probability_cue", "probability"),
    ("causal", "cue", "causal-cue"),
    ("times", "span", "time"),
)
RANK = {kind: n for n, (_, _, kind) in enumerate(SPAN_KINDS)}
RANK["actor"] = len(RANK)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # css kind: claim, quote, forecast, actor ...
    item: str  # anchor id of the item in the side panel, e.g. "forecast-f1"
    check_worthy: bool = False  # a claim the model would send to a fact-checker: drawn stronger

    def open_tag(self, first: bool) -> str:
        anchor = f' id="at-{escape(self.item)}"' if first else ""
        extra, title = (" hl-check-worthy", "check-worthy claim") if self.check_worthy else ("", self.kind)
        return (f'<mark class="hl hl-{escape(self.kind)}{extra}"{anchor} data-item="{escape(self.item)}"'
                f' title="{escape(title)}">')


def item_anchor(kind: str, item_id: str) -> str:
    """Ids repeat across kinds (claims and causal links are both "c1"), so anchors say the kind."""
    return f"{kind}-{item_id}"


def marks_of(analysis: dict, text: str) -> list[Mark]:
    """Every highlightable span of an analysis (the JSON contract), dropping ones outside the text."""
    marks = []
    for key, span_key, kind in SPAN_KINDS:
        for item in analysis.get(key) or ():
            span = item.get(span_key)
            if isinstance(span, dict):
                marks.append(Mark(span.get("start", -1), span.get("end", -1), kind, item_anchor(key, str(item.get("id"))),
                                  check_worthy=kind == "claim" and item.get("check_worthy") is True))
    for actor in analysis.get("actors") or ():
        for span in actor.get("mentions") or ():
            marks.append(Mark(span.get("start", -1), span.get("end", -1), "actor", item_anchor("actor", actor["id"])))
    return [m for m in marks if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= len(text)]


def highlight(text: str, marks: list[Mark]) -> str:
    """HTML of ``text`` with ``marks`` as nested <mark> elements; newlines become paragraphs."""
    marks = sorted(set(marks), key=lambda m: (m.start, -m.end, RANK.get(m.kind, 99), m.item))
    starts: dict[int, list[Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                   *(i + d for i, ch in enumerate(text) if ch == "\n" for d in (0, 1))})
    out: list[str] = ["<p>"]
    stack: list[Mark] = []
    opened: set[str] = set()  # items whose first piece (the one with the id) is out
    fresh_paragraph = True
    for here, nxt in zip(cuts, cuts[1:] + [None]):
        _close_ending(out, stack, here)
        for mark in starts.get(here, ()):
            out.append(mark.open_tag(first=mark.item not in opened))
            opened.add(mark.item)
            stack.append(mark)
        if nxt is None:
            break
        piece = text[here:nxt]
        if piece != "\n":
            out.append(escape(piece, quote=False))
            fresh_paragraph = False
        elif not fresh_paragraph:  # blank lines make one paragraph break; marks close and reopen
            out.append("</mark>" * len(stack) + "</p><p>" + "".join(m.open_tag(first=False) for m in stack))
            fresh_paragraph = True
    out.extend("</mark>" for _ in stack)
    out.append("</p>")
    return "".join(out)


def _close_ending(out: list[str], stack: list[Mark], here: int) -> None:
    """Close marks ending at ``here``; marks above them on the stack are closed and reopened."""
    while any(m.end <= here for m in stack):
        lowest = min(i for i, m in enumerate(stack) if m.end <= here)
        above = [m for m in stack[lowest + 1:] if m.end > here]
        out.extend("</mark>" for _ in stack[lowest:])
        del stack[lowest:]
        for mark in above:
            out.append(mark.open_tag(first=False))
            stack.append(mark)
