"""A forecast's words turned into a checkable proposition and a platform-style question.

"China is not going to rush to the aid of Russia" -> proposition "China will not rush to the aid
of Russia", question "Will China not rush to the aid of Russia?"; a verdict "the victory of Ukraine
is unavoidable" -> "the victory of Ukraine will happen". "It's inevitable" takes the preceding
forecast, or else the last event noun phrase before it ("the possible removal of Putin from power").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .clauses import nearest_subject

CONDITION_MARKS = {"if", "unless", "when", "once", "whenever", "provided", "providing"}
ASIDE_MARKS = {"although", "though", "while", "whereas", "because", "since", "as"}  # clauses beside the forecast

DROP_DEPS = {"aux", "auxpass", "neg", "mark", "cc", "preconj", "punct"}
EVENT_SUFFIXES = ("al", "ion", "ment", "ure", "ance", "ence", "ing")
EVENT_NOUNS = {"victory", "defeat", "war", "collapse", "fall", "attack", "invasion", "offensive", "surrender",
               "escalation", "end", "win", "loss", "strike", "deal", "ceasefire", "peace", "coup", "revolt", "change"}
ANAPHORS = {"it", "this", "that"}


def clause_tokens(pred: Token, skip: set[int]) -> list[Token]:
    """The predicate's own clause: its subtree without conjoined clauses, conditions and other forecasts."""
    out, stack = [], [pred]
    while stack:
        tok = stack.pop()
        out.append(tok)
        verbal = tok.pos_ in ("VERB", "AUX")
        for c in tok.children:
            if c.i in skip or verbal and c.dep_ in ("conj", "cc", "parataxis", "preconj"):
                continue
            if c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")} & (CONDITION_MARKS | ASIDE_MARKS):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def clause_range(pred: Token, skip: set[int]) -> tuple[int, int]:
    """Token range [start, end) from the nearest subject to the end of the clause."""
    toks = clause_tokens(pred, skip)
    subject = nearest_subject(pred)
    start = min([t.i for t in toks if t.dep_ not in ("cc", "punct")] or [pred.i])
    if subject is not None:
        start = min(start, subject.left_edge.i) if subject.left_edge.i >= pred.sent.start else start
        start = max(start, subject.left_edge.i) if subject.i < pred.i else start
    end = max(t.i for t in toks) + 1
    while end - 1 > start and (pred.doc[end - 1].is_punct or pred.doc[end - 1].is_space):
        end -= 1
    return start, end


SCHEDULED = {"schedule", "plan", "set", "slate", "due", "expect"}


def proposition(pred: Token, subject: Token | None, negated: bool, skip: set[int], drop: set[int]) -> tuple[str, str]:
    """(subject words, predicate words) of the clause, without modals, negation and estimative cues."""
    toks = clause_tokens(pred, skip)
    subj_ids = {t.i for t in subject.subtree} if subject is not None else set()
    after = max(subj_ids) if subj_ids else pred.i - 1
    words = [t for t in toks if t.i > after and t.i not in subj_ids and t.i not in drop and not t.is_space
             and not (t.dep_ in DROP_DEPS and t.head == pred) and not (t.is_punct and t.i == toks[-1].i)]
    head = pred
    if pred.dep_ == "xcomp":  # "is going to rush" / "is likely to win": the verb's own words
        words = [t for t in words if not (t.dep_ == "aux" and t.head == pred)]
    subj = ""
    if subject is not None:
        subj = _clean(" ".join(t.text for t in relative_antecedent(subject, pred) or subject.subtree))
    passive = [t for t in pred.children if t.dep_ == "auxpass" and t.i > after]
    progressive = pred.tag_ == "VBG" and any(t.dep_ == "aux" and t.lemma_ == "be" and t.i > after for t in pred.children)
    if passive and pred.lemma_ in SCHEDULED and any(t.dep_ == "prep" and t.lower_ in ("for", "on") for t in pred.children):
        return subj, "take place"  # "the vote is scheduled for June 3": will the vote take place (by then)?
    verb = " ".join(t.lemma_ if t.i == head.i and t.tag_ in ("VBZ", "VBP", "VBD") else t.text for t in words)
    if (passive or progressive) and not verb.startswith("be "):
        verb = "be " + verb  # "will be decided", "will be speaking": the auxiliary was dropped with the modal
    return subj, _clean(verb)


def relative_antecedent(subject: Token, pred: Token) -> list[Token] | None:
    """'an inquiry, which she said would serve as an umbrella': the question asks about the
    inquiry, not about 'which'. The noun the relative clause hangs on, without that clause."""
    if subject.tag_ not in ("WDT", "WP"):
        return None
    clause = pred
    while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.i >= pred.sent.start:
        clause = clause.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    if subject.tag_ == "WDT" and noun.ent_type_ == "PERSON":  # "an inquiry into Donald Trump, which ...":
        noun = _thing_before(noun)                              # 'which' is not the person
        if noun is None:
            return None
    inside = {t.i for t in clause.subtree}
    words = [t for t in noun.subtree if t.i not in inside]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return words or None


def _thing_before(person: Token) -> Token | None:
    """The noun a person's name hangs on ("inquiry into X"), or the object of the verb it hangs on
    ("opened an inquiry into X", when the parser attaches "into" to the verb)."""
    if person.dep_ != "pobj":
        return None
    governor = person.head.head
    if governor.pos_ in ("NOUN", "PROPN") and governor.ent_type_ != "PERSON":
        return governor
    if governor.pos_ in ("VERB", "AUX"):
        return next((c for c in governor.children if c.dep_ == "dobj"), None)
    return None


def _clean(text: str) -> str:
    for a, b in ((" ,", ","), (" .", "."), (" 's", "'s"), ("( ", "("), (" )", ")"), (" n't", "n't")):
        text = text.replace(a, b)
    return text.strip(" ,;:-—")


def sentence_form(subj: str, verb: str, negation: str = "") -> str:
    """'SUBJ will [not|never] VERB'."""
    return " ".join(p for p in [subj, "will", negation, verb] if p).strip()


def question_form(subj: str, verb: str, negation: str, horizon: dict, proper: bool = False) -> str:
    """'Before 2022-05-16, will SUBJ VERB?' or 'Will SUBJ VERB?' when the horizon is open.

    ``proper``: the subject starts with a name (kept capitalised); other first words are lowered."""
    core = " ".join(p for p in [subj, negation, verb] if p)
    if core and not proper and not core.startswith("I "):
        core = core[0].lower() + core[1:]
    rel = horizon.get("relative_days")
    if horizon.get("latest"):
        return f"Before {horizon['latest']}, will {_without_horizon(core, horizon)}?"
    if rel and rel[-1] is not None:
        return f"Within {rel[-1]} days of publication, will {_without_horizon(core, horizon)}?"
    return f"Will {core}?"


def _without_horizon(core: str, horizon: dict) -> str:
    """A dated question drops the words its date replaces: 'Before 2022-05-16, will the troops
    arrive?', not '... arrive in two weeks?', which means nothing to whoever resolves it later."""
    text = (horizon.get("text") or "").strip()
    if not text:
        return core
    pattern = (r"\s*,?\s*(?:(?:by|before|until|till|in|within|on|at|during|over|for)\s+)?" + re.escape(text)
               + r"(?=\W|$)")
    shorter = re.sub(pattern, "", core, count=1, flags=re.IGNORECASE).strip(" ,")
    return shorter if len(shorter.split()) >= 2 else core


def antecedent(doc: Doc, sent: Span, previous: list[dict]) -> tuple[str, tuple[int, int]] | None:
    """What 'it/this/that' in a bare verdict refers to: the last event noun phrase before it."""
    start = max(0, sent.start - 80)
    for tok in reversed(doc[start:sent.start]):
        if tok.pos_ == "NOUN" and (tok.lower_ in EVENT_NOUNS or tok.lower_.endswith(EVENT_SUFFIXES)) and tok.dep_ != "compound":
            if any(c.lower_ in ("this", "that", "these", "each", "every") for c in tok.children if c.dep_ == "det"):
                continue
            if not any(c.dep_ == "prep" for c in tok.children):
                continue
            words = [t for t in tok.subtree if not (t.dep_ in ("det", "amod") and t.head == tok and
                                                    (t.dep_ == "det" or t.lower_ in ("possible", "likely", "probable")))]
            text = " ".join(t.text for t in words)
            return _clean(text), (words[0].idx, words[-1].idx + len(words[-1]))
    if previous:
        return previous[-1]["proposition"], tuple(previous[-1]["span"])
    return None
