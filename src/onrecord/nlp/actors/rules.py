"""Rules that find actor mentions: dictionary forms, title + name, appositions, and spaCy's own entities.

Each rule returns ``Candidate`` values over token offsets; ``actors.py`` picks among overlapping ones
(by rank, then length) and merges them into actors. The title rule exists because spaCy's small model
reads "Secretary of Defense Lloyd Austin" as an ORG "Defense Lloyd Austin": a title lexicon finds the
office, and the capitalized words after it, minus office words, are the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .lexicon import Lexicon, slug

POSSESSIVE = {"'s", "’s", "'", "’"}
TAIL_WORDS = {"of", "for", "the", "on"}
# Words of office names that are never part of a person's name ("Chairman of the Joint Chiefs of Staff").
OFFICE_WORDS = {
    "affairs", "department", "ministry", "office", "council", "committee", "house", "staff", "chiefs", "joint",
    "political", "foreign", "state", "states", "defense", "defence", "national", "security", "general", "armed",
    "forces", "federal", "intelligence", "service", "presidential", "administration", "interior", "justice",
    "treasury", "finance", "commerce", "energy", "homeland", "european", "union", "nations", "united", "war",
    "navy", "army", "air", "force", "acting", "former", "deputy", "first", "senior", "assistant", "under",
}
# A tail naming one of these bodies makes the office holder military ("Secretary of Defense").
MILITARY_TAILS = ({"defense"}, {"defence"}, {"war"}, {"army"}, {"navy"}, {"military"}, {"armed", "forces"},
                  {"general", "staff"}, {"joint", "chiefs"}, {"air", "force"})
# "They say in Moscow that ...": after these verbs a capital stands for the people who govern there.
OPINION_VERBS = {"say", "think", "believe", "fear", "hope", "expect", "decide", "claim", "insist", "want", "worry",
                 "assume", "understand", "know", "feel", "argue", "suspect"}
RANK = {"title": 50, "lexicon-person": 45, "lexicon": 40, "metonym": 35, "demonym": 35, "group": 30,
        "ner-person": 20, "surname": 20, "ner-org": 10}


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    key: str  # actor id
    name: str
    kind: str
    rule: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    rank: int = 0
    container: bool = False  # a description that may hold other mentions ("powerful people in the Kremlin")
    role_span: tuple[int, int] | None = None  # token offsets of the title that named the person


def alias_tokens(form: str) -> list[str]:
    """A dictionary form cut where the tokenizer cuts it: "People's" -> "People 's", "Guinea-Bissau" ->
    "Guinea - Bissau"; compared word by word, a plain split never fitted such names, so "Democratic
    People's Republic of Korea" fell back to its tail "Republic of Korea"."""
    return SPLIT_OFF.sub(r" \1 ", form).split()


SPLIT_OFF = re.compile(r"(?<=\w)(['’]s\b|-(?=\w))")


def case_fits(alias_token: str, token: str) -> bool:
    """Capitals in the dictionary form must be capitals in the text: "US" is not "us", "Turkey" not "turkey"."""
    if alias_token.islower() or not alias_token[:1].isalpha():
        return True
    if alias_token.isupper() and len(alias_token) > 1:
        return token.isupper()
    return token[:1].isupper()


def inside_other_entity(doc: Doc, start: int, end: int, labels=("LOC", "FAC", "GPE", "PERSON", "EVENT", "WORK_OF_ART", "LAW")) -> bool:
    """True when [start, end) lies strictly inside a longer entity: "China" in "the South China Sea"."""
    if doc[start].ent_iob_ == "O":
        return False
    first, last = start, start + 1  # the bounds of the entity that holds doc[start]
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    if last < end or doc[start].ent_type_ not in labels:
        return False
    ent = doc[first:last]
    core = [t for t in ent if t.lower_ != "the" and t.text not in POSSESSIVE]
    return bool(core) and (core[0].i < start or core[-1].i >= end)


def lexicon_candidates(doc: Doc, lex: Lexicon, matches) -> list[Candidate]:
    out = []
    for key, start, end in matches:
        span = doc[start:end]
        for form_text, actor_id, form in lex.forms.get(span.text.lower(), ()):
            alias = alias_tokens(form_text)
            if len(alias) != len(span) or not all(case_fits(a, t.text) for a, t in zip(alias, span)):
                continue
            entry = lex.entries[actor_id]
            if not _form_fits(doc, span, entry.kind, form):
                continue
            rule = "lexicon-person" if entry.kind == "person" else (form if form in ("metonym", "demonym") else "lexicon")
            out.append(Candidate(start, end, actor_id, entry.name, entry.kind, f"{rule}:{entry.source}",
                                 entry.country, entry.sector, rank=RANK[rule]))
            break
    return out


def _form_fits(doc: Doc, span: Span, kind: str, form: str) -> bool:
    """Context checks: a capital stands alone, a demonym is a noun, a name is not part of a longer place name."""
    last, after = span[-1], (doc[span.end] if span.end < len(doc) else None)
    if after is not None and after.tag_ in ("NNP", "NNPS") and (form == "metonym" or kind == "bloc"):
        return False  # "West Bank", "Washington Post"
    if form == "metonym":
        head = span.root.head
        capital = len(span) == 1 and not (span.start and doc[span.start - 1].lower_ == "the")
        if capital and span.root.dep_ == "pobj" and head.lower_ in ("in", "at", "near", "to", "from", "into"):
            return head.head.lemma_ in OPINION_VERBS  # "as they say in Moscow", but "a meeting in Kyiv" is a place
        return not inside_other_entity(doc, span.start, span.end, ("LOC", "FAC", "GPE", "PERSON", "ORG", "EVENT", "WORK_OF_ART"))
    if form == "demonym":  # "the Americans", "1.5 billion Chinese"; not "Russian troops", not "an American"
        before = doc[span.start - 1] if span.start else None
        plural = last.tag_ in ("NNS", "NNPS") or (before is not None and before.lower_ == "the" and last.pos_ != "ADJ")
        return plural and last.dep_ not in ("amod", "compound", "nmod") and not _has_article(last)
    return not inside_other_entity(doc, span.start, span.end)


def _has_article(token) -> bool:
    return any(c.lower_ in ("a", "an") for c in token.children)


def title_candidates(doc: Doc, lex: Lexicon, title_matches, blocked: set[int]) -> list[Candidate]:
    """"[U.S.] Secretary of Defense Lloyd Austin" -> Lloyd Austin, role "Secretary of Defense", USA, military."""
    out, used = [], set()
    for ts, te in _extend_titles(doc, lex, title_matches):
        if ts in used:
            continue
        found = _name_after_title(doc, lex, ts, te, blocked)
        if not found:
            continue
        ns, ne = found
        name_span = doc[ns:ne]
        if doc[ts].text[:1].islower() and not _looks_like_person(name_span, lex):
            continue
        used.update(range(ts, ne))
        role = doc[ts:ns]
        while len(role) and (role[-1].lower_ in TAIL_WORDS or role[-1].is_punct):
            role = role[:-1]
        entry = lex.lookup(name_span.text)
        key = entry.id if entry and entry.kind == "person" else slug(name_span.text)
        out.append(Candidate(ns, ne, key, entry.name if entry and entry.kind == "person" else name_span.text,
                             "person", "title", role_country(doc, lex, ts, ns), title_sector(lex, role),
                             role.text, RANK["title"], role_span=(ts, ns)))
    return out


def _extend_titles(doc: Doc, lex: Lexicon, title_matches):
    """Longest title matches, widened left over office words ("Under" + "Secretary of State")."""
    spans = sorted(((s, e) for _, s, e in title_matches), key=lambda x: (x[0], -(x[1] - x[0])))
    out, last_end = [], -1
    for s, e in spans:
        if s < last_end:
            continue
        while s > 0 and doc[s - 1].text[:1].isupper() and (doc[s - 1].lower_ in OFFICE_WORDS or doc[s - 1].lower_ in lex.titles):
            s -= 1
        out.append((s, e))
        last_end = e
    return out


def _name_after_title(doc: Doc, lex: Lexicon, ts: int, te: int, blocked: set[int]) -> tuple[int, int] | None:
    """The capitalized run after the title (with its "of/for ..." tail); the name is its last words that are no office word."""
    j, sent_end = te, (doc[ts].sent.end if doc.has_annotation("SENT_START") else len(doc))
    while j < sent_end:
        tok = doc[j]
        if tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or tok.text.endswith(".")):
            j += 1
        elif tok.lower_ in TAIL_WORDS and j + 1 < sent_end and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ == "the"):
            j += 1
        else:
            break
    ns = j
    while ns > te and j - ns < 4:
        tok = doc[ns - 1]
        if not tok.text[:1].isupper() or tok.lower_ in OFFICE_WORDS or tok.lower_ in lex.titles or tok.i in blocked:
            break
        ns -= 1
    return (ns, j) if ns < j and doc[ns].text[:1].isupper() and doc[ns].is_alpha else None


def _looks_like_person(span: Span, lex: Lexicon) -> bool:
    entry = lex.lookup(span.text)
    return bool(entry and entry.kind == "person") or any(t.ent_type_ == "PERSON" for t in span)


def role_country(doc: Doc, lex: Lexicon, start: int, end: int) -> str | None:
    """The state a title names: before it ("U.S.", "Ukrainian", "Russia's") or in its tail ("of Ukraine")."""
    before = start - 1
    if before >= 1 and doc[before].text in POSSESSIVE:
        before -= 1
    if before >= 0:
        iso3 = lex.country_of(doc[before].text) or (before >= 1 and lex.country_of(doc[before - 1:before + 1].text))
        if iso3:
            return iso3
    for i in range(start, end):
        for j in range(min(end, i + 4), i, -1):
            text = doc[i:j].text
            iso3 = lex.country_of(text) or _org_country(lex, text)
            if iso3:
                return iso3
    return None


def _org_country(lex: Lexicon, text: str) -> str | None:
    entry = lex.lookup(text)
    return entry.country if entry and entry.kind == "organization" else None


def title_sector(lex: Lexicon, role: Span) -> str | None:
    words = {t.lower_ for t in role}
    if any(tail <= words for tail in MILITARY_TAILS):
        return "military"
    for j in range(len(role), 0, -1):  # the head of an English title is its last word: "Chief ... Judge"
        for i in range(j):
            sector = lex.titles.get(role[i:j].text.lower()) or lex.agents.get(role[i:j].text.lower())
            if sector:
                return sector
    return None


def apposition_role(doc: Doc, lex: Lexicon, name: Span) -> tuple[str, str | None, str | None] | None:
    """"Sergei Lavrov, Russia's foreign minister," and "Russia's foreign minister, Sergei Lavrov": (role, country, sector)."""
    root = name.root
    for cand in [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
        if cand.pos_ != "NOUN" or not (cand.lemma_.lower() in lex.titles or cand.lower_ in lex.titles or cand.lemma_.lower() in lex.agents):
            continue
        tokens = [t for t in cand.subtree if not (name.start <= t.i < name.end) and t.i not in _subtree_ids(root, cand)]
        tokens = [t for t in tokens if t.i <= cand.i or t.dep_ in ("prep", "pobj", "det", "compound", "amod")]
        if not tokens:
            continue
        s, e = tokens[0].i, tokens[-1].i + 1
        while s < e and (doc[s].is_punct or doc[s].lower_ in ("the", "a", "an")):
            s += 1
        while e > s and doc[e - 1].is_punct:
            e -= 1
        if e - s > 10 or s >= e:
            continue
        role = doc[s:e]
        return role.text, role_country(doc, lex, s, e), title_sector(lex, role)
    return None


def _subtree_ids(root, cand) -> set[int]:
    """Tokens of the name's own subtree, when the title is the name's head."""
    return {t.i for t in root.subtree} if root.head is cand else set()


def _entity_is_actor(span: Span, lex: Lexicon) -> bool:
    """spaCy's small model also calls places, demonyms and plural nouns PERSON or ORG: "Kherson", "Moldovan", "Houthis"."""
    if not span or not span.text[:1].isupper() or not any(t.is_alpha for t in span) or "\n" in span.text:
        return False
    entry = lex.lookup(span.text, ("name", "alias", "metonym", "demonym"))
    if entry and entry.kind != "person" and not lex.lookup(span.text, ("name", "alias", "metonym")):
        return False  # a demonym
    if span.text in lex.places and not (entry and entry.kind == "person"):
        return False
    if "," in span.text and any(part.strip() in lex.places for part in span.text.split(",")):
        return False  # "Kherson, Mykolaiv"
    if len(span) == 1 and not entry and (span[0].tag_ == "NNPS" or len(span.text) <= 2
                                         or (span.text.isupper() and len(span.text) > 5)):
        return False  # "Houthis", "AI", a dateline "SIMFEROPOL"
    return True


def ner_candidates(doc: Doc, lex: Lexicon) -> list[Candidate]:
    """spaCy's PERSON and ORG entities not in the dictionary: trimmed of titles, articles and possessives."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        s, e = ent.start, ent.end
        while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_punct):
            e -= 1
        while s < e and (doc[s].lower_ == "the" or doc[s].tag_.startswith("VB")
                         or (ent.label_ == "PERSON" and doc[s].lower_ in lex.titles)):
            s += 1
        span = doc[s:e]
        if not _entity_is_actor(span, lex):
            continue
        entry = lex.lookup(span.text, ("name", "alias", "metonym"))
        kind = entry.kind if entry else ("person" if ent.label_ == "PERSON" else "organization")
        rule = "ner-person" if kind == "person" else "ner-org"
        country = entry.country if entry else (role_country(doc, lex, s, e) if kind == "organization" else None)
        out.append(Candidate(s, e, entry.id if entry else slug(span.text), entry.name if entry else span.text,
                             kind, f"{rule}:{ent.label_}", country, entry.sector if entry else None, rank=RANK[rule]))
    return out
