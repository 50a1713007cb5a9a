"""Estimative language -> probability, from the table in lexicons/estimative.csv.

The table maps cue words ("likely", "inevitable", "may", a flat "will") to survey medians
(CAPphrase n=5,174, Mauboussin, Fagen-Ulmschneider, zonination) or official bands (ICD 203, Kent);
see its header. A forecast's probability is set by the most specific cue in its clause or frame:
an adverb, adjective or chance phrase beats a verb of belief, which beats the bare modal.
"""
from __future__ import annotations

import functools
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ...lexicons import lexicon_path, read_records

TABLE = lexicon_path("estimative.csv")
FRAMES = lexicon_path("estimative_frames.csv")
PRIORITY = {"phrase": 0, "adverb": 0, "adjective": 0, "frame": 1, "modal": 2}
NEGATORS = {"not", "n't", "never", "no"}


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
                         modal_cue: str = "will") -> tuple[float, list[int] | None, str]:
    """(probability, [start, end] char span of the cue, table row) for one forecast.

    ``lexical`` are the doc's cue matches, ``scope`` the token indices of the clause and its frame,
    ``frame`` a verb of belief that governs the clause, ``modal`` the auxiliary or marker token.
    """
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
        return row["probability"], None, row["source"]
    best = min(options, key=lambda o: o[:2])
    if best[0] > 0:  # a belief verb and a modal: hedges compound, the lower one holds ("I think X may ...")
        best = min((o for o in options if o[0] > 0), key=lambda o: table[o[2]]["probability"])
    _, _, cue, span = best
    row = table[cue]
    if row["kind"] != "modal" and row.get("negated_cue") and any(is_negated(t) for t in span):
        row = table.get(row["negated_cue"], row)
    return row["probability"], [span.start_char, span.end_char], f"{row['source']} ({row['cue']})"
