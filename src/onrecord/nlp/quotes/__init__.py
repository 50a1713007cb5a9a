"""onrecord_quotes: who said what — direct quotes, reported speech and mixed quotes.

Direct quotes are found by their marks (``quote_marks``) and attributed to the nearest speech verb
outside any quote, or to a "Name:" lead-in, or carried over from the quote before; reported speech
(``quote_reported``) is a verb of ``lexicons/speech_verbs.tsv`` with its content ("warned Putin that
...", "vowed to stay"), or "according to X". Speakers and addressees become actor ids (``quote_speakers``).
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...errors import warning
from ...lexicons import lexicon_path, read_rows
from ..context import add_warning, annotate_safely, declare, text_of
from ..syntax import inherited_subject, noun_phrase
from .attribution import AttributionModel, weigh
from .labels import labelled_lines
from .marks import CLOSERS, quoted_spans
from .reported import addressee, item, nominal, passive, reported_speech
from .speakers import is_speaker, resolve_actor

declare("onrecord_quotes")

TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from", "is"}
SIGNATURE = re.compile(r"[\s\xa0]*[―—–]+[\s\xa0]*([A-Z][\w.'’ -]{1,60}?)[.\s\xa0]*$")
CUE_POS = {"VERB", "NOUN", "ADJ"}  # the parts of speech a cue can have (speed: skip the rest early)
UNCUED = {"direct-continued", "direct-nearest-person", "direct-unattributed", "scare-quote"}
LEXICON = lexicon_path("speech_verbs.tsv")


def load_speech_verbs(path: str | Path = LEXICON) -> dict[str, tuple[str, str, str]]:
    """lemma -> (class, addressee rule, object rule) from the TSV lexicon; comment lines start with #."""
    verbs = {}
    for cells in read_rows(Path(path)):
        lemma, cls, to, obj, *_ = cells + ["-", "-", "-"]
        verbs[lemma] = (cls, to, obj)
    return verbs


class Quotes:
    """Find quotes (``match``) and write them as plain dicts with actor ids (``set_annotations``)."""

    def __init__(self, nlp: Language, name: str = "onrecord_quotes", *, lexicon: str | None = None,
                 min_unattributed_words: int = 8, use_model: bool = True):
        self.name = name
        self.lexicon = Path(lexicon or LEXICON)
        self.verbs = load_speech_verbs(self.lexicon)
        self.min_unattributed_words = min_unattributed_words
        self.model = AttributionModel() if use_model else None

    def to_disk(self, path, exclude=()) -> None:
        """Save the speech-verb lexicon with the pipeline, so a saved model keeps a user's added rows."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON.name).write_text(self.lexicon.read_text(encoding="utf-8"), encoding="utf-8")

    def from_disk(self, path, exclude=()) -> "Quotes":
        self.lexicon = Path(path) / LEXICON.name
        self.verbs = load_speech_verbs(self.lexicon)
        return self

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W160", "onrecord_quotes")

    # -- finding -------------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[dict]:
        """Speaker labels, then quotes by their marks, then reported speech off the parse; a reported
        clause holding a quote makes it mixed (``_merge``)."""
        spans, broken = quoted_spans(text_of(doc))
        if broken:
            add_warning(doc, warning("W102", f"{broken} quotation mark(s) without a partner; quotes closed at paragraph ends"))
        starts = [s for s, _ in spans]
        inside = lambda tok: _inside(tok, spans, starts)  # noqa: E731
        labels = _label_items(doc)
        direct = [d for d in self._direct_quotes(doc, spans, inside)
                  if not any(d["content"][0] <= lab["content"][0] < d["content"][1] for lab in labels)]
        used = {m["cue"].start: m["content"] for m in direct
                if m["cue"] is not None and m["rule"] != "direct-previous-cue"}
        found = ((tok, reported_speech(tok, self.verbs)) for tok in doc
                 if (tok.pos_ in CUE_POS or tok.lower_ == "according") and not inside(tok))
        reported = [_to_quote_end(m, direct) for tok, m in found if m]
        reported = [m for m in reported if _frames(m, used.get(m["cue"].start))]
        found = _merge(_join_split_quotes(doc, sorted(labels + direct, key=lambda d: d["content"][0])), reported)
        return found if self.model is None else weigh(doc, found, self.model, self.verbs, spans, inside)

    def _direct_quotes(self, doc: Doc, spans, inside) -> list[dict]:
        found: list[dict] = []
        for start, end in spans:
            quote = doc.char_span(start, end, alignment_mode="expand")
            if quote is None or not any(t.is_alpha for t in quote):
                continue
            if _title(quote):
                found.append(item("direct", quote, None, None, None, "scare-quote"))
                continue
            attributed = self._attribute(doc, quote, inside) or _continued(doc, quote, found[-1:])
            words = sum(t.is_alpha for t in quote)
            if attributed is None:
                rule = "direct-unattributed" if words >= self.min_unattributed_words else "scare-quote"
                attributed = item("direct", quote, None, None, None, rule)
            found.append(attributed)
        return found

    def _attribute(self, doc: Doc, quote: Span, inside) -> dict | None:
        """The speech verb nearest the quote, outside quotes, in the quote's sentences."""
        window = _window(doc, quote)
        cues = [t for t in window if self._is_cue(t) and not inside(t) and not _has_own_content(t, quote, inside)
                and not passive(t)]
        if cues:
            cue = min(cues, key=lambda t: min(abs(t.idx - quote.end_char), abs(quote.start_char - t.idx)))
            subject = nominal(inherited_subject(cue))
            if subject is not None and quote.start <= subject.i < quote.end:
                subject = None
            if subject is None and sum(t.is_alpha for t in quote) < 4:
                return None  # 'the so-called "peace plan" was rejected': a scare quote
            speaker = noun_phrase(subject) if subject is not None else None
            return item("direct", quote, doc[cue.i:cue.i + 1], speaker, addressee(cue, None, self.verbs), "direct-speech-verb")
        signed = _dash_signature(doc, quote)
        if signed is not None:
            return item("direct", quote, None, signed, None, "direct-signed")
        lead = _colon_lead(doc, quote)
        if lead is not None:
            return item("direct", quote, None, lead, None, "direct-colon")
        if sum(t.is_alpha for t in quote) < 5:
            return None
        before = self._previous_cue(doc, quote, inside)
        if before is not None:
            return item("direct", quote, doc[before.i:before.i + 1], noun_phrase(nominal(inherited_subject(before))),
                         None, "direct-previous-cue")
        person = _nearest_person(doc, quote)
        if person is not None:
            return item("direct", quote, None, person, None, "direct-nearest-person")
        return None

    def _previous_cue(self, doc: Doc, quote: Span, inside) -> Token | None:
        """'Caddell told reporters he was surprised. “Quote.”': the speech verb of the sentence before."""
        first = doc[quote.start].sent
        if first.start == 0 or "\n\n" in text_of(doc)[doc[first.start - 1].idx:quote.start_char]:
            return None
        previous = doc[first.start - 1].sent
        cues = [t for t in previous if self._is_cue(t) and not inside(t) and not passive(t)
                and nominal(inherited_subject(t)) is not None]
        return cues[-1] if cues else None

    def _is_cue(self, tok: Token) -> bool:
        return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in self.verbs

    # -- writing -------------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, matches: list[dict]) -> None:
        items = []
        for m in sorted((m for m in matches if m["rule"] != "scare-quote"), key=lambda m: m["content"][0]):
            m["speaker"] = m["speaker"] if is_speaker(m["speaker"]) else None  # unknown, not "Video shows"
            speaker = resolve_actor(doc, m["speaker"])
            to = resolve_actor(doc, m["addressee"], exclude=speaker)
            cue = m["cue"]
            items.append({
                "id": f"q{len(items) + 1}", "speaker": speaker,
                "speaker_text": m["speaker"].text if m["speaker"] is not None else None,
                "kind": m["kind"], "cue": [cue.start_char, cue.end_char] if cue is not None else None,
                "content": list(m["content"]), "addressee": to,
                "addressee_text": m["addressee"].text if m["addressee"] is not None else None,
                "rule": m["rule"], "within": None,
            })
        _mark_nested(items)
        doc._.onrecord_quotes = items


def _mark_nested(items: list[dict]) -> None:
    """'X said *the campaign plans to ...*': an attribution cued inside another's content is part of
    what the outer speaker reports; ``within`` names the outer one (PolNeAR annotates only the outer)."""
    for inner in items:
        s, e = inner["content"]
        holders = [o for o in items if o is not inner and o["content"][0] <= s and e <= o["content"][1]
                   and o["content"] != inner["content"]
                   and (inner["cue"] is None or o["content"][0] <= inner["cue"][0] < o["content"][1])]
        if holders:
            inner["within"] = min(holders, key=lambda o: o["content"][1] - o["content"][0])["id"]


def _title(quote: Span) -> bool:
    """'“Morning Joe,”', '“A Change Is Gonna Come”': a short quote in title case names a show, a book
    or a song, it does not report words."""
    words = [t for t in quote if t.is_alpha]
    return 0 < len(words) <= 8 and words[0].is_title and \
        all(t.is_title or t.is_upper or t.lower_ in TITLE_SMALL for t in words) and sum(t.is_title for t in words) > 1


def _label_items(doc: Doc) -> list[dict]:
    """'Rivera: Talks Will Resume' and '"MODERATOR: Let us begin."': the label speaks the line."""
    found = []
    for label, (start, end), transcript in labelled_lines(doc):
        colon = doc.char_span(label.end_char, start, alignment_mode="expand")
        content = text_of(doc)[start:end].rstrip().rstrip('"”')
        found.append(item("direct" if transcript else "indirect", (start, start + len(content)), colon, label, None,
                          "label-transcript" if transcript else "label-headline"))
    return sorted(found, key=lambda f: f["content"])


def _frames(reported: dict, quote: tuple[int, int] | None) -> bool:
    """A cue that attributes a direct quote also reports a larger clause only when that clause holds
    the quote: 'called the plan “a fraud”', 'tweeted that she was “disgusting”' (a mixed quote)."""
    if quote is None:
        return True
    s, e = reported["content"]
    return s <= quote[0] and quote[1] <= e and (s, e) != tuple(quote) and e - s > quote[1] - quote[0] + 3


def _inside(tok: Token, spans, starts) -> bool:
    i = bisect.bisect_right(starts, tok.idx) - 1
    return i >= 0 and spans[i][0] <= tok.idx < spans[i][1]


def _window(doc: Doc, quote: Span) -> list[Token]:
    """Tokens of the sentences the quote starts and ends in, and of the next one after a "...," quote."""
    first, last = doc[quote.start].sent, doc[quote.end - 1].sent
    start, end = first.start, last.end
    if end < len(doc) and end == quote.end and "\n" not in doc[end - 1].whitespace_ + doc[end].text:
        end = doc[end].sent.end
    text = text_of(doc)
    return [t for t in doc[start:end] if "\n" not in text[min(t.idx, quote.start_char):max(t.idx, quote.end_char)]]


def _has_own_content(cue: Token, quote: Span, inside) -> bool:
    """A speech verb whose reported clause is headed outside any quote ("said the plan was "dead"")
    cues that larger clause (a mixed quote), not this quote; a clause in another quote is that quote's."""
    return any(c.dep_ == "ccomp" and not (quote.start <= c.i < quote.end) and not inside(c) for c in cue.children)


def _dash_signature(doc: Doc, quote: Span) -> Span | None:
    """'“We will rebuild.” ― Ana Ruiz.': a name after a dash closing the paragraph signs the quote."""
    text = text_of(doc)
    end = text.find("\n", quote.end_char)
    m = SIGNATURE.match(text[quote.end_char:len(text) if end < 0 else end])
    if m is None:
        return None
    return doc.char_span(quote.end_char + m.start(1), quote.end_char + m.end(1), alignment_mode="expand")


def _colon_lead(doc: Doc, quote: Span) -> Span | None:
    """'Caddell continued:' or 'Austin:' right before the quote: the phrase before the colon."""
    before = text_of(doc)[:quote.start_char].rstrip()
    if not before.endswith(":") or quote.start == 0:
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    prev = doc[colon.start - 1]
    head = inherited_subject(prev) if prev.pos_ in {"VERB", "AUX"} else (prev if prev.pos_ in {"PROPN", "NOUN"} else None)
    return noun_phrase(head) if head is not None else None


def _join_split_quotes(doc: Doc, direct: list[dict]) -> list[dict]:
    """'“A,” he said. “B.”' is one statement cut by its attribution, and a quote left open at a
    paragraph's end runs on into the next: one item each (PolNeAR annotates one content)."""
    joined: list[dict] = []
    for item in direct:
        last = joined[-1] if joined else None
        split = last is not None and _splits(last, item)
        if split or last is not None and _runs_on(text_of(doc), last, item):
            last["content"] = (last["content"][0], item["content"][1])
            last["rule"] = "direct-speech-verb+split" if split else last["rule"].split("+")[0] + "+running"
            continue
        joined.append(item)
    return joined


def _runs_on(text: str, last: dict, item: dict) -> bool:
    """'“We will stay.\n\n“And we will win,” she said.': no closing mark before the paragraph break,
    the next paragraph opens a quote with no cue of its own (newspaper convention)."""
    if last["kind"] != "direct" or item["kind"] != "direct" or item["rule"] not in UNCUED:
        return False
    end, start = last["content"][1], item["content"][0]
    line_end = text.find("\n", end)
    gap = text[end:start]
    return "\n" in gap and line_end >= 0 and not text[end:line_end].strip() and \
        not gap.strip() and text[:end].rstrip()[-1:] not in CLOSERS


def _splits(last: dict, item: dict) -> bool:
    """The second part follows in the same paragraph, with the first part's attribution between them
    and no cue of its own ("“A,” she said, smiling. “B.”")."""
    cue, before = last["cue"], item["cue"]
    if cue is None or not last["content"][1] <= cue.start_char < item["content"][0]:
        return False
    gap = text_of(cue.doc)[last["content"][1]:item["content"][0]]
    same = before is not None and before.start == cue.start
    uncued = before is None or item["rule"] == "direct-previous-cue"  # the cue between is its cue
    return "\n" not in gap and (same or uncued and len(gap) <= 400)


def _nearest_person(doc: Doc, quote: Span) -> Span | None:
    """A quote standing alone goes to the last person named before it in this or the last paragraph
    (the fallback of the GenderGapTracker's quote rules, Asr et al. 2021)."""
    text = text_of(doc)
    start = text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, quote.start_char)))
    people = [(s, e) for char, s, e in _people(doc) if max(start, 0) <= char and e <= quote.start]
    return doc[people[-1][0]:people[-1][1]] if people else None


def _people(doc: Doc) -> list[tuple[int, int, int]]:
    """(start char, start, end) of the PERSON entities, listed once per Doc: ``doc.ents`` builds every
    span again on each access. Plain ints, so the Doc still pickles for ``n_process`` > 1."""
    found = doc.user_data.get(PEOPLE_KEY)
    if found is None:
        found = doc.user_data[PEOPLE_KEY] = [(e.start_char, e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    return found


PEOPLE_KEY = "onrecord_people"


def _continued(doc: Doc, quote: Span, previous: list[dict]) -> dict | None:
    """A quote paragraph right after an attributed quote keeps its speaker (newspaper convention)."""
    if not previous or previous[0]["speaker"] is None:
        return None
    gap = text_of(doc)[previous[0]["content"][1]:quote.start_char]
    if len(gap) > 3 or "\n" not in gap and gap.strip():
        return None
    return item("direct", quote, None, previous[0]["speaker"], previous[0]["addressee"], "direct-continued")


def _merge(direct: list[dict], reported: list[dict]) -> list[dict]:
    """Reported clauses that hold a quote become mixed; ones inside a quote lend it their cue."""
    keep = list(direct)
    for r in reported:
        rs, re_ = r["content"]
        if any(k["content"] == r["content"] for k in keep):
            continue  # "made it clear to him, to tell his boss that ...": one clause, the outer cue
        holders = [d for d in direct if d["content"][0] <= rs and re_ <= d["content"][1]]
        if holders:
            d = holders[0]
            if d["speaker"] is None and r["speaker"] is not None:
                d.update(speaker=r["speaker"], cue=r["cue"], addressee=r["addressee"], rule="direct-speech-verb")
            continue
        inner = [d for d in keep if rs <= d["content"][0] and d["content"][1] <= re_]
        if inner:
            r = {**r, "kind": "mixed", "rule": r["rule"] + "+quote"}
            keep = [d for d in keep if d not in inner]
        keep.append(r)
    return keep


def _to_quote_end(reported: dict, direct: list[dict]) -> dict:
    """'saying it is “not a good night.”': a clause the parse ends before the closing mark takes it."""
    s, e = reported["content"]
    ends = [d["content"][1] for d in direct if s <= d["content"][0] < e < d["content"][1] <= e + 3]
    return {**reported, "content": (s, max(ends))} if ends else reported


@Language.factory("onrecord_quotes", assigns=["doc._.onrecord_quotes"],
                  requires=["token.dep", "token.lemma", "doc.sents", "doc._.onrecord_actors", "doc._.onrecord_mentions"],
                  default_config={"lexicon": None, "min_unattributed_words": 8, "use_model": True})
def make_quotes(nlp: Language, name: str, lexicon: str | None, min_unattributed_words: int, use_model: bool) -> Quotes:
    return Quotes(nlp, name, lexicon=lexicon, min_unattributed_words=min_unattributed_words, use_model=use_model)
