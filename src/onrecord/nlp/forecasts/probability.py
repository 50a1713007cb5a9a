"""Estimative language -> probability, from the table in lexicons/estimative.csv.

The table maps cue words ("likely", "inevitable", "may", a flat "will") to survey medians
(CAPphrase n=5,174, Mauboussin, Fagen-Ulmschneider, zonination) or official bands (ICD 203, Kent);
see its header. A forecast's probability is set by the most specific cue in its clause or frame:
an adverb, adjective or chance phrase beats a verb of belief, which beats the bare modal.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ...lexicons import lexicon_path, read_records
from ..context import text_of

TABLE = lexicon_path("estimative.csv")
FRAMES = lexicon_path("estimative_frames.csv")
PRIORITY = {"phrase": 0, "adverb": 0, "adjective": 0, "frame": 1, "modal": 2}
NEGATORS = {"not", "n't", "never", "no"}
DEFAULT_CUES = {"will", "shall", "going to", "about to", "set to", "poised to", "due to", "would"}
CHANCE = r"(?:chance|probability|likelihood|odds|risk|possibility)"
NUMBER = r"(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent\b)"
STATED = re.compile(rf"{NUMBER}\s+{CHANCE}|{CHANCE}\b[^.;!?]{{0,60}}?\b(?:is|are|at|of|to|puts? it at)\s+{NUMBER}", re.I)


def stated_probability(doc: Doc, scope: set[int]) -> tuple[float, list[int]] | None:
    """A number the text states for the chance ("a 70% chance", "the odds of ... are 30 percent"), inside the
    clause's scope: it wins over any cue word (ANNOTATION.md 5)."""
    if not scope:
        return None
    start, end = doc[min(scope)].idx, doc[max(scope)].idx + len(doc[max(scope)])
    match = STATED.search(text_of(doc)[start:end])  # text_of: Doc.text is rebuilt on every access
    if match is None:
        return None
    value = float(match.group(1) or match.group(2)) / 100
    return (value, [start + match.start(), start + match.end()]) if 0 <= value <= 1 else None


@functools.lru_cache(maxsize=4)
def load_table(path: str = str(TABLE)) -> dict[str, dict]:
    """cue -> {"cue", "kind", "probability", "source", "negated_cue"} (first row wins for a cue)."""
    table: dict[str, dict] = {}
    for row in read_records(Path(path)):
        row["probability"] = float(row["probability"])
        table.setdefault(row["cue"], row)
    return table


@functools.lru_cache(maxsize=4)
def load_frames(path: str = str(FRAMES)) -> dict[str, set[str]]:
    """frame kind (speech, cognition, wish, prescribe, performative) -> verb lemmas."""
    frames: dict[str, set[str]] = {}
    for row in read_records(Path(path)):
        frames.setdefault(row["frame"], set()).add(row["lemma"])
    return frames


class CueFinder:
    """Finds every estimative cue in a Doc once; forecasts then pick the ones in their scope."""

    def __init__(self, nlp, table: dict[str, dict]):
        self.table = table
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue, row in table.items():
            if row["kind"] in ("adverb", "adjective", "phrase"):
                self.matcher.add(cue, [nlp.make_doc(cue)])

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, cue) for lexical cues; the longest wins where matches overlap."""
        found = [(s, e, doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        kept, last_end = [], -1
        for s, e, cue in found:
            if s >= last_end:
                kept.append((s, e, cue))
                last_end = e
        return kept


def is_negated(token: Token) -> bool:
    """A negation attached to the cue word or right before it ("not likely", "don't think")."""
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ == "advmod" for c in token.children):
        return True
    prev = token.nbor(-1) if token.i > 0 else None
    return bool(prev is not None and prev.lower_ in ("not", "n't") and prev.head in (token, token.head))


def estimate_probability(doc: Doc, table: dict[str, dict], lexical: list[tuple[int, int, str]],
                         scope: set[int], frame: Token | None, modal: Token | None,
                         modal_cue: str = "will") -> tuple[float, list[int] | None, str, str]:
    """(probability, [start, end] char span of the cue, table row, basis) for one forecast.

    ``lexical`` are the doc's cue matches, ``scope`` the token indices of the clause and its frame,
    ``frame`` a verb of belief that governs the clause, ``modal`` the auxiliary or marker token.
    ``basis`` says where the number came from: "stated" (a number in the text), "estimative" (a cue word
    other than a flat will), "default" (a flat will / going to, whose table value every such forecast shares).
    """
    stated = stated_probability(doc, scope)
    if stated is not None:
        return stated[0], stated[1], "stated in the text", "stated"
    options = []
    for s, e, cue in lexical:
        if all(i in scope for i in range(s, e)):
            options.append((PRIORITY[table[cue]["kind"]], -(e - s), cue, doc[s:e]))
    if frame is not None and frame.lemma_ in table:
        options.append((PRIORITY["frame"], -1, frame.lemma_, doc[frame.i:frame.i + 1]))
    if modal is not None and modal_cue in table:
        options.append((PRIORITY["modal"], -1, modal_cue, doc[modal.i:modal.i + 1]))
    if not options:
        row = table["will"]
        return row["probability"], None, row["source"], "default"
    best = min(options, key=lambda o: o[:2])
    if best[0] > 0:  # a belief verb and a modal: hedges compound, the lower one holds ("I think X may ...")
        best = min((o for o in options if o[0] > 0), key=lambda o: table[o[2]]["probability"])
    _, _, cue, span = best
    row = table[cue]
    if row["kind"] != "modal" and row.get("negated_cue") and any(is_negated(t) for t in span):
        row = table.get(row["negated_cue"], row)
    basis = "default" if row["cue"] in DEFAULT_CUES else "estimative"
    return row["probability"], [span.start_char, span.end_char], f"{row['source']} ({row['cue']})", basis
