"""Who did it to whom: source and target participants of an event trigger, read off the dependency parse.

Participants are noun phrases; each is resolved to an actor id through ``doc._.onrecord_mentions``
(the onrecord_actors contract) and keeps its text, so that an event is usable even where no actor
was resolved (the evaluator then reads a country from the text).
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from ..context import upstream

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_FOR_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "relcl", "ccomp", "acomp"}
VERB_TARGET_PREPS = {"with", "against", "to", "on", "into", "upon", "toward", "towards", "for", "between"}
NOUN_TARGET_PREPS = VERB_TARGET_PREPS | {"of", "over"}
NP_CUT = {"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "case"}
AGENT_ENTS = {"PERSON", "NORP", "GPE", "ORG"}
NOT_AGENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Common nouns that name political actors (after the CAMEO/PLOVER agent classes: GOV, MIL, COP, REB, OPP, CVL...).
AGENT_NOUNS = frozenset("""government president minister ministry official leader premier chancellor king
prime_minister secretary diplomat ambassador delegation envoy army military force troop soldier police
officer militant rebel insurgent guerrilla fighter separatist terrorist opposition party parliament
lawmaker legislator senator congress court judge prosecutor protester demonstrator student worker union
activist group coalition alliance country state nation authority regime administration spokesman
spokeswoman general commander navy member people refugee citizen villager farmer company bank
council committee agency organization organisation power junta cabinet negotiator mediator
peacekeeper observer inspector prisoner youth settler hacker crowd mob resident monitor guard warplane
jet tank helicopter warship militia faction dissident leadership delegate representative doctor
worker nurse teacher journalist""".split())
PERSONAL = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
            "it": "state", "its": "state", "which": "state", "they": "group", "them": "group", "their": "group"}


class Mentions:
    """The actor mentions of a Doc, searchable by character range."""

    def __init__(self, doc: Doc):
        items = upstream(doc, "onrecord_mentions")
        self.items = sorted((m["start"], m["end"], m["actor"]) for m in items if m.get("actor"))
        self.starts = [m[0] for m in self.items]
        actors = upstream(doc, "onrecord_actors")
        self.kinds = {a["id"]: a.get("kind") for a in actors}

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i][0] < end:
            out.append(self.items[i])
            i += 1
        return out

    def before(self, char: int, kinds: set[str], window: int = 1500) -> str | None:
        """The nearest actor of one of ``kinds`` mentioned before ``char``: a pronoun's antecedent."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and self.items[i][0] >= char - window:
            if self.kinds.get(self.items[i][2]) in kinds:
                return self.items[i][2]
            i -= 1
        return None


def phrase_offsets(head: Token, keep: frozenset = frozenset({"of", "from"})) -> tuple[int, int]:
    """Token range of a participant: its subtree without conjuncts, clauses and attached phrases."""
    low, high = head.i, head.i
    for child in head.children:
        if child.dep_ in NP_CUT and not (child.dep_ == "prep" and child.lower_ in keep):
            continue
        low, high = min(low, child.left_edge.i), max(high, child.right_edge.i)
    return low, high


def in_dateline(token: Token) -> bool:
    """A wire dateline ("GAZA CITY, Palestinian Territories: ...", "KABUL - ...") names where the story was
    filed, not a participant: capitals-first words before a colon or dash that opens the sentence, no verb."""
    sent = token.sent
    first = sent[0]
    if token.i - first.i > 8 or not (first.text.isupper() and len(first.text) > 1):
        return False
    for t in sent[:10]:
        if t.text in {":", "-", "--", "—", "–"}:
            return token.i < t.i
        if t.pos_ in {"VERB", "AUX"}:
            return False
    return False


def participant(head: Token, mentions: Mentions) -> dict | None:
    """``{"id", "text", "agent"}`` for a noun phrase head; ``agent`` says it can be a political actor."""
    if head.dep_ in {"nsubj", "nsubjpass"} and head.tag_ in {"WDT", "WP"} and head.head.dep_ == "relcl":
        head = head.head.head
    if head.ent_type_ in NOT_AGENTS:  # "met with President Assad Tuesday": the parser heads the phrase by the date
        names = [c for c in head.children if c.dep_ in {"compound", "nmod", "appos"} and c.ent_type_ not in NOT_AGENTS]
        names += prep_objects([head], {"of"})  # "thousands of students"
        head = names[-1] if names else head
    doc = head.doc
    low, high = phrase_offsets(head)
    start, end = doc[low].idx, doc[high].idx + len(doc[high])
    found = mentions.within(start, end)
    ids = [m[2] for m in found if m[0] <= head.idx < m[1]][:1]
    conjoined = [t for t in doc[low:high + 1] if t.dep_ == "conj"]  # "the US, Russia, and Switzerland"
    conjoined += [t for t in doc[low:high + 1] if t.dep_ == "appos" and conjoined]
    if conjoined:
        heads = {head.i, *(t.i for t in conjoined)}
        ids = list(dict.fromkeys(ids + [m[2] for m in found if any(
            m[0] <= doc[i].idx < m[1] for i in heads)]))
    if not ids and found:  # "a Security Council resolution ... in Panama": the head's own modifier names its owner
        owners = [c.idx for c in head.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
        ids = [m[2] for m in found if any(m[0] <= i < m[1] for i in owners)][:1]
    if not ids and found:
        people = [m[2] for m in found if mentions.kinds.get(m[2]) == "person"]
        ids = (people if conjoined else people[-1:]) or [found[-1][2]]
    actor = ids[0] if ids else None
    kind = PERSONAL.get(head.lower_) if head.pos_ == "PRON" else None
    if actor is None and kind:
        kinds = {"person"} if kind == "person" else ({"state", "organization"} if kind == "state"
                                                     else {"group", "bloc", "organization", "state"})
        actor = mentions.before(head.idx, kinds)
    if head.ent_type_ in NOT_AGENTS or in_dateline(head):
        return {"id": None, "ids": [], "text": doc[low:high + 1].text, "agent": False, "token": head.i}
    agent = bool(actor) or head.lower_ in {"he", "she", "they", "we", "i"} or head.pos_ == "PROPN" or head.ent_type_ in AGENT_ENTS or head.lemma_.lower() in AGENT_NOUNS or \
        any(t.ent_type_ in AGENT_ENTS for t in doc[low:high + 1])
    low, high = phrase_offsets(head, frozenset({"of", "from", "in"}))  # "rebels in the Ivory Coast": place kept in the text
    return {"id": actor, "ids": ids or ([actor] if actor else []), "text": doc[low:high + 1].text,
            "agent": agent, "token": head.i}


def with_conjuncts(head: Token) -> list[Token]:
    return [head, *(t for t in head.conjuncts if t.i > head.i)]


def subject_and_voice(verb: Token) -> tuple[Token | None, bool]:
    """The grammatical subject of a verb's clause, climbing through xcomp/conj/...; (token, passive)."""
    t = verb
    own_passive = any(c.dep_ == "auxpass" for c in verb.children)  # "... and were released by X"
    for _ in range(6):
        for child in t.children:
            if child.dep_ in SUBJECTS and not in_dateline(child):
                return child, (child.dep_ == "nsubjpass" and t is verb) or own_passive
        if t.dep_ == "acl" and t.head.pos_ in {"NOUN", "PROPN"} and (
                t.head.lemma_.lower() in AGENT_NOUNS or t.head.ent_type_ in AGENT_ENTS):
            return t.head, t.tag_ == "VBN"
        if t.dep_ not in CLIMB_FOR_SUBJECT or t.head.i == t.i:
            break
        t = t.head
    return None, False


def agent_of(verb: Token) -> Token | None:
    """The "by X" of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(tokens, preps: set[str]) -> list[Token]:
    out = []
    for t in tokens:
        if t.dep_ == "prep" and t.lower_ in preps | {"in", "at", "to", "from"} and t.head in tokens:
            out.extend(c for c in t.children if c.dep_ == "pobj")  # the preposition is part of the trigger
            continue
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("participated in the meeting" -> participated)."""
    t = noun
    for _ in range(5):
        if t.dep_ not in {"dobj", "pobj", "prep", "conj", "attr", "appos", "compound"} or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def verb_arguments(head: Token, tokens: list[Token], swap: bool) -> tuple[list[Token], list[Token]]:
    subject, passive = subject_and_voice(head)
    objects = [c for c in head.children if c.dep_ in {"dobj", "dative", "oprd"}]
    objects += prep_objects([head, *tokens[1:]], VERB_TARGET_PREPS)
    objects += prep_objects([t for t in tokens[1:] if t.pos_ in {"NOUN", "PROPN"}], {"of"})
    objects += [c for x in head.children if x.dep_ == "ccomp" for c in x.children if c.dep_ == "nsubj"]
    objects += prep_objects([c for c in head.children if c.dep_ == "dobj"], {"with", "against", "on", "to"})
    inside = {t.i for t in tokens}
    objects = [o for o in objects if o.i not in inside]
    if passive:
        by = agent_of(head)
        sources, targets = ([by] if by is not None else []), ([subject] if subject is not None else []) + objects
    else:
        sources, targets = ([subject] if subject is not None else []), objects
    if swap:  # "received weapons from X": X gives, the subject receives
        return prep_objects([head, *tokens[1:]], {"from"}) + [o for o in objects if o.dep_ != "dobj"], sources
    return sources, targets


def noun_arguments(head: Token, of_source: bool) -> tuple[list[Token], list[Token]]:
    sources = [c for c in head.children if c.dep_ == "poss"]
    sources += [c for c in head.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}]
    sources += [c for c in prep_objects([head], {"by"})]
    targets = prep_objects([head], NOUN_TARGET_PREPS - ({"of"} if of_source else set()))
    if of_source:
        sources += prep_objects([head], {"of"})
        sources += prep_objects(prep_objects([head], {"in", "at"}), {"of"})  # "a meeting in X of the ministers"
    if not sources:
        verb = governing_verb(head)
        if verb is not None:
            subject, passive = subject_and_voice(verb)
            if subject is not None and not passive and subject.i != head.i:
                sources = [subject]
            if not targets:
                targets = prep_objects([verb], NOUN_TARGET_PREPS - {"of", "to", "for"})  # "opened a probe against X"
            if not targets:  # "engaged Filipino peacekeepers in a firefight", "gave Chile a loan"
                targets = [c for c in verb.children if c.dep_ in {"dative", "dobj"} and c.i != head.i
                           and not any(a.i == c.i for a in head.ancestors)]
    return sources, targets


def resolve(tokens: list[Token], mentions: Mentions) -> list[dict]:
    """Participants for argument heads, conjuncts expanded, duplicates dropped."""
    out, seen = [], set()
    for token in tokens:
        for head in with_conjuncts(token):
            p = participant(head, mentions)
            owner = next((c for c in head.children if c.dep_ == "poss"), None) or next(
                iter(prep_objects([head], {"by"})), None)
            if not p["agent"] and owner is not None:  # "denounced Serbia's suppression", "crimes by X": Serbia, X
                p = participant(owner, mentions)
            key = p["id"] or p["text"].lower()
            if p and key not in seen:
                seen.add(key)
                out.append(p)
    return out


def complement_targets(verb: Token) -> list[Token]:
    """Recipients named inside a verbal act's complement clause ("threatened to deliver blows to X")."""
    clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    return [o for c in clauses for o in prep_objects([c], {"to", "against", "on", "with"})]


PURPOSE = {"protest", "demand", "denounce", "oppose", "against", "call", "disapproval", "defiance", "opposition"}


def purpose_targets(head: Token) -> list[Token]:
    """Whom a protest is aimed at: "to protest Sweden's decision", "in protest of the arrest by X"."""
    anchor = governing_verb(head) if head.pos_ in {"NOUN", "PROPN"} else head
    found = []
    for t in (anchor or head).subtree:
        if t.lemma_.lower() in PURPOSE and t.i != head.i:
            found += [c for c in t.children if c.dep_ in {"dobj", "pobj"}]
            found += prep_objects([t], {"of", "against", "at", "for"})
    return found
