"""onrecord_causal: what the text says drives what — cause, effect, polarity, cue, hedging, and who says so.

Cues are data (``lexicons/causal_cues.tsv``): causal verbs ("pushes them to this decision", "prevented this
scenario"), prepositional phrases ("as a result of", "in response to"), subordinators ("because"),
purpose markers ("so that") and adverbs ("therefore"). Phrases are found with one PhraseMatcher and verbs
by lemma, both built once; cause and effect spans come from the parse (``causal_spans``). A link inside a
quote is asserted by the quote's speaker, any other by the author.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...lexicons import lexicon_path, read_rows
from . import model as causal_model
from .spans import adverb_pair, conj_pair, noun_pair, prep_pair, purpose_pair, verb_pair, weak_pairs
from ..context import annotate_safely, context, declare, text_of, upstream

declare("onrecord_causal")

LEXICON = lexicon_path("causal_cues.tsv")
HEDGES = {"may", "might", "could", "perhaps", "possibly", "probably", "likely", "apparently", "reportedly",
          "seem", "appear", "suggest", "allegedly", "presumably", "arguably", "think", "believe"}
STRIP = set(" \n\t.,;:\"“”«»„")
MOST_PAIRS = 2
SECOND_PAIR = ("to", "mark", "prep", "participle")
BYLINE_WITHIN = 2000  # characters: the byline is looked for near the top only
PAIRS = {"prep": prep_pair, "purpose": purpose_pair, "adverb": adverb_pair, "noun": noun_pair}


def load_causal_cues(path: str | Path = LEXICON) -> list[tuple[str, str, str, bool]]:
    """[(phrase, kind, polarity, gated)] from the TSV lexicon; comment lines start with #."""
    rows = []
    for cells in read_rows(Path(path)):
        phrase, kind, polarity, gate, *_ = cells + ["", "", ""]
        rows.append((phrase, kind, polarity or "increase", gate == "model"))
    return rows


class CausalLinks:
    """Find causal links (``match``) and write them as plain dicts (``set_annotations``)."""

    def __init__(self, nlp: Language, name: str = "onrecord_causal", *, lexicon: str | None = None,
                 use_model: bool = True, threshold: float | None = None):
        self.name = name
        self.nlp = nlp
        self.use_model = use_model
        self.weights, self.threshold = causal_model.load() if use_model else (None, 1.0)
        if threshold is not None:
            self.threshold = threshold
        self._load_cues(Path(lexicon or LEXICON))

    def _load_cues(self, lexicon: Path) -> None:
        """Verbs by lemma, other phrases in one PhraseMatcher: built once, not per document."""
        self.lexicon = lexicon
        self.verbs: dict[str, list[tuple[str | None, str]]] = {}
        self.phrases: dict[str, tuple[str, str]] = {}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.gated: set[str] = set()
        for phrase, kind, polarity, gated in load_causal_cues(lexicon):
            if gated:
                self.gated.add(f"{kind}:{phrase}")
            if kind == "verb":
                lemma, _, particle = phrase.partition(" ")
                self.verbs.setdefault(lemma, []).append((particle or None, polarity))
            else:
                self.phrases[phrase] = (kind, polarity)
                self.matcher.add(phrase, [self.nlp.make_doc(phrase)])

    def to_disk(self, path, exclude=()) -> None:
        """Save the cue lexicon and the classifier with the pipeline."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON.name).write_text(self.lexicon.read_text(encoding="utf-8"), encoding="utf-8")
        if self.weights is not None:
            causal_model.save(path / causal_model.MODEL.name, self.weights, self.threshold)

    def from_disk(self, path, exclude=()) -> "CausalLinks":
        path = Path(path)
        self._load_cues(path / LEXICON.name)
        if self.use_model and (path / causal_model.MODEL.name).exists():
            self.weights, self.threshold = causal_model.load(str(path / causal_model.MODEL.name))
        return self

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W180", "onrecord_causal")

    def match(self, doc: Doc) -> list[dict]:
        """Candidate links: {cause, effect (char spans), cue (Span), polarity, rule}."""
        found = []
        for match_id, start, end in _longest(self.matcher(doc)):
            phrase = doc.vocab.strings[match_id]
            kind, polarity = self.phrases[phrase]
            cue = doc[start:end]
            pair = self._phrase_pair(cue, kind)
            if pair:
                found.append(_link(pair, cue, _polarity(pair, doc, polarity), f"{kind}:{phrase}"))
        for tok in doc:
            for particle, polarity in self.verbs.get(tok.lemma_.lower(), ()) if tok.pos_ == "VERB" else ():
                if particle and not any(c.lower_ == particle for c in tok.children):
                    continue
                pair = verb_pair(tok, particle)
                if pair:
                    cue = doc[tok.i:tok.i + 1]
                    found.append(_link(pair, cue, polarity, f"verb:{tok.lemma_.lower()}{' ' + particle if particle else ''}"))
                    break
        kept = self._ungate(found)
        links = kept + self._model_links(doc, kept)
        byline = _byline(doc)
        return [m for m in links if not any(_overlap((m["cue"].start_char, m["cue"].end_char), b) for b in byline)]

    def _ungate(self, found: list[dict]) -> list[dict]:
        """Drop links of gated cues ("raise", "since") in sentences the classifier does not call causal."""
        if not self.gated:
            return found
        keep = lambda m: m["rule"] not in self.gated or (  # noqa: E731
            self.weights is not None and causal_model.probability(m["cue"].sent, self.weights) >= self.threshold)
        return [m for m in found if keep(m)]

    def _model_links(self, doc: Doc, found: list[dict]) -> list[dict]:
        """Sentences the classifier calls causal: read weaker connectives, up to MOST_PAIRS links a sentence
        with the cue links counted in ("to avoid delays ..., after the strike": CNC marks both)."""
        if self.weights is None:
            return []
        links = []
        for sent in doc.sents:
            cues = [m for m in found if sent.start <= m["cue"].start < sent.end]
            if len(sent) < 4 or len(cues) >= MOST_PAIRS:
                continue
            if causal_model.probability(sent, self.weights) < self.threshold:
                continue
            causes = [m["cause"] for m in cues]
            for pair, cue, rule in _distinct(weak_pairs(sent), SECOND_PAIR):
                if len(causes) >= MOST_PAIRS or any(_overlap(pair[0], c) for c in causes) or \
                        any(cue.start == m["cue"].start for m in cues):
                    continue
                causes.append(pair[0])
                links.append(_link(pair, cue, _polarity(pair, doc, "increase"), rule + "+model"))
        return links

    def _phrase_pair(self, cue: Span, kind: str):
        if kind == "conj":
            return conj_pair(cue[0]) if cue[0].dep_ == "mark" else None
        if kind == "adverb" and cue.text.lower() == "so" and not _clausal_so(cue[0]):
            return None
        return PAIRS[kind](cue) if kind in PAIRS else None

    def set_annotations(self, doc: Doc, matches: list[dict]) -> None:
        quotes = upstream(doc, "onrecord_quotes")
        links = []
        for m in sorted(matches, key=lambda m: m["cue"].start_char):
            cue = m["cue"]
            holder = next((q for q in quotes if q["content"][0] <= cue.start_char < q["content"][1]), None)
            links.append({
                "id": f"c{len(links) + 1}", "cause": list(m["cause"]), "effect": list(m["effect"]),
                "polarity": m["polarity"], "cue": [cue.start_char, cue.end_char], "hedged": _hedged(cue),
                "asserted_by": (holder.get("speaker") or "author") if holder else "author",
                "asserted_by_text": holder.get("speaker_text") if holder else None,
                "rule": m["rule"],
            })
        doc._.onrecord_causal = links


def _link(pair, cue: Span, polarity: str, rule: str) -> dict:
    text = text_of(cue.doc)
    return {"cause": _clean(text, pair[0]), "effect": _clean(text, pair[1]), "cue": cue, "polarity": polarity, "rule": rule}


def _clean(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """No quotation marks, final stops or spaces at the edges of a cause or effect."""
    start, end = span
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return (start, end) if end > start else span


def _distinct(pairs, extra: tuple[str, ...], most: int = MOST_PAIRS) -> list:
    """The first weak pair, plus later ones whose rule is in ``extra`` and whose cause overlaps no cause
    taken so far (CNC sentences average 1.4 links: "marched to demand X after Y")."""
    out: list = []
    for pair, cue, rule in pairs:
        c = pair[0]
        if out and (rule.split(":")[1] not in extra or any(c[0] < o[0][0][1] and o[0][0][0] < c[1] for o in out)):
            continue
        out.append((pair, cue, rule))
        if len(out) == most:
            break
    return out


def _byline(doc: Doc) -> list[tuple[int, int]]:
    """Where the authors' names and roles stand in the text ("Columnist on European security"): they
    state no cause, and the classifier reads such fragments poorly. Found via the document context."""
    text = text_of(doc)
    found = []
    for author in context(doc).get("authors") or []:
        for line in (author.get("name"), author.get("role")):
            at = text.find(line.strip(), 0, BYLINE_WITHIN) if line and line.strip() else -1
            if at >= 0:
                found.append((at, at + len(line.strip())))
    return found


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _longest(matches):
    """Keep the longest of overlapping phrase matches ("as a result of" over "as a result")."""
    kept: list[tuple[int, int, int]] = []
    for m in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
        if not kept or m[1] >= kept[-1][2]:
            kept.append(m)
    return kept


def _clausal_so(tok) -> bool:
    """'X, so Y' joins clauses; 'so much', 'so far', 'do so' do not."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ in {"cc", "advmod", "mark"} and nxt is not None and nxt.pos_ not in {"ADJ", "ADV", "PUNCT"} \
        and tok.i > tok.sent.start and tok.doc[tok.i - 1].text in {",", ";"}


def _polarity(pair, doc: Doc, polarity: str) -> str:
    """A connective before a negated effect ("because of the storm, the vote did not happen") prevents it."""
    effect = doc.char_span(*pair[1], alignment_mode="expand")
    if polarity == "increase" and effect is not None and any(t.dep_ == "neg" and t.head == effect.root for t in effect):
        return "prevent"
    return polarity


def _hedged(cue: Span) -> bool:
    """Hedged when the cue's clause carries a modal or hedging word ("may lead to", "probably because")."""
    sent = cue.sent
    verb = cue.root if cue.root.pos_ in {"VERB", "AUX"} else cue.root.head
    near = [t for t in sent if t.head.i == verb.i or t.i == verb.i or t.head.i == verb.head.i]
    return any(t.lemma_.lower() in HEDGES for t in near)


@Language.factory("onrecord_causal", assigns=["doc._.onrecord_causal"],
                  requires=["token.dep", "token.lemma", "doc.sents", "doc._.onrecord_quotes"],
                  default_config={"lexicon": None, "use_model": True, "threshold": None})
def make_causal(nlp: Language, name: str, lexicon: str | None, use_model: bool, threshold: float | None) -> CausalLinks:
    return CausalLinks(nlp, name, lexicon=lexicon, use_model=use_model, threshold=threshold)
