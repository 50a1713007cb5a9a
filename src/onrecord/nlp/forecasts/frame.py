"""What frames a forecast: who holds it, under what condition, and by when.

Holder: the author unless the clause is the complement of a speech or belief verb whose subject is
someone else ("Milley made it clear ... that they will retaliate"), sits in a direct quote, or is
introduced by "according to X". The speaker is resolved to an actor id through onrecord_actors.
Horizon: the time expressions of onrecord_time inside the clause that point past publication.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ..context import context, text_of, upstream
from .clauses import lemma_in, path_up

FIRST_PERSON = {"i", "we", "us", "me", "my", "our"}
CONDITION_MARKS = {"if", "unless", "when", "once", "whenever", "provided", "providing"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3, "a couple of": 2}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
RELATIVE = re.compile(r"\b(?:in|within)\s+(\d+|a couple of|a few|several|an?|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten)\s+(day|week|month|year)s?\b", re.I)


# Nouns of saying and expecting whose clause is someone's forecast: "X's announcement that ...", "a promise to".
SAYING_NOUNS = {"announcement", "promise", "pledge", "vow", "warning", "threat", "prediction", "forecast",
                "expectation", "claim", "assurance", "statement", "declaration", "commitment", "assessment",
                "estimate", "projection", "insistence", "plan"}


def speech_frame(pred: Token, frames: dict[str, set[str]]) -> tuple[Token, str] | None:
    """(verb, kind) of the nearest speech/belief verb the clause is the complement of.

    Also a parenthetical "Moscow, he believes, will lose" (parataxis), and never across a line break
    (a headline is not the complement of the next line's verb)."""
    child = pred
    for tok in path_up(pred):
        for c in tok.children:
            if c.dep_ == "parataxis" and _frame_kind(c, frames) and any(s.dep_ == "nsubj" for s in c.children):
                return c, _frame_kind(c, frames)
        if tok.i == pred.i:
            continue
        if _line_break(pred, tok):
            return None
        kind = _frame_kind(tok, frames)
        if kind and child.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis", "dobj", "acl"):
            return tok, kind
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in SAYING_NOUNS and child.dep_ in ("acl", "ccomp", "xcomp", "relcl"):
            return tok, "speech"  # "Obama's announcement that he'll send 250 more troops"
        if tok.lemma_ == "clear" and tok.head.lemma_ == "make":
            return tok.head, "speech"
        child = tok
    return None


def _line_break(a: Token, b: Token) -> bool:
    start, end = sorted((a.idx, b.idx))
    return "\n" in text_of(a.doc)[start:end]


def _frame_kind(tok: Token, frames) -> str | None:
    for kind in ("speech", "cognition"):
        if lemma_in(tok, frames.get(kind, ())) and tok.pos_ in ("VERB", "ADJ"):
            return kind
    return None


def frame_subject(verb: Token) -> Token | None:
    """The subject of a framing verb, climbing through 'made it clear ... to tell' chains."""
    owner = next((c for c in verb.children if c.dep_ == "poss"), None) if verb.pos_ == "NOUN" else None
    if owner is not None:
        return owner  # "Obama's announcement": the owner said it
    tok = verb
    for _ in range(4):
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it"), None)
        if subject is not None and subject.dep_ == "nsubjpass" and tok.i == verb.i:
            agent = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
            return agent  # "fighters are told they will ...": the one told is not the speaker
        if subject is not None and subject.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            return tok.head  # "the commander, who admitted that ..."
        if subject is not None:
            return subject
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return _noun_before(verb)


def _noun_before(verb: Token) -> Token | None:
    """When the parse lost the subject ('Ukraine and the US has warned'), the noun right before the verb."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    tok = verb.doc[i] if i >= verb.sent.start else None
    return tok if tok is not None and tok.pos_ in ("NOUN", "PROPN") else None


def according_to(pred: Token) -> Token | None:
    """'According to X, ...' attached to the clause or its heads."""
    for tok in path_up(pred):
        for c in tok.children:
            if c.lower_ == "according":
                return next((p for t in c.children for p in t.children if p.dep_ == "pobj"), None)
    return None


def subject_phrase(tok: Token) -> Span:
    """The subject's words, without a trailing relative clause; a name in apposition wins."""
    doc = tok.doc
    appos = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if appos and tok.ent_type_ != "PERSON":
        return doc[appos[0].left_edge.i:appos[0].i + 1]
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl", "punct", "cc", "conj"):
            break
        end = c.right_edge.i + 1
    return doc[tok.left_edge.i:end]


def resolve_actor(doc: Doc, span: Span) -> str | None:
    """The actor id mentioned in the span, preferring the mention that covers the head word."""
    root = span.root
    heads = [root] + [c for c in root.children if c.dep_ == "appos" or root.pos_ == "PROPN" and c.dep_ == "compound"]
    for m in upstream(doc, "onrecord_mentions"):
        if any(m["start"] <= t.idx < m["end"] for t in heads):
            return m["actor"]
    return None


def titled_person(doc: Doc, span: Span) -> str | None:
    """The person a title stands for: "the secretary-general" is the Jens Stoltenberg whom the text calls
    "NATO Secretary-General Jens Stoltenberg"; "the businessman", the person so described by apposition.
    Only a title that the text puts right before or beside one person's name, and only one such person."""
    title = span.root.lower_
    if span.root.pos_ != "NOUN" or len(title) < 4:
        return None
    people = {a["id"] for a in upstream(doc, "onrecord_actors") if a.get("kind") == "person"}
    found = set()
    for m in upstream(doc, "onrecord_mentions"):
        if m["actor"] not in people:
            continue
        name = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if name is None:
            continue
        near = [t.lower_ for t in doc[max(name.start - 3, 0):name.start]]
        beside = [c.lower_ for t in name for c in t.children if c.dep_ == "appos"] + \
                 ([name.root.head.lower_] if name.root.dep_ == "appos" else [])
        if title in near or title in beside:
            found.add(m["actor"])
    return found.pop() if len(found) == 1 else None


def previous_person(doc: Doc, before: int) -> str | None:
    """The last person mentioned before a char offset: who 'he'/'she' most likely is."""
    people = {a["id"] for a in upstream(doc, "onrecord_actors") if a.get("kind") == "person"}
    found = [m for m in upstream(doc, "onrecord_mentions") if m["end"] <= before and m["actor"] in people]
    if not found:
        return None
    window = doc.char_span(found[-1]["start"], found[-1]["end"], alignment_mode="expand")
    sent_start = window.sent.start_char if window is not None else found[-1]["start"]
    subjects = [m for m in found if m["start"] >= sent_start and _is_subject(doc, m)]
    return (subjects or found)[-1]["actor"]


def _is_subject(doc: Doc, mention: dict) -> bool:
    """A mention that is (part of) the subject of its clause: the likelier antecedent of 'he'."""
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass")
                                    and t.dep_ in ("compound", "appos") for t in span)


def holder_words(span: Span) -> str:
    """A holder's name for a slug: the noun phrase without determiners and prepositional tails."""
    root = span.root
    end = root.i
    for c in root.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            end = c.right_edge.i  # "the head of the alliance"
        break
    words = [t for t in span if t.i <= end and t.dep_ not in ("det", "punct")] or [root]
    return " ".join(t.text for t in words)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def author_id(doc: Doc) -> str | None:
    """The actor id of the (first) author, when the actors component made one."""
    authors = [a.get("name", "").lower() for a in (context(doc).get("authors") or [])]
    for actor in upstream(doc, "onrecord_actors"):
        if actor.get("name", "").lower() in authors:
            return actor["id"]
    return None


def condition_of(pred: Token) -> Span | None:
    """The 'if/unless/when ...' clause attached to the predicate or the clause it is conjoined to."""
    tok = pred
    for _ in range(3):
        for c in tok.children:
            if c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")} & CONDITION_MARKS:
                end = c.right_edge.i
                while end > c.left_edge.i and (pred.doc[end].is_punct or pred.doc[end].is_space):
                    end -= 1
                return pred.doc[c.left_edge.i:end + 1]
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return None


VAGUE = re.compile(r"\b(sooner or later|later this (?:week|month|year)|later|soon|shortly|eventually|one day|"
                   r"in the (?:near|foreseeable|coming) (?:future|days|weeks|months|years)|any ?time soon)\b", re.I)
NOT_AHEAD = {"now", "right now", "at the moment", "currently", "at present"}


def horizon_of(doc: Doc, start: int, end: int, published: str | None) -> dict:
    """The time expression in [start, end) that bounds the forecast: a date or time before a duration, the
    first of each; open when none. A time that names a noun ("the leaders of tomorrow") is no horizon, and
    vague words the time tagger leaves ("later", "eventually") are kept as text with no date."""
    times = [t for t in upstream(doc, "onrecord_times")
             if start <= t["start"] and t["end"] <= end and _future(t, published) and not _names_a_noun(doc, t)]
    if times:
        t = min(times, key=lambda t: (t.get("type") == "DURATION", t["start"]))
        rel = t.get("relative_days")
        found = {"text": t.get("text") or text_of(doc)[t["start"]:t["end"]], "earliest": t.get("earliest"),
                 "latest": t.get("latest"), "relative_days": list(rel) if rel else None, "open": bool(t.get("open"))}
        return _within_hours(_joined(doc, t, found, times), text_of(doc)[max(start, t["start"] - 8):t["end"]],
                             published)
    found = _relative_fallback(text_of(doc)[start:end], published)
    if found["text"] is None and (m := VAGUE.search(text_of(doc)[start:end])):
        found = {**found, "text": m.group(0)}
    return found


def _joined(doc: Doc, t: dict, found: dict, times: list[dict]) -> dict:
    """'by spring or summer 2013': two times joined by "or"/"and" are one horizon that ends with the later."""
    text = text_of(doc)
    for other in times:
        if other["start"] > t["end"] and re.fullmatch(r"\s*(?:or|and|,)\s*", text[t["end"]:other["start"]]):
            latest = max(x for x in (found["latest"], other.get("latest"), other.get("earliest")) if x) \
                if (found["latest"] or other.get("latest")) else None
            joined = {**found, "text": text[t["start"]:other["end"]], "latest": latest}
            year = re.match(r"\s+(\d{4})\b", text[other["end"]:other["end"] + 6])
            if year and latest:  # "spring or summer 2013": the year closes both seasons
                joined = {**joined, "text": joined["text"] + year.group(0), "latest": year.group(1) + latest[4:]}
            return joined
    return found


def _within_hours(found: dict, before: str, published: str | None) -> dict:
    """'within hours' / 'in the coming hours': by the day after publication (the tagger leaves it undated)."""
    if found["latest"] or not re.search(r"\b(?:within|in|coming)\b.*\bhours\b", before, re.I):
        return found
    if not published:
        return {**found, "relative_days": [0, 1], "open": False}
    day = dt.date.fromisoformat(published)
    return {**found, "earliest": published, "latest": (day + dt.timedelta(days=1)).isoformat(),
            "relative_days": [0, 1], "open": False}


def _future(t: dict, published: str | None) -> bool:
    """Could bound a forecast: points past publication, or, without a publication date, any date that is
    not the present; inside a forecast's clause, a duration ("for another five months") or a time later
    today ("tonight") is its horizon too, but "now" is not."""
    text = (t.get("text") or "").lower()
    if text in NOT_AHEAD:
        return False
    if t.get("horizon") or t.get("type") == "DURATION":
        return True
    rel = t.get("relative_days")
    if rel and any(d is not None and d > 0 for d in rel):
        return True
    if t.get("type") == "TIME" or text in ("today", "this day", "on this day"):
        return True
    if not published:
        return t.get("type") == "DATE" and not (rel and all(d is not None and d < 0 for d in rel))
    return bool(t.get("earliest") and t["earliest"] > published)


def _names_a_noun(doc: Doc, t: dict) -> bool:
    """'the leaders of tomorrow', 'tomorrow's leaders', 'next year's elections': the time belongs to a noun."""
    span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("poss", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN")


def _relative_fallback(text: str, published: str | None) -> dict:
    """'in two weeks' read here only when onrecord_time is absent from the pipeline."""
    m = RELATIVE.search(text)
    if not m:
        return {"text": None, "earliest": None, "latest": None, "relative_days": None, "open": True}
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1).lower(), 1)
    days = n * UNIT_DAYS[m.group(2).lower()]
    date = None
    if published:
        date = (dt.date.fromisoformat(published) + dt.timedelta(days=days)).isoformat()
    return {"text": m.group(0), "earliest": date, "latest": date, "relative_days": [days, days], "open": False}
