"""How an event is told: polarity, modality, who reports it, when and where.

An op-ed mixes facts with denials, threats, forecasts and hearsay; event data that counts them all
as facts is wrong. These rules read the clause around a trigger (auxiliaries, negation, conditional
"if", verbs of wanting and planning, verbs of saying) the way the PLOVER manual asks coders to.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "must", "'d"}
WANTING = {"want", "wish", "hope", "consider", "mind", "seek", "aim", "intend", "think", "like"}  # not try/attempt: attempts happen
PLANNING = {"plan", "prepare", "decide", "expect", "schedule", "set", "willing", "ready", "vow", "commit"}
# Governors that state the subject's own intent ("is ready to", "plans to", "wants to"): PLOVER codes the intent.
INTENT = {"plan", "prepare", "willing", "ready", "vow", "commit", "intend", "want", "determined", "resolve"}
CLAIMING = {"claim", "allege", "charge", "accuse", "blame"}
DECLARING = {"declare", "reiterate", "conclude", "insist", "demand", "urge", "argue", "maintain", "agree"}
FAILING = {"fail", "refuse", "decline", "stop", "cease", "avoid"}
CONDITIONS = {"if", "unless", "whether"}
SPEECH = {"say", "tell", "warn", "announce", "state", "declare", "claim", "report", "add", "stress", "reiterate",
          "assure", "write", "note", "explain", "confirm", "insist", "make", "signal", "indicate", "reply"}
CLAUSE_LINKS = {"xcomp", "aux", "auxpass", "conj", "acomp"}
NOUN_LINKS = {"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass", "conj", "compound", "appos", "amod"}
DATE_TYPES = {"DATE", "TIME"}


def clause_chain(head: Token) -> list[Token]:
    """The trigger and the verbs that carry its tense, mood and negation ("is not going to rush")."""
    chain, t = [head], head
    if head.pos_ in {"NOUN", "PROPN"}:
        for _ in range(5):
            if t.dep_ not in NOUN_LINKS or t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in {"VERB", "AUX"}:
                chain.append(t)
                break
    for _ in range(4):
        if t.dep_ not in CLAUSE_LINKS or t.head.i == t.i:
            break
        if t.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children):
            break  # a conjoined clause with its own subject keeps its own tense and polarity
        t = t.head
        chain.append(t)
    return chain


def polarity(head: Token, chain: list[Token]) -> str:
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "pobj":
        chain = [head]  # "the era must not be of war, at the summit in Bali": a verb's negation spares its adjuncts
    for t in chain:
        if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} and c.dep_ == "advmod" for c in t.children):
            return "negated"
        if t is not head and t.lemma_ in FAILING:
            return "negated"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return "negated"
    return "asserted"


def _aux(chain: list[Token]) -> set[str]:
    return {c.lower_ for t in chain for c in t.children if c.dep_ in {"aux", "auxpass"}}


def modality(head: Token, chain: list[Token]) -> str:
    """actual | hypothetical | future, from auxiliaries, "going to", conditions and verbs of wanting."""
    auxes = _aux(chain)
    conditional = any(c.dep_ == "mark" and c.lower_ in CONDITIONS for t in chain for c in t.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for t in chain for c in t.children)
    if conditional or auxes & HYPOTHETICAL_AUX or any(t.lemma_ in WANTING for t in chain[1:]):
        return "hypothetical"
    going = any(t.lemma_ == "go" and t.tag_ == "VBG" for t in chain[1:])
    if auxes & FUTURE_AUX or going or any(t.lemma_ in PLANNING for t in chain[1:]):
        return "future"
    return "actual"


def speech_verb(head: Token) -> Token | None:
    """The verb of saying whose content clause holds the trigger ("told him that they will ...")."""
    t = head
    for _ in range(8):
        if t.head.i == t.i:
            break
        child, t = t, t.head
        if t.lemma_ in SPEECH and child.dep_ not in {"nsubj", "nsubjpass", "conj", "dobj"}:
            if t.lemma_ == "make" and not any(c.lower_ == "clear" for c in t.children):
                continue
            return t
    return coordinated_speech(head)


def coordinated_speech(head: Token) -> Token | None:
    """Content clauses coordinated after "said that A, B" that the parser hung on the main verb instead."""
    if head.dep_ != "conj" or not any(c.dep_ == "nsubj" for c in head.children):
        return None
    for t in head.sent:
        if t.i >= head.i:
            break
        if t.lemma_ in SPEECH and any(c.dep_ == "ccomp" and c.i < head.i for c in t.children):
            return t
    return None


def addressee(verb: Token) -> Token | None:
    """Who is told or warned: "tell his boss", "warned Putin", "made it clear to him"."""
    for child in verb.children:
        if child.dep_ in {"dative", "dobj"} and child.pos_ in {"NOUN", "PROPN", "PRON"} and child.lower_ != "it":
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for child in verb.children:  # "made it clear to him, to tell his boss": the inner verb names the addressee
        if child.dep_ in {"xcomp", "advcl", "ccomp"} and child.lemma_ in SPEECH:
            return addressee(child)
    return None


def precision(value: str) -> str | None:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return "day"
    if len(value) == 7 and value[4] == "-":
        return "week" if value[5] == "W" else "month"
    if len(value) == 8 and value[5] == "W":
        return "week"
    if len(value) == 4 and value.isdigit():
        return "year"
    return None


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence, through their lowest common ancestor."""
    up = {}
    t, d = a, 0
    while True:
        up[t.i] = d
        if t.head.i == t.i:
            break
        t, d = t.head, d + 1
    t, d = b, 0
    while t.i not in up:
        if t.head.i == t.i:
            return 99
        t, d = t.head, d + 1
    return d + up[t.i]


def date_of(time: dict) -> dict | None:
    if time.get("type") not in DATE_TYPES or not (time.get("earliest") or time.get("latest")):
        return None
    value = str(time.get("value") or "")
    return {"text": time.get("text"), "start": time.get("earliest"), "end": time.get("latest") or time.get("earliest"),
            "precision": precision(value), "time": time.get("id")}


def location_of(head: Token, tokens: list[Token]) -> Span | None:
    """A place in an "in/at X" phrase on the trigger: a named place, or a proper-noun phrase."""
    scope = list(head.subtree) if head.pos_ in {"NOUN", "PROPN"} else [*tokens, *head.children]
    for t in scope:
        if t.dep_ != "prep" or t.lower_ not in {"in", "at"}:
            continue
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        places = [e for e in obj.doc[obj.left_edge.i:obj.i + 1].ents if e.label_ in {"GPE", "LOC", "FAC"}]
        names = [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if places:
            return places[-1]
        if names:
            return obj.doc[names[0].i:obj.i + 1]
        if obj.pos_ == "PROPN" and obj.ent_type_ not in {"DATE", "TIME", "PERSON", "NORP"}:
            return obj.doc[obj.left_edge.i:obj.i + 1]
    return None
