"""Collective actors the text makes explicit: ruling circles and described groups of people.

- "the Chinese authorities", "Russia's leadership" -> the ruling group of that state (groups.tsv names known ones,
  e.g. RUS -> "Kremlin elite"; otherwise a new group "<demonym> authorities").
- "powerful people in the Kremlin" (people/insiders/officials + in/inside/around + a seat of government) -> the same.
- "the clique that is in power", "the ruling elite" -> the ruling group named last before it in the document.
- plural person nouns with modifiers ("retired generals", "defense ministers of the G7") -> a group of that name,
  sector from the CAMEO/PLOVER agent nouns (agents.tsv), country from a state named inside it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, slug
from .rules import RANK, Candidate
from ..context import tokens_where

RULING_NOUNS = {"authorities", "leadership", "elite", "elites", "regime", "establishment", "rulers"}
CIRCLE_NOUNS = {"people", "figures", "insiders", "circles", "elite", "elites", "officials", "clans", "members", "those"}
POWER_ADJECTIVES = {"powerful", "influential", "senior", "top", "ruling", "high-ranking", "leading"}
IN_POWER_NOUNS = {"group", "clique", "gang", "circle", "circles", "elite", "elites", "people", "regime", "clan", "clans", "mafia"}
SEAT_PREPS = {"in", "inside", "within", "around"}
NOT_PEOPLE = {"media", "city", "cities", "state", "states", "country", "countries", "government", "governments",
              "party", "parties", "company", "companies", "groups", "organizations", "institutions", "nations",
              "missiles", "weapons", "tanks", "aircraft", "neighborhoods", "areas", "villages", "towns", "regions"}
SKIP_CHILD_DEPS = {"det", "predet", "punct", "relcl", "acl", "appos", "conj", "cc", "advmod", "case"}


def group_candidates(doc: Doc, lex: Lexicon, found: list[Candidate]) -> list[Candidate]:
    states = {i: c for c in found if c.kind == "state" for i in range(c.start, c.end)}
    out = []
    for tok in tokens_where(doc, lower=RULING_NOUNS | CIRCLE_NOUNS, tag={"NNS"}):
        low = tok.lower_
        cand = None
        if low in RULING_NOUNS:
            cand = _ruling_by_country(doc, lex, tok)
        if cand is None and low in CIRCLE_NOUNS:
            cand = _ruling_by_seat(doc, lex, tok, states)
        if cand is None and tok.tag_ == "NNS" and low not in RULING_NOUNS:
            cand = _plural_group(doc, lex, tok)
        if cand:
            out.append(cand)
    out.extend(_in_power(doc, out))
    return out


def ruling_group(lex: Lexicon, iso3: str, adjective: str) -> tuple[str, str]:
    """(id, name) of a state's ruling group: the dictionary's, else "<demonym> authorities"."""
    gid = lex.ruling_group.get(iso3)
    if gid:
        return gid, lex.entries[gid].name
    name = f"{adjective} authorities"
    return slug(name), name


def _ruling_by_country(doc: Doc, lex: Lexicon, noun: Token) -> Candidate | None:
    for mod in noun.children:
        if mod.dep_ not in ("amod", "compound", "poss", "nmod") or mod.i > noun.i:
            continue
        iso3 = lex.country_of(mod.text)
        if iso3:
            gid, name = ruling_group(lex, iso3, mod.text)
            start = min([mod.i, *(c.i for c in noun.lefts if c.dep_ not in ("det", "predet"))])
            return Candidate(start, noun.i + 1, gid, name, "group", "group:ruling-country", iso3, "government",
                             rank=RANK["group"], container=True)
    return None


def _ruling_by_seat(doc: Doc, lex: Lexicon, noun: Token, states: dict[int, Candidate]) -> Candidate | None:
    for prep in noun.rights:
        if prep.dep_ != "prep" or prep.lower_ not in SEAT_PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        state = states.get(obj.i) if obj is not None else None
        if state is None or not state.rule.startswith("metonym"):
            continue
        is_seat = doc[state.start].lower_ == "the" or (state.start > 0 and doc[state.start - 1].lower_ == "the")
        adjectives = {c.lower_ for c in noun.lefts if c.dep_ == "amod"}
        if not (is_seat or adjectives & POWER_ADJECTIVES):
            continue
        entry = lex.entries.get(lex.state_of.get(state.country, ""))
        adjective = entry.demonyms[-1] if entry and entry.demonyms else state.name
        gid, name = ruling_group(lex, state.country, adjective)
        start = min([noun.i, *(c.i for c in noun.lefts if c.dep_ not in ("det", "predet"))])
        return Candidate(start, state.end, gid, name, "group", "group:ruling-seat", state.country, "government",
                         rank=RANK["group"], container=True)
    return None


def _in_power(doc: Doc, groups: list[Candidate]) -> list[Candidate]:
    """"the mafia group that is in power": the ruling group last named before it."""
    out = []
    ruling = sorted((c for c in groups if c.rule.startswith("group:ruling")), key=lambda c: c.start)
    for tok in tokens_where(doc, lower=IN_POWER_NOUNS):
        if tok.pos_ != "NOUN":
            continue
        clause = [t for t in tok.subtree if t.i > tok.i]
        says_power = any(t.lower_ == "power" and t.head.lower_ == "in" for t in clause[:6])
        if not (says_power or any(c.lower_ == "ruling" for c in tok.lefts)):
            continue
        before = [c for c in ruling if c.start < tok.i]
        if not before:
            continue
        ref = before[-1]
        end = next((t.i + 1 for t in clause if t.lower_ == "power"), tok.i + 1)
        start = min([tok.i, *(c.i for c in tok.lefts if c.dep_ not in ("det", "predet"))])
        out.append(Candidate(start, end, ref.key, ref.name, "group", "group:in-power", ref.country, ref.sector,
                             rank=RANK["group"], container=True))
    return out


def _plural_group(doc: Doc, lex: Lexicon, noun: Token) -> Candidate | None:
    """A plural person noun with its own modifiers names a group: "retired generals", "defense ministers of ..."."""
    sector = _agent_sector(lex, noun)
    if sector is None or noun.lower_ in NOT_PEOPLE or noun.lemma_.lower() in NOT_PEOPLE:
        return None
    mods = [c for c in noun.children if c.dep_ not in SKIP_CHILD_DEPS and c.tag_ not in ("PRP$", "PRP", "WDT", "WP$")]
    mods = [c for c in mods if c.i < noun.i or (c.dep_ == "prep" and c.lower_ == "of")]
    if not mods or noun.ent_type_ in ("NORP", "GPE", "PERSON"):
        return None
    start = min([noun.i, *(m.left_edge.i for m in mods if m.i < noun.i)])
    end = max([noun.i + 1, *(_of_object_end(m) for m in mods if m.i > noun.i)])
    if end - start > 12:
        end = noun.i + 1
    while start < noun.i and doc[start].dep_ in ("det", "predet", "punct", "cc"):
        start += 1
    span = doc[start:end]
    country = next((c for c in (lex.country_of(t.text) for t in span if not _pro_or_anti(t)) if c), None)
    return Candidate(start, end, slug(span.text), span.text, "group", "group:plural-noun", country, sector,
                     rank=RANK["group"], container=True)


def _of_object_end(prep: Token) -> int:
    """"ministers of the 40 most industrial powers [in the world]": the group's name ends with the object of "of"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj.i + 1 if obj is not None else prep.right_edge.i + 1


def _pro_or_anti(token: Token) -> bool:
    """"pro-Russian protesters" are not Russia's."""
    i = token.i
    return i >= 2 and token.doc[i - 1].text == "-" and token.doc[i - 2].lower_ in ("pro", "anti")


def _agent_sector(lex: Lexicon, noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    compound = next((c.lower_ for c in noun.lefts if c.dep_ == "compound"), None)
    for key in ([f"{compound} {lemma}", f"{compound} {noun.lower_}"] if compound else []) + [noun.lower_, lemma]:
        if key in lex.agents:
            return lex.agents[key]
    return None
