"""onrecord_actors: who is in the text, each resolved to one actor with all its mentions.

Finds mentions with a dictionary (lexicons/actors/*.tsv: states with aliases, demonyms and capitals; IGOs; blocs;
ruling groups; political figures), a title + name rule, appositions, collective-group rules and spaCy's
PERSON/ORG entities; then merges them: surnames corefer with a full name in the same document ("Austin" ->
Lloyd Austin), and the byline's author is an actor too. Writes plain dicts (see notes in common.md):
``doc._.onrecord_actors`` and ``doc._.onrecord_mentions``. Matchers are built once, when the component is made.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .groups import group_candidates
from .lexicon import Lexicon, extra_paths_from_env, load_lexicon, slug
from .rules import (POSSESSIVE, RANK, Candidate, apposition_role, lexicon_candidates, ner_candidates,
                          title_candidates)
from ..context import annotate_safely, context, declare, text_of, tokens_where

declare("onrecord_actors", "onrecord_mentions")


@Language.factory("onrecord_actors", assigns=["doc._.onrecord_actors", "doc._.onrecord_mentions"],
                  requires=["doc.ents", "token.dep", "token.tag"], default_config={"extra_lexicons": []})
def make_actors(nlp: Language, name: str, extra_lexicons: list[str]):
    return ActorRecognizer(nlp, name, extra_lexicons=extra_lexicons)


class ActorRecognizer:
    """Dictionary and rule-based actor recognition; ``extra_lexicons`` (and $ONRECORD_ACTORS) add actor files."""

    def __init__(self, nlp: Language, name: str = "onrecord_actors", *, extra_lexicons=()):
        self.name = name
        self.nlp = nlp
        self.build(tuple(str(p) for p in extra_lexicons) + extra_paths_from_env())

    def build(self, extra_paths: tuple[str, ...]) -> None:
        """Read the dictionary and build the matchers: once per component, never per document."""
        self.lexicon: Lexicon = load_lexicon(extra_paths)
        self.forms = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.titles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        # Patterns keep the dictionary's capitals: the tokenizer splits "u.s." but not "U.S.".
        tokenizer = self.nlp.tokenizer
        self.forms.add("ACTOR", list(tokenizer.pipe(hits[0][0] for hits in self.lexicon.forms.values())))
        self.titles.add("TITLE", list(tokenizer.pipe(self.lexicon.titles)))

    def to_disk(self, path, *, exclude=()) -> None:
        """Save the user's extra actor rows with the pipeline (the shipped files come with the package)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        rows = [line for p in self.lexicon.extra_paths for line in Path(p).read_text(encoding="utf-8").splitlines()]
        (path / "extra_actors.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> "ActorRecognizer":
        saved = Path(path) / "extra_actors.tsv"
        if saved.is_file() and saved.read_text(encoding="utf-8").strip():
            self.build((str(saved.resolve()), *extra_paths_from_env()))
        return self

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W120", "onrecord_actors", "onrecord_mentions")

    def match(self, doc: Doc) -> list[Candidate]:
        lex = self.lexicon
        found = lexicon_candidates(doc, lex, self.forms(doc))
        blocked = {i for c in found if c.kind != "person" for i in range(c.start, c.end)}
        titled = title_candidates(doc, lex, self.titles(doc), blocked)
        return [*found, *titled, *ner_candidates(doc, lex), *group_candidates(doc, lex, found)]

    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        chosen = choose(candidates)
        people_not_orgs(chosen)
        chosen += surname_mentions(doc, self.lexicon, chosen, self.authors(doc))
        actors = build_actors(doc, self.lexicon, chosen)
        add_authors(doc, self.lexicon, actors, self.authors(doc))
        doc._.onrecord_actors = list(actors.values())
        rules = {(*mention_span(doc, c), c.key): c.rule for c in chosen}  # provenance of each mention
        doc._.onrecord_mentions = sorted(
            ({"start": s, "end": e, "actor": a["id"], "rule": rules.get((s, e, a["id"]), "author")}
             for a in actors.values() for s, e in a["mentions"]),
            key=lambda m: (m["start"], -m["end"]))

    @staticmethod
    def authors(doc: Doc) -> list[dict]:
        return [a for a in context(doc).get("authors") or [] if a.get("name")]


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Best candidates first (rank, then length); plain mentions may not overlap, but a group description
    may hold other mentions, and a state name may sit inside an organization's name ("the U.S. State Department")."""
    title_roles = {i for c in candidates if c.role_span for i in range(*c.role_span)}
    taken: set[int] = set()
    org_tokens: set[int] = set()
    out = []
    for c in sorted(candidates, key=lambda c: (-c.rank, -(c.end - c.start), c.start)):
        span = set(range(c.start, c.end))
        if c.container:
            if not any(o.container and o.start < c.end and c.start < o.end for o in out):
                out.append(c)
            continue
        if span & taken and not (c.kind == "state" and span <= org_tokens and not span & (taken - org_tokens)):
            continue
        if c.rule.startswith("ner-org") and span & title_roles:
            continue
        out.append(c)
        taken |= span
        if c.kind == "organization":
            org_tokens |= span
    return out


def people_not_orgs(chosen: list[Candidate]) -> None:
    """spaCy tags some full names ORG ("Nikki Haley"): one whose last word is a person's lone name elsewhere
    in the document ("Ambassador Haley") is that person."""
    lone = {c.name.lower() for c in chosen if c.kind == "person" and c.end - c.start == 1}
    for c in chosen:
        words = c.name.split()
        if (c.rule.startswith("ner-org") and 2 <= len(words) <= 3 and words[-1].lower() in lone
                and all(w[:1].isupper() and w.isalpha() for w in words)):
            c.kind, c.rule = "person", "ner-org-as-person"


def _name_index(lex: Lexicon, chosen: list[Candidate], authors: list[dict]):
    """Full person names of the document, and which of them each surname and each first name can stand for."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    full = {c.key: c for c in chosen if c.kind == "person" and len(c.name.split()) > 1}
    names = [(c.key, c.name.split()) for c in full.values()]
    names += [(slug(a["name"]), a["name"].split()) for a in authors if len(a["name"].split()) > 1]
    for key, words in names:
        if not lex.lookup(words[-1], ("name", "alias", "metonym", "demonym")):
            by_surname[words[-1].lower()].add(key)
        by_first[words[0].lower()].add(key)
    return full, by_surname, by_first


def surname_mentions(doc: Doc, lex: Lexicon, chosen: list[Candidate], authors: list[dict]) -> list[Candidate]:
    """A lone surname that matches exactly one full name in the document refers to that person; so does a
    first name that spaCy tagged PERSON ("Hillary" after "Hillary Clinton")."""
    full, by_surname, by_first = _name_index(lex, chosen, authors)
    for c in chosen:  # single-word person mentions found by NER join the full name
        if c.kind != "person" or c.end - c.start != 1:
            continue
        keys = by_surname.get(c.name.lower()) or (by_first.get(c.name.lower()) if c.rule.startswith("ner") else None)
        key = next(iter(keys)) if keys and len(keys) == 1 else None
        if key in full:
            c.key, c.name, c.country, c.sector = key, full[key].name, full[key].country, full[key].sector
    taken = {i for c in chosen if not c.container for i in range(c.start, c.end)}
    out = []
    for tok in tokens_where(doc, lower=by_surname):
        keys = by_surname.get(tok.lower_)
        if not keys or len(keys) != 1 or tok.i in taken or tok.tag_ != "NNP" or not tok.text[:1].isupper():
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNP":
            continue
        key = next(iter(keys))
        ref = full.get(key)
        out.append(Candidate(tok.i, tok.i + 1, key, ref.name if ref else tok.text, "person", "surname",
                             ref.country if ref else None, ref.sector if ref else None, rank=RANK["surname"]))
    return out


def build_actors(doc: Doc, lex: Lexicon, chosen: list[Candidate]) -> dict[str, dict]:
    """Merge candidates by actor id; dictionary facts win over facts read from the text."""
    actors: dict[str, dict] = {}
    text = doc.text  # Doc.text is rebuilt on every access
    for c in sorted(chosen, key=lambda c: (c.start, -c.rank)):
        entry = lex.entries.get(c.key)
        a = actors.setdefault(c.key, {
            "id": c.key, "name": entry.name if entry else c.name, "kind": entry.kind if entry else c.kind,
            "country": entry.country if entry else None, "sector": entry.sector if entry else None,
            "roles": [], "aliases": [], "mentions": [], "rule": c.rule, "_rank": -1, "_kinds": Counter()})
        a["_kinds"][c.kind] += 1 if c.rule.startswith("ner") else 3
        a["country"] = a["country"] or c.country
        a["sector"] = a["sector"] or c.sector
        if c.rank > a["_rank"]:
            a["rule"], a["_rank"] = c.rule, c.rank
            if not entry and c.kind == "person" and len(c.name) > len(a["name"]):
                a["name"] = c.name
        roles = [c.role] if c.role else []
        if c.kind == "person" and c.end - c.start > 1:
            appos = apposition_role(doc, lex, doc[c.start:c.end])
            if appos:
                roles.append(appos[0])
                a["country"] = a["country"] or appos[1]
                a["sector"] = a["sector"] or appos[2]
        for role in roles:
            if role not in a["roles"]:
                a["roles"].append(role)
        span = mention_span(doc, c)
        if list(span) not in a["mentions"]:
            a["mentions"].append(list(span))
    for key, a in actors.items():
        if key not in lex.entries:  # spaCy may call one name PERSON here and ORG there: the majority wins
            a["kind"] = a["_kinds"].most_common(1)[0][0]
        del a["_rank"], a["_kinds"]
        a["mentions"].sort()
        a["aliases"] = _aliases(text, a)
    return dict(sorted(actors.items(), key=lambda kv: kv[1]["mentions"][0]))


def mention_span(doc: Doc, c: Candidate) -> tuple[int, int]:
    """Character offsets; "the" joins a non-person mention it determines ("the Americans", "the West")."""
    start = c.start
    if c.kind != "person" and start > 0 and doc[start - 1].lower_ == "the" and c.start <= doc[start - 1].head.i < c.end:
        start -= 1
    end = c.end
    while end > start + 1 and doc[end - 1].text in POSSESSIVE:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _aliases(text: str, actor: dict) -> list[str]:
    seen, out = {actor["name"].lower()}, []
    for s, e in actor["mentions"]:
        form = re.sub(r"\s+", " ", text[s:e])
        if form.lower() not in seen:
            seen.add(form.lower())
            out.append(form)
    return out


def add_authors(doc: Doc, lex: Lexicon, actors: dict[str, dict], authors: list[dict]) -> None:
    """Each byline author is a person actor, with the byline role and the country that role names."""
    text = text_of(doc)
    for author in authors:
        name, role = author["name"].strip(), (author.get("role") or "").strip()
        entry = lex.lookup(name)
        key = entry.id if entry and entry.kind == "person" else slug(name)
        words = re.findall(r"[\w.'’-]+", role)
        country = next((c for c in (lex.country_of(w) for w in words) if c), None)
        a = actors.setdefault(key, {"id": key, "name": entry.name if entry else name, "kind": "person",
                                    "country": entry.country if entry else None,
                                    "sector": entry.sector if entry else None,
                                    "roles": [], "aliases": [], "mentions": [], "rule": "author"})
        a["rule"], a["kind"] = "author", "person"
        a["country"] = a["country"] or country
        a["sector"] = a["sector"] or _role_sector(lex, role)
        if role and role not in a["roles"]:
            a["roles"].append(role)
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if [m.start(), m.end()] not in a["mentions"]:
                a["mentions"].append([m.start(), m.end()])
        a["mentions"].sort()
        a["aliases"] = _aliases(text, a)


def _role_sector(lex: Lexicon, role: str) -> str | None:
    words = role.lower().split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i:i + n])
            if key in lex.titles or key in lex.agents:
                return lex.titles.get(key) or lex.agents.get(key)
    return None
