"""PLOVER trigger lexicons: data files in lexicons/plover/, compiled once into one spaCy Matcher.

One TSV per PLOVER type (``lexicons/plover/<type>.tsv``) so a user adds rows, not Python; a
user's own folder of files in the same format can be given to the component (``lexicon_dir``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.vocab import Vocab

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons" / "plover"

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


def read_rows(folder: Path = LEXICON_DIR) -> list[Row]:
    rows = []
    for path in sorted(Path(folder).glob("*.tsv")):
        type_ = path.stem.upper()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = (line.split("\t") + ["", "", ""])[:4]
            pos, pattern, mode, flags = (c.strip() for c in cells)
            if pos not in POS or not pattern:
                continue
            rows.append(Row(type_, pos, pattern, mode, frozenset(flags.split()), f"{path.name}:{number}"))
    return rows


def _token(word: str) -> list[dict]:
    """Matcher specs for one pattern word: lemma alternatives, hyphenated words split as spaCy does."""
    if word == "*":
        return [{"OP": "{0,4}", "ORTH": {"NOT_IN": [",", ";", ".", ":", "!", "?"]}}]
    optional = word.startswith("?")
    alternatives = word.lstrip("?").split("|")
    parts = alternatives[0].split("-")
    if len(parts) > 1 and len(alternatives) == 1:
        specs = []
        for i, part in enumerate(parts):
            if i:
                specs.append({"ORTH": "-"})
            specs.append({"LOWER": part})
        return specs
    variants = sorted({v for a in alternatives for v in (a, a.capitalize())})
    spec = {"LEMMA": {"IN": variants}}
    if optional:
        spec["OP"] = "?"
    return [spec]


def build_matcher(vocab: Vocab, rows: list[Row]) -> Matcher:
    """One Matcher for all rows; the match id is the row's index as a string."""
    matcher = Matcher(vocab)
    for index, row in enumerate(rows):
        specs = [[*_token(word)] for word in row.pattern.split()]
        at = 0 if row.pos == "verb" else -1  # verbs lead their phrase; nouns end their compound
        if len(specs[at]) == 1:
            specs[at][0] = {**specs[at][0], "POS": {"IN": POS[row.pos]}}
        specs = [spec for group in specs for spec in group]
        matcher.add(str(index), [specs])
    return matcher
