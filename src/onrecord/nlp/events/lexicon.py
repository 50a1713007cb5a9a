"""PLOVER trigger lexicons: data files in lexicons/plover/, compiled once into one spaCy Matcher.

One TSV per PLOVER type (``lexicons/plover/<type>.tsv``) so a user adds rows, not Python; a
user's own folder of files in the same format can be given to the component (``lexicon_dir``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...lexicons import lexicon_path, numbered_rows

LEXICON_DIR = lexicon_path("plover")

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Verbal acts: their complement clause is what is agreed, asked, threatened... not a separate event.
VERBAL_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
# Intent to act, in PLOVER: cooperative intent is AGREE, conflictual intent is THREATEN (CAMEO 03x / 13x).
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
COOPERATIVE_TYPES = frozenset({"AID", "COOPERATE", "CONSULT", "SUPPORT", "CONCEDE", "RETREAT"})

POS = {"verb": ["VERB"], "noun": ["NOUN", "PROPN"]}


@dataclass(frozen=True)
class Row:
    """One lexicon row: the provenance every event carries (file:line)."""
    type: str
    pos: str
    pattern: str
    mode: str
    flags: frozenset
    where: str

    def flag(self, name: str) -> str | None:
        for f in self.flags:
            key, _, value = f.partition("=")
            if key == name:
                return value or key
        return None


def trigger_rows(folder: Path = LEXICON_DIR) -> list[Row]:
    """The rows of every ``<type>.tsv`` in ``folder``, each with its file:line."""
    rows = []
    for path in sorted(Path(folder).glob("*.tsv")):
        type_ = path.stem.upper()
        for number, cells in numbered_rows(path):
            pos, pattern, mode, flags = (cells + ["", "", ""])[:4]
            if pos not in POS or not pattern:
                continue
            rows.append(Row(type_, pos, pattern, mode, frozenset(flags.split()), f"{path.name}:{number}"))
    return rows




def _alternatives(word: str, head_pos: list[str] | None) -> list[list[dict]]:
    """Matcher spec lists for one pattern word. Only exact attribute values are used (no IN / NOT_IN sets):
    spaCy's Matcher compares those in C, while set predicates are Python callbacks on every token."""
    if word == "*":
        return [[{"OP": "{0,4}", "IS_PUNCT": False}], [{"OP": "?", "IS_PUNCT": False}, {"ORTH": "-"},
                                                         {"OP": "{0,2}", "IS_PUNCT": False}]]
    optional = word.startswith("?")
    out = []
    for alternative in word.lstrip("?").split("|"):
        parts = alternative.split("-")
        if len(parts) > 1:
            specs = []
            for i, part in enumerate(parts):
                specs += ([{"ORTH": "-"}] if i else []) + [{"LOWER": part}]
            out.append(specs)
            continue
        for variant in dict.fromkeys((alternative, alternative.capitalize())):
            for pos in head_pos or [None]:
                spec = {"LEMMA": variant, **({"POS": pos} if pos else {}), **({"OP": "?"} if optional else {})}
                out.append([spec])
    return out


class TriggerMatcher:
    """The lexicon's patterns, grouped by their first word, each group in its own small spaCy Matcher.

    One Matcher over all rows tries every pattern at every token (thousands of patterns); here a
    vectorized lookup of first words (numpy over the Doc's LEMMA/LOWER arrays) finds the few
    candidate tokens, and only the patterns that can start there are tried, in a short window.
    """

    WINDOW = 12

    def __init__(self, vocab: Vocab, rows: list[Row]):
        self.matchers: dict[int, Matcher] = {}
        for index, row in enumerate(rows):
            words = row.pattern.split()
            at = 0 if row.pos == "verb" else len(words) - 1  # verbs lead their phrase; nouns end their compound
            groups = [_alternatives(w, POS[row.pos] if i == at else None) for i, w in enumerate(words)]
            patterns = [[]]
            for group in groups:
                patterns = [p + alt for p in patterns for alt in group]
            for pattern in patterns:
                first = pattern[0].get("LEMMA") or pattern[0].get("LOWER")
                key = vocab.strings.add(first)
                self.matchers.setdefault(key, Matcher(vocab)).add(str(index), [pattern])
        self.keys = np.array(sorted(self.matchers), dtype="uint64")

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(row index, start, end) of every match."""
        if not len(doc):
            return []
        words = doc.to_array([LEMMA, LOWER])
        found = set()
        for i in np.flatnonzero(np.isin(words, self.keys).any(axis=1)):
            window = doc[i:min(len(doc), i + self.WINDOW)]
            for key in {int(words[i][0]), int(words[i][1])} & self.matchers.keys():
                for match_id, start, end in self.matchers[key](window):
                    if start == 0:
                        found.add((int(doc.vocab.strings[match_id]), int(i), int(i + end)))
        return sorted(found, key=lambda m: (m[1], m[2]))
