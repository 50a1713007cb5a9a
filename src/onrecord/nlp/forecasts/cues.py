"""Candidates the clause rules do not propose: plans, schedules, risks, verdicts and modals the parser missed.

The clause rules (``clauses.find_candidates``) find predicates marked for the future by grammar; news states
much of its future in words instead ("the vote is scheduled for June 3", "Germany plans to phase out", "it
risks a recession", "Putin may ABANDON siege" in a headline the tagger reads as nouns). These proposals are
deliberately broad: the trained detector (``detector.py``) decides which of them are forecasts.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .clauses import Candidate

MODALS = {"will", "'ll", "ll", "wo", "shall", "may", "might", "could", "would", "can", "ca"}
HEDGES = {"may", "might", "could"}
# Lemmas that state or weigh a future: plans and commitments, schedules, expectations, risks, verdicts, near time.
CUE_LEMMAS = {
    "plan", "schedule", "prepare", "preparation", "intend", "intention", "aim", "pledge", "vow", "promise", "threaten",
    "warn", "commit", "announce", "propose", "decide", "decision", "determine", "launch", "start", "begin", "set",
    "due", "poised", "slate", "expect", "anticipate", "predict", "forecast", "project", "risk", "chance",
    "possibility", "prospect", "likelihood", "danger", "threat", "expectation", "prediction", "deadline", "likely",
    "unlikely", "possible", "impossible", "inevitable", "upcoming", "imminent", "forthcoming", "hard", "tough",
    "difficult", "sure", "certain", "bound", "approach", "loom", "soon", "tomorrow", "next", "future", "later",
    "eventually", "hope", "meet", "hold", "visit", "head", "go", "come", "matter",
}
# Groups of cue lemmas, so the detector can learn from "plan" what it should think of "intend".
CUE_CLASS = {
    **dict.fromkeys(("plan", "schedule", "prepare", "preparation", "intend", "intention", "aim", "decide",
                     "decision", "determine", "launch", "set", "due", "poised", "slate", "announce", "propose"), "plan"),
    **dict.fromkeys(("pledge", "vow", "promise", "commit", "threaten", "warn"), "commit"),
    **dict.fromkeys(("expect", "anticipate", "predict", "forecast", "project", "expectation", "prediction",
                     "hope"), "expect"),
    **dict.fromkeys(("risk", "chance", "possibility", "prospect", "likelihood", "danger", "threat"), "risk"),
    **dict.fromkeys(("likely", "unlikely", "possible", "impossible", "inevitable", "sure", "certain", "bound",
                     "hard", "tough", "difficult"), "verdict"),
    **dict.fromkeys(("upcoming", "imminent", "forthcoming", "approach", "loom", "soon", "tomorrow", "next",
                     "future", "later", "eventually", "deadline"), "near"),
}


def cue_candidates(sent: Span, taken: set[int]) -> list[Candidate]:
    """One candidate per cue word of the sentence whose predicate the clause rules have not taken."""
    found = []
    for tok in sent:
        lower = tok.lower_
        if lower in MODALS and tok.i not in taken:
            pred = tok.head if tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i else _next_content(tok, sent)
            if pred is not None:
                cue = lower if lower in HEDGES else "will"
                found.append(Candidate(pred, tok, f"cue-modal-{lower}", modal_cue=cue))
        elif tok.lemma_.lower() in CUE_LEMMAS:
            complement = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
            if complement is None and tok.i + 2 < sent.end and tok.nbor(1).lower_ == "to" and tok.nbor(2).pos_ == "VERB":
                complement = tok.nbor(2)  # "hard to see the coalition surviving", parsed off the adjective
            if complement is None and CUE_CLASS.get(tok.lemma_.lower()) == "verdict":
                continue  # "this is impossible" judges the present; "impossible to win" weighs a future
            pred = complement or clause_verb(tok)
            if not _told_as_history(pred):
                found.append(Candidate(pred, None, f"cue-{tok.lemma_.lower()}", frame=tok))
    return sorted(found, key=lambda c: PRIORITY.get(CUE_CLASS.get(c.rule[4:], "other"), 6))


PRIORITY = {"plan": 0, "commit": 1, "expect": 2, "risk": 3, "verdict": 4, "near": 5}  # which cue names a clause


def _told_as_history(pred: Token) -> bool:
    """A simple past ("the generals expected a quick war") or a modal the clause rules already weigh
    ("should raise taxes next year")."""
    if pred.tag_ == "VBD":
        return True
    return any(c.tag_ in ("MD", "VBD") and c.dep_ in ("aux", "auxpass") for c in pred.children)


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a cue word sits in ("a real possibility" -> "is"), else the word itself."""
    head = tok
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return tok


def _next_content(tok: Token, sent: Span) -> Token | None:
    """The word a modal governs when the parse lost it (title-case headlines): the next content word."""
    return next((t for t in tok.doc[tok.i + 1:min(sent.end, tok.i + 4)]
                 if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ")), None)
