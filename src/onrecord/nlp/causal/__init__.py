"""onrecord_causal: what the text says drives what — cause, effect, polarity, cue, hedging, and who says so.

Cues are data (``lexicons/causal_cues.tsv``): causal verbs ("pushes them to this decision", "prevented this
scenario"), prepositional phrases ("as a result of", "in response to"), subordinators ("because"),
purpose markers ("so that") and adverbs ("therefore"). Phrases are found with one PhraseMatcher and verbs
by lemma, both built once; cause and effect spans come from the parse (``spans.py``), and so do weaker
connectives' pairs ("after", "demanding", "to protest"). Every candidate must be well-formed and is scored
by a trained ranker (``links.py``); only confident links are reported, each with its ``confidence``. A
link inside a quote is asserted by the quote's speaker, any other by the author.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...lexicons import lexicon_path, read_rows
from . import model as causal_model
from .links import link_features, link_probability, select, well_formed
from .spans import adverb_pair, conj_pair, noun_pair, prep_pair, purpose_pair, verb_pair, weak_pairs
from ..context import annotate_safely, context, declare, text_of, upstream

declare("onrecord_causal")

LEXICON = lexicon_path("causal_cues.tsv")
HEDGES = {"may", "might", "could", "perhaps", "possibly", "probably", "likely", "apparently", "reportedly",
          "seem", "appear", "suggest", "allegedly", "presumably", "arguably", "think", "believe"}
STRIP = set(" \n\t.,;:\"“”«»„")
MOST_PAIRS = 2
WEAK_PER_SENTENCE = 6  # weak-connective candidates read per sentence, in the order of spans.weak_pairs
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
        self.artifact = causal_model.MODEL
        self.model = causal_model.load(str(self.artifact)) if use_model else None
        self.threshold = threshold if threshold is not None else (self.model or {}).get("link_threshold", 1.0)
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
        """Save the cue lexicon and the trained model with the pipeline."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON.name).write_text(self.lexicon.read_text(encoding="utf-8"), encoding="utf-8")
        if self.model is not None:
            causal_model.save(path / self.artifact.name, self.model)

    def from_disk(self, path, exclude=()) -> "CausalLinks":
        path = Path(path)
        self._load_cues(path / LEXICON.name)
        if self.model is not None and (path / self.artifact.name).exists():
            self.model = causal_model.load(str(path / self.artifact.name))
        return self

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W180", "onrecord_causal")

    def match(self, doc: Doc) -> list[dict]:
        """The links to report: well-formed candidates; with the model, each sentence's confident ones."""
        byline = _byline(doc)
        found = [m for m in self.candidates(doc) if well_formed(doc, m, byline)]
        if self.model is None:  # rules alone: the cue links whose cue is evidence on its own
            return [m for m in found if self.explicit(m)]
        links = []
        for sent in doc.sents:
            here = [m for m in found if sent.start <= m["cue"].start < sent.end]
            if not here:
                continue
            p_sentence = causal_model.sentence_probability(self.model, sent)
            scored = [(link_probability(self.model["ranker"], link_features(doc, m, p_sentence, rank, len(here))), m)
                      for rank, m in enumerate(here)]
            links += select(scored, self.threshold, max(self.threshold, self.model["second_threshold"]), MOST_PAIRS,
                            self.explicit)
        return links

    def explicit(self, link: dict) -> bool:
        """A link read off a cue that is evidence on its own (not a weak connective, not a gated cue)."""
        return not link["rule"].startswith("weak:") and link["rule"] not in self.gated

    def candidates(self, doc: Doc, weak: bool | None = None) -> list[dict]:
        """Every pair the cue rules and (with the model, or ``weak``) the weaker connectives propose, cue
        links first, each pair once."""
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
        for sent in doc.sents if (self.model is not None if weak is None else weak) else ():
            if len(sent) >= 4:
                for pair, cue, rule in islice(weak_pairs(sent), WEAK_PER_SENTENCE):
                    found.append(_link(pair, cue, _polarity(pair, doc, "increase"), rule))
        seen, out = set(), []
        for m in found:
            if (m["cause"], m["effect"]) not in seen:
                seen.add((m["cause"], m["effect"]))
                out.append(m)
        return out

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
                "rule": m["rule"], **({"confidence": m["confidence"]} if "confidence" in m else {}),
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
