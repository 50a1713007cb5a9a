"""The actor dictionary: data files in lexicons/actors/ read into plain lookup tables.

Every actor file has the same columns (``name kind country sector aliases demonyms metonyms``; lists
``|``-separated; ``#`` comments), so a user extends the dictionary with a file of rows, never with Python:
``ONRECORD_ACTORS=/path/a.tsv:/path/b.tsv`` or ``nlp.add_pipe("onrecord_actors", config={"extra_lexicons": [...]})``.
Files read first win when two rows give the same actor, so a user's rows override the shipped ones.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ...lexicons import lexicon_path, read_rows
from ...model import name_key

HERE = lexicon_path("actors")
# Shipped actor files, most specific first (hand-written before generated).
ACTOR_FILES = ("groups.tsv", "blocs.tsv", "organizations.tsv", "persons.tsv", "countries.tsv", "persons_phoenix.tsv")
KINDS = {"person", "state", "organization", "bloc", "group"}
FORM_RANK = {"name": 0, "alias": 0, "metonym": 1, "demonym": 2}
HEADERS = ("name", "title", "noun", "iso3", "place")  # first cells of column-header rows


def slug(name: str) -> str:
    """Stable actor id: ``Vladimir Putin`` -> ``vladimir-putin``."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower().replace("'", "")).strip("-") or "actor"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    source: str = ""

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass
class Lexicon:
    """Actors by id; surface forms by lowercase text; titles and person nouns with their sectors."""
    entries: dict[str, Entry] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # lower -> [(text, id, form)]
    person_keys: dict[str, str] = field(default_factory=dict)  # model.name_key of a person's name or alias -> id
    titles: dict[str, str] = field(default_factory=dict)  # lower title -> sector
    agents: dict[str, str] = field(default_factory=dict)  # lower person noun -> sector
    places: dict[str, str] = field(default_factory=dict)  # place name -> ISO3: spaCy PERSON/ORG entities that are places
    state_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> state entry id
    ruling_group: dict[str, str] = field(default_factory=dict)  # ISO3 -> group entry id
    states: list[Entry] = field(default_factory=list)  # every state row read, shadowed ones too (event coding)
    extra_paths: tuple[str, ...] = ()

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries or entry.kind not in KINDS:
            return
        self.entries[entry.id] = entry
        for form, texts in (("name", (entry.name,)), ("alias", entry.aliases),
                            ("demonym", entry.demonyms), ("metonym", entry.metonyms)):
            for text in texts:
                self.forms.setdefault(text.lower(), []).append((text, entry.id, form))
                if entry.kind == "person" and form in ("name", "alias"):
                    self.person_keys.setdefault(name_key(text), entry.id)
        if entry.kind == "state" and entry.country:
            self.state_of.setdefault(entry.country, entry.id)
        if entry.kind == "group" and entry.country and entry.sector == "government":
            self.ruling_group.setdefault(entry.country, entry.id)

    def lookup(self, text: str, forms: tuple[str, ...] = ("name", "alias")) -> Entry | None:
        """The entry a surface form names (case-insensitive), preferring names to metonyms to demonyms;
        else the person whose name or alias is another romanization of it ("Zelenskyj": Zelensky)."""
        hits = [h for h in self.forms.get(text.lower(), ()) if h[2] in forms]
        hits.sort(key=lambda h: FORM_RANK[h[2]])
        if hits:
            return self.entries[hits[0][1]]
        person = self.person_keys.get(name_key(text)) if "name" in forms else None
        return self.entries[person] if person else None

    def country_of(self, text: str) -> str | None:
        """ISO3 of a country named, adjectived or capitalled by ``text`` ("U.S.", "Russian", "Moscow")."""
        entry = self.lookup(text, ("name", "alias", "demonym", "metonym"))
        return entry.country if entry and entry.kind == "state" else None


def actor_rows(path: Path) -> list[list[str]]:
    """The data rows of an actor file, without its column-header row."""
    return [cells for cells in read_rows(path) if cells[0] not in HEADERS]


def entries_from(path: Path) -> list[Entry]:
    out = []
    for cells in actor_rows(path):
        cells = (cells + [""] * 7)[:7]
        name, kind, country, sector = cells[:4]
        lists = [tuple(x.strip() for x in c.split("|") if x.strip()) for c in cells[4:]]
        if name and kind:
            out.append(Entry(name, kind, country or None, sector or None, *lists, source=path.name))
    return out


def extra_paths_from_env() -> tuple[str, ...]:
    value = os.environ.get("ONRECORD_ACTORS", "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_paths: tuple[str, ...] = ()) -> Lexicon:
    """The shipped dictionary with the user's files read first (so their rows win)."""
    extra = tuple(p for p in extra_paths if Path(p).is_file())
    for missing in sorted(set(extra_paths) - set(extra)):  # a saved pipeline may name a file since moved
        warnings.warn(f"onrecord_actors: actor file {missing} not found; skipped", stacklevel=2)
    lex = Lexicon(extra_paths=extra)
    for path in [*(Path(p) for p in extra), *(HERE / f for f in ACTOR_FILES)]:
        for entry in entries_from(path):
            lex.add(entry)
            if entry.kind == "state" and entry.country:
                lex.states.append(entry)
    lex.titles = {c[0].lower(): (c + [""])[1] for c in actor_rows(HERE / "titles.tsv")}
    lex.agents = {c[0].lower(): (c + [""])[1] for c in actor_rows(HERE / "agents.tsv")}
    for file in ("places.tsv", "places_extra.tsv"):
        for cells in actor_rows(HERE / file):
            lex.places.setdefault(cells[0], (cells + [""])[1])
    return lex
