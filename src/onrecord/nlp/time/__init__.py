"""onrecord_time: temporal expressions with TIMEX3 values, resolved against the publication date.

Finding: spaCy's DATE/TIME entities, plus Matcher patterns for what its NER misses ("now", "the past",
"an hour", "after the war", "3:07:35"). Entities are trimmed ("about a month earlier" -> "a month"),
split at ranges ("2009-2010"), merged when adjacent ("Friday" + "afternoon"), and ages ("48", "22-year-old")
dropped. Reading: ``timeparse`` (rules, tense-aware). A preposition joins the span when it changes the
meaning into a horizon: "in two weeks", "by the end of the year".
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...lexicons import lexicon_path, read_rows
from ..context import annotate_safely, declare, published
from .parse import extend_words, fixed_words, read_cached, split_range
from .calendar import PARTS, SEASONS, UNITS

declare("onrecord_times")

CONDITIONS = lexicon_path("time_conditions.tsv")
TRIM_LEFT = {"about", "around", "approximately", "roughly", "just", "some", "over", "between", "from",
             "only", "nearly", "more", "than", "less", "up", "to", "at", "least", "most", "in", "within",
             "by", "until", "till", "before", "after", "since", "during", "for", "on", "of", "and", ",", "-"}
TRIM_RIGHT = {"earlier", "later", "before", "after", "prior", "beforehand", "afterwards", "or", "so",
              "and", ",", ".", "-", "--"}
EXTEND_LEFT = {"this", "last", "next", "that", "every", "each", "early", "late", "coming", "past"}
HORIZON_PREPS = {"in", "within", "by", "until", "till", "before", "after"}
SINCE_WORDS = {"first", "time", "ever", "once"}
AGE_WORDS = {"age", "ages", "aged", "old", "year-old", "years-old"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}
MODAL_AUX = {"would", "could", "might", "may", "should", "must"}


def load_conditions(path: str | Path) -> dict[str, str]:
    """Event noun -> condition template, from a file in the format of lexicons/time_conditions.tsv."""
    rows = {}
    for noun, template in (cells[:2] for cells in read_rows(Path(path))):
        rows[noun.lower()] = template
    return rows


def clause_tense(span: Span) -> str:
    """past, future or none: the tense of the verb governing the expression (its aux and tag).

    An infinitive takes its tense from the verb it depends on ("agreed to sell in October" is past,
    "plans to meet on Friday" future); the present perfect is "none" ("has been postponed until Saturday").
    """
    verb = _governing_verb(span.root)
    if verb is None:
        return "none"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {c.lower_ for c in auxes}
    if lows == {"to"} or (lows and lows <= {"to", "be"}):
        head = _governing_verb(verb.head) if verb.head is not verb else None
        return "past" if head is not None and _simple_past(head) else "future"
    if lows & FUTURE_AUX or lows & MODAL_AUX:
        return "future"
    return "past" if _simple_past(verb) else "none"


def _governing_verb(tok):
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _simple_past(verb) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("has", "have", "'ve", "'s") for c in auxes):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes)


class TimeTagger:
    """Find temporal expressions, then read each into a TIMEX3 type and value."""

    def __init__(self, nlp: Language, name: str = "onrecord_time", *, use_ner: bool = True,
                 words_path: str | None = None, conditions_path: str | None = None):
        """``words_path``/``conditions_path``: a user's extra rows, in the format of the lexicon files."""
        self.name = name
        self.use_ner = use_ner
        self.conditions = load_conditions(CONDITIONS)
        if conditions_path:
            self.conditions.update(load_conditions(conditions_path))
        if words_path:
            extend_words(words_path)
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("time_words", [nlp.make_doc(p) for p in fixed_words()])
        self._add_patterns()

    def _add_patterns(self) -> None:
        units = sorted({u for u in UNITS} | {u + "s" for u in UNITS})
        unit = {"LOWER": {"IN": units}}
        self.matcher.add("amount", [[{"LOWER": {"IN": ["a", "an", "one"]}}, unit],
                                    [{"LIKE_NUM": True}, {"LOWER": "-", "OP": "?"}, unit]])
        every = {"LOWER": {"IN": units + list(PARTS) + list(SEASONS) + ["monday", "tuesday", "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"]}}
        self.matcher.add("set", [[{"LOWER": {"IN": ["every", "each"]}}, every],
                                 [{"LOWER": {"IN": ["once", "twice"]}}, {"LOWER": {"IN": ["a", "an", "per"]}}, unit],
                                 [{"LOWER": {"IN": ["daily", "weekly", "monthly", "annually", "yearly"]},
                                   "POS": "ADV"}]])
        self.matcher.add("stopwatch", [[{"TEXT": {"REGEX": r"^\d{1,2}:\d{2}:\d{2}$"}}]])
        # "the autumn", "this fall"; a bare "fall" or "spring" is too often a decline or a source
        self.matcher.add("season", [[{"LOWER": {"IN": ["the", "this", "last", "next", "coming"]}, "OP": "?"},
                                     {"LOWER": {"IN": ["autumn", "summer", "winter"]}, "POS": "NOUN"}],
                                    [{"LOWER": {"IN": ["this", "last", "next", "coming"]}},
                                     {"LOWER": {"IN": ["fall", "spring"]}, "POS": "NOUN"}]])
        self.matcher.add("after_event", [[{"LOWER": "after"}, {"LOWER": {"IN": ["the", "this", "that", "a"]}},
                                          {"POS": {"IN": ["ADJ", "PROPN"]}, "OP": "?"},
                                          {"LOWER": {"IN": list(self.conditions)}}],
                                         [{"LOWER": "after"}, {"LOWER": "the"}, {"LOWER": {"IN": ["end", "close"]}},
                                          {"LOWER": "of"}, {"LOWER": {"IN": ["the", "this", "that"]}},
                                          {"POS": {"IN": ["ADJ", "PROPN"]}, "OP": "?"},
                                          {"LOWER": {"IN": list(self.conditions)}}]])

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W130", "onrecord_times")

    def match(self, doc: Doc) -> list[tuple[Span, str, list]]:
        """Candidate spans with their source (NER or pattern name), longest first where they overlap.

        Each NER span carries the pattern matches inside it, read instead if the span itself is not
        a temporal expression ("40, eight years from now" -> "eight years from now").
        """
        patterns = [(doc[start:end], doc.vocab.strings[mid]) for mid, start, end in self.matcher(doc)]
        patterns += [(doc[start:end], "time_words") for _, start, end in self.phrases(doc)]
        patterns = [(s, src) for s, src in patterns if _keep_pattern(doc, s, src)]
        ents = [(e, "ner") for e in doc.ents if e.label_ in ("DATE", "TIME")] if self.use_ner else []
        sources = {(s.start, s.end): src for s, src in patterns + ents}
        inner = filter_spans([s for s, _ in patterns])
        out = []
        for span in filter_spans([s for s, _ in ents + patterns]):
            source = sources[(span.start, span.end)]
            fallback = [(s, sources[(s.start, s.end)]) for s in inner
                        if source == "ner" and span.start <= s.start and s.end <= span.end and s != span]
            out.append((span, source, fallback))
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[Span, str, list]]) -> None:
        anchor = _parse_date(published(doc))
        items: list[dict] = []
        for span, source, fallback in _join_adjacent(doc, matches, anchor):
            if source == "ner" and _not_a_time(doc, span):
                continue
            found = self.read_span(doc, span, source, anchor)
            if not found and source == "ner":
                found = self.read_span(doc, _after_comma(doc, span), source, anchor)
            if not found:
                for inner, inner_source in fallback:
                    found += self.read_span(doc, inner, inner_source, anchor)
            items += found
        for i, item in enumerate(items, 1):
            item["id"] = f"t{i}"
        doc._.onrecord_times = items

    def read_span(self, doc: Doc, span: Span | None, source: str, anchor: date | None) -> list[dict]:
        if span is None:
            return []
        if source == "after_event":
            return [_after_event(span, anchor, self.conditions)] if clause_tense(span) == "future" else []
        if source == "ner":
            span = _trim(doc, span)
            if span is None or _not_a_time(doc, span):
                return []
        tense = clause_tense(span)
        span = _extend_left(doc, span, anchor, tense)
        pieces = split_range(span.text) if source == "ner" else None
        if pieces:
            base = span.start_char
            return [it for s, e, phrase in pieces
                    if (it := _item(span.text[s:e], base + s, phrase, anchor, tense, source))]
        item = _item(span.text, span.start_char, span.text, anchor, tense, source)
        if item and tense == "future":
            item = _with_preposition(doc, span, item, anchor, tense, source)
        elif item and tense != "past":  # "a deal by the end of the year is unlikely" looks ahead too,
            wider = _with_preposition(doc, span, item, anchor, tense, source)  # but TimeML keeps "by" out
            item = {**wider, **{k: item[k] for k in ("start", "end", "text")}}
        return [item] if item else []


def _keep_pattern(doc: Doc, span: Span, source: str) -> bool:
    """Patterns that misfire: "as soon as", the "five-minute" inside "sub-five-minute"."""
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if span.text.lower() == "soon" and ("as" in (before, after)):
        return False
    return not (source == "amount" and before in ("-", "sub"))


def _not_a_time(doc: Doc, span: Span) -> bool:
    trimmed = _trim(doc, span)
    return trimmed is None or _is_age(doc, trimmed) or _is_classifier(doc, trimmed)


def _after_comma(doc: Doc, span: Span) -> Span | None:
    commas = [t.i for t in span if t.text == ","]
    return doc[commas[-1] + 1:span.end] if commas and commas[-1] + 1 < span.end else None


def _is_classifier(doc: Doc, span: Span) -> bool:
    """A bare year that classifies a noun ("the 1953 team", "the 2010 raid") names no time of its own."""
    return (len(span) == 1 and span[0].like_num and len(span.text) == 4 and span.start > 0
            and doc[span.start - 1].lower_ == "the" and span[0].head.pos_ == "NOUN"
            and span[0].head.i > span[0].i)


def _item(surface: str, start: int, phrase: str, anchor, tense: str, source: str) -> dict | None:
    """The contract dict for the text ``surface`` at ``start``, read as ``phrase``."""
    reading = read_cached(phrase, anchor, tense)
    if reading is None:
        return None
    item = dict(reading)
    item["rule"] = item["rule"] if source == item["rule"] else f"{source}/{item['rule']}"
    return {"id": "", "start": start, "end": start + len(surface), "text": surface, **item, "condition": None}


def _with_preposition(doc: Doc, span: Span, item: dict, anchor, tense: str, source: str) -> dict:
    """Take in the preposition before the span when it turns the date into a horizon."""
    if span.start == 0 or doc[span.start - 1].lower_ not in HORIZON_PREPS:
        return item
    prep = doc[span.start - 1]
    if prep.i > 0 and (doc[prep.i - 1].tag_ in ("JJS", "RBS") or doc[prep.i - 1].lower_ in SINCE_WORDS):
        return item  # "the worst in a decade", "the first time in years": a span of past time
    text = doc[prep.i:span.end].text
    wider = _item(text, prep.idx, text, anchor, tense, source)
    if wider and (wider["horizon"] or wider["value"] != item["value"]) and wider["horizon"] >= item["horizon"]:
        return wider
    return item


def _after_event(span: Span, anchor: date | None, conditions: dict[str, str]) -> dict:
    """"after the war" in a future clause: an open horizon with the event's end as condition."""
    np = span[max(t.i for t in span[1:] if t.lower_ in ("the", "this", "that", "a")) - span.start:]
    template = conditions.get(span[-1].lower_, "{np} is over")
    return {"id": "", "start": span.start_char, "end": span.end_char, "text": span.text, "type": "DATE",
            "value": "FUTURE_REF", "earliest": anchor.isoformat() if anchor else None, "latest": None,
            "relative_days": [0, None], "horizon": True, "open": True,
            "condition": template.format(np=np[0].lower_ + np.text[len(np[0].text):]),
            "rule": "after_event"}


def _trim(doc: Doc, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in TRIM_LEFT:
        start += 1
    while end > start and doc[end - 1].lower_ in TRIM_RIGHT:
        end -= 1
    return doc[start:end] if end > start else None


def _is_age(doc: Doc, span: Span) -> bool:
    """Ages read like dates to the NER: "Raymond Roth, 48,", "his 22-year-old son", "ages 6 months"."""
    text = span.text
    if text.isdigit() and len(text) < 4:
        return True
    if any(t.lower_ in AGE_WORDS or t.lower_.endswith("-old") for t in span):
        return True
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in AGE_WORDS or after in ("old", "-old")


def _extend_left(doc: Doc, span: Span, anchor, tense: str) -> Span:
    """"This year": the NER often leaves out the determiner that makes the phrase deictic."""
    if span.start and doc[span.start - 1].lower_ in EXTEND_LEFT and span[0].lower_ not in EXTEND_LEFT:
        wider = doc[span.start - 1:span.end]
        if read_cached(wider.text, anchor, tense) is not None:
            return wider
    return span


def _join_adjacent(doc: Doc, matches: list, anchor) -> list:
    """"Friday" + "afternoon": two touching spans the NER split, read as one expression."""
    out: list = []
    for span, source, fallback in matches:
        if out and out[-1][0].end == span.start and "after_event" not in (out[-1][1], source):
            joined = doc[out[-1][0].start:span.end]
            if read_cached(joined.text, anchor, "none") is not None:
                out[-1] = (joined, out[-1][1], [])
                continue
        out.append((span, source, fallback))
    return out


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@Language.factory("onrecord_time", assigns=["doc._.onrecord_times"],
                  requires=["doc.ents", "token.dep", "token.tag"],
                  default_config={"use_ner": True, "words_path": None, "conditions_path": None})
def make_time(nlp: Language, name: str, use_ner: bool, words_path: str | None, conditions_path: str | None):
    return TimeTagger(nlp, name, use_ner=use_ner, words_path=words_path, conditions_path=conditions_path)
