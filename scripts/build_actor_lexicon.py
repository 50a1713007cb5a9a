#!/usr/bin/env python3
"""Build the generated actor lexicon files from the MIT-licensed dictionaries in ../shared.

    .venv/bin/python scripts/build_actor_lexicon.py [../shared/data/events/actors]

Writes, under src/onrecord/lexicons/actors/:
  countries.tsv        states with aliases, demonyms, capitals and seats (NGEC countries.csv + text-to-cameo
                       countrynames.txt + our hand-written country_extras.tsv)
  persons_phoenix.tsv  office holders in the Phoenix dictionary (to early 2014), current and former, with the
                       country of their open office, else of their last one
  agents.tsv           person nouns ("general", "diplomat") -> sector, from NGEC's PLOVER_agents.txt
Only facts (names, codes) are taken; each output's header cites its sources and licence.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "onrecord" / "lexicons" / "actors"
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "events" / "actors"
COLUMNS = "name\tkind\tcountry\tsector\taliases\tdemonyms\tmetonyms"

# CAMEO agent codes (3 letters) -> our sector names. "MED" is medicine in PLOVER's agents file.
SECTORS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "CRM": "criminal", "REL": "religion",
    "CVL": "civilians", "BUS": "business", "LEG": "legislature", "JUD": "judiciary", "COP": "police",
    "MED": "health", "HLH": "health", "JRN": "media", "EDU": "education", "UAF": "armed group",
    "SPY": "intelligence", "AGR": "agriculture", "PTY": "party", "LAB": "labor", "NGO": "ngo",
    "ELI": "elite", "REF": "refugees", "SOC": "civil society", "OPP": "opposition", "IGO": "international organization",
}
# Canonical names where NGEC's differ from common English usage in news.
CANONICAL = {"PSE": "Palestine", "COD": "Democratic Republic of the Congo", "MKD": "North Macedonia"}
DEMONYM_END = ("an", "ans", "ese", "ish", "i", "is", "ch", "er", "ers", "ot", "ots", "ic", "s", "ns", "ai", "ss", "z", "k")
SKIP_NAMES = {"Jersey"}  # an ICEWS name that is mostly "New Jersey" in news


def sector_of(code: str) -> str:
    """Military wins (a defense ministry's people are military); then opposition; then the first code."""
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    for key in ("MIL", "OPP"):
        if key in parts:
            return SECTORS[key]
    return next((SECTORS[p] for p in parts if p in SECTORS), "")


def read_extras() -> dict[str, list[list[str]]]:
    rows = {}
    for line in (OUT / "country_extras.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("iso3\t") or not line.strip():
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        rows[cells[0]] = [[x for x in c.split("|") if x] for c in cells[1:]]
    return rows


def country_names() -> dict[str, list[str]]:
    """Code -> ICEWS names (text-to-cameo countrynames.txt); 6-letter codes are dependent territories."""
    names = defaultdict(list)
    for line in (SRC / "text-to-cameo" / "countrynames.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and cells[1].isalpha() and cells[0].strip() not in SKIP_NAMES:
            names[cells[1]].append(cells[0].strip())
    return names


def split_nationality(items: list[str], iso3: str, code_of: dict[str, str]) -> tuple[list[str], list[str]]:
    """NGEC's Nationality cell mixes demonyms, aliases and dependent territories: stop at the first territory."""
    aliases, demonyms = [], []
    for item in (x.strip() for x in items):
        if not item:
            continue
        if code_of.get(item.lower(), iso3) != iso3:
            break
        is_name = (item.isupper() or "." in item or len(item.split()) > 2 or item.lower() in code_of
                   or not item.lower().endswith(DEMONYM_END))
        (aliases if is_name else demonyms).append(item)
    return aliases, demonyms


def build_countries() -> list[str]:
    names, extras = country_names(), read_extras()
    code_of = {n.lower(): c for c, ns in names.items() for n in ns}
    rows = []
    with open(SRC / "ngec" / "countries.csv", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            iso3 = rec["CCA3"]
            if len(iso3) != 3:
                continue
            code_of.setdefault(rec["Name"].lower(), iso3)
            aliases, demonyms = split_nationality(rec["Nationality"].split(","), iso3, code_of)
            ex_alias, ex_dem, capitals, seats = extras.get(iso3, [[], [], [], []])
            name = CANONICAL.get(iso3, rec["Name"])
            aliases = _unique([rec["Name"], *names.get(iso3, []), *aliases, *ex_alias], drop=name)
            demonyms = _unique([*demonyms, *ex_dem], drop=name)
            rows.append("\t".join([name, "state", iso3, "", "|".join(aliases), "|".join(demonyms),
                                   "|".join(_unique([*capitals, *seats], drop=name))]))
    for iso3, (ex_alias, ex_dem, capitals, seats) in extras.items():  # states NGEC lacks ("South Sudan")
        if iso3 not in {r.split("\t")[2] for r in rows} and names.get(iso3):
            name = names[iso3][0]
            rows.append("\t".join([name, "state", iso3, "", "|".join(_unique([*names[iso3], *ex_alias], drop=name)),
                                   "|".join(ex_dem), "|".join(_unique([*capitals, *seats], drop=name))]))
    return rows


def _unique(items, drop=""):
    seen, out = {drop.lower()}, []
    for x in items:
        if x and x.lower() not in seen:
            seen.add(x.lower())
            out.append(x)
    return out


def phoenix_name(raw: str) -> str:
    words = raw.strip().strip("_").split("_")
    keep = re.compile(r"[A-Z]\.?|[IVX]+")  # initials and regnal numbers stay as written ("Abdullah II")
    return " ".join(w if keep.fullmatch(w) else w[:1] + w[1:].lower() for w in words if w)


def phoenix_blocks(text: str) -> list[dict]:
    """CountryInfo person blocks: name, aliases ('+' lines, or bare lines before the first office) and
    offices as (code, end) with end a sortable YYYYMMDD string ("[USAGOV 010120-090120]" -> "20090120")."""
    blocks, cur = [], None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line[0].isspace() and not line.startswith("+"):
            if cur is not None and cur["person"] and not cur["offices"] and "CountryInfo" not in line:
                cur["aliases"].append(line.split("#")[0].strip())  # "BORIS_YELTSIN_" then "BORIS_N._YELTSIN"
                continue
            cur = {"name": line.split("#")[0].strip(), "aliases": [], "offices": [], "person": "CountryInfo" in line}
            if cur["person"]:
                blocks.append(cur)
        elif line.startswith("+") and cur:
            cur["aliases"].append(line[1:].split("#")[0].strip())
        else:
            m = re.match(r"\s*\[(\w+)\s*(>?)\s*(?:\d+-)?(\d*)\s*\]", line)
            if cur and m and len(m.group(1)) >= 6:
                end = "99999999" if m.group(2) else _full_date(m.group(3))
                cur["offices"].append((m.group(1), end))
    return blocks


def _full_date(yymmdd: str) -> str:
    """Phoenix writes two-digit years; the file is from 2014, so 30-99 are the 1900s."""
    if len(yymmdd) < 6:
        return "0"
    return ("19" if yymmdd[:2] >= "30" else "20") + yymmdd[:6]


def _person_name(raw: str) -> str | None:
    name = phoenix_name(raw)
    ok = re.fullmatch(r"[A-Za-z][A-Za-z .'-]*[A-Za-z.]", name) and all(w[:1].isupper() for w in name.split())
    return name if ok and len(name.split()) >= 2 else None


def build_persons(states: set[str]) -> list[str]:
    """Office holders, current or former (news from the 1990s names 1990s leaders): country and sector of the
    office that ended last (open-ended first), passing over mere "elite" status (a former president is GOV).
    Aliases: Phoenix's own multi-word variants ("Hosny Mubarak") and the few lone surnames it lists
    ("Merkel"); a variant two countries share is dropped."""
    text = (SRC / "phoenix" / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    people, owners = [], defaultdict(set)
    for block in phoenix_blocks(text):
        name = _person_name(block["name"])
        offices = sorted(block["offices"], key=lambda o: (o[0][3:6] != "ELI", o[1]))
        code = offices[-1][0] if offices else ""
        if not name or code[:3] not in states:  # IGO staff, East Germany, test codes: no ISO3 state
            continue
        aliases = [a for a in (_person_name(x) or _lone_surname(x) for x in block["aliases"]) if a and a != name]
        people.append((name, code, aliases))
        for form in (name, *aliases):
            owners[form.lower()].add(code[:3])
    rows = []
    for name, code, aliases in people:
        aliases = [a for a in dict.fromkeys(aliases) if len(owners[a.lower()]) == 1]
        rows.append("\t".join([name, "person", code[:3], sector_of(code[3:]), "|".join(aliases), "", ""]))
    return _unique(rows)


def _lone_surname(raw: str) -> str | None:
    word = phoenix_name(raw)
    return word if re.fullmatch(r"[A-Z][a-z]{3,}", word) else None


def build_places() -> list[str]:
    """Cities, regions and spelling variants listed under each country in Phoenix: names that are places, not actors."""
    rows, cur = set(), None
    text = (SRC / "phoenix" / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r"([A-Z][A-Z_'.-]*?)_?\s+\[([A-Z]{3})\]", line)
        if m:
            cur = m.group(2)
        elif not line[0].isspace() and not line.startswith("+"):
            cur = None
        elif line.startswith("+") and cur:
            name = phoenix_name(line[1:].split("#")[0])
            if name and name.replace(" ", "").replace("-", "").isalpha():
                rows.add(f"{name}\t{cur}")
    return sorted(rows)


# Our corrections to the agents file: in international commentary a bare "deputy" is a member of a
# parliament (Duma, Rada, "people's deputies") far more often than a sheriff's deputy.
AGENT_OVERRIDES = {"deputy": "legislature", "deputies": "legislature"}


def build_agents() -> list[str]:
    """Person nouns -> sector: single words and two-word compounds, singular or plural, from PLOVER_agents.txt."""
    rows = dict(AGENT_OVERRIDES)
    for line in (SRC / "ngec" / "PLOVER_agents.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Z][A-Z_'-]*?)_?\s+\[~(\w+)\]", line)
        if not m or m.group(2)[:3] in ("JNK", "NON", "UNK", "PRE", "PRM"):
            continue
        noun = m.group(1).replace("_", " ").lower()
        if len(noun.split()) <= 2 and sector_of(m.group(2)):
            rows.setdefault(noun, sector_of(m.group(2)))
    return [f"{k}\t{v}" for k, v in sorted(rows.items())]


MIT = "MIT licence"
HEADERS = {
    "countries.tsv": [
        "States, generated by scripts/build_actor_lexicon.py from:",
        "  ahalterman/NGEC countries.csv @787a06b (names, ISO3, demonyms; NGEC declares MIT),",
        "  openeventdata/text_to_CAMEO countrynames.txt @6d7b3ab (ICEWS country names; MIT, (c) 2014 Philip Schrodt),",
        "  and country_extras.tsv (hand-written: capitals, seats of government, extra aliases). Do not edit: rebuild.",
        "Format: see organizations.tsv. Metonyms (capitals, seats) mention the state only when they stand alone.",
    ],
    "persons_phoenix.tsv": [
        "Office holders from openeventdata/petrarch2 Phoenix.Countries.actors.txt @676801c (CountryInfo 2014),",
        f"{MIT}, Copyright (c) 2014 Open Event Data Alliance: office holders, current or former, with the country",
        "and sector of their open office, else of their last one not merely 'elite'. Aliases: Phoenix's multi-word variants and lone",
        "surnames, minus any two countries share. Generated by scripts/build_actor_lexicon.py. The list stops in",
        "early 2014; persons.tsv adds later figures.",
        "Format: see organizations.tsv.",
    ],
    "places.tsv": [
        "Places (cities, regions, variant spellings) listed under each country in openeventdata/petrarch2",
        f"Phoenix.Countries.actors.txt @676801c ({MIT}, Copyright (c) 2014 Open Event Data Alliance). Generated by",
        "scripts/build_actor_lexicon.py. Used to veto spaCy PERSON/ORG entities that are places (\"Kherson\").",
        "places_extra.tsv adds places by hand. Columns: place <TAB> iso3",
    ],
    "agents.tsv": [
        "Person nouns -> sector, from ahalterman/NGEC PLOVER_agents.txt @787a06b (CAMEO agents adapted for PLOVER;",
        f"{MIT}, Copyright (c) 2014 Open Event Data Alliance). Generated by scripts/build_actor_lexicon.py.",
        "Columns: noun <TAB> sector",
    ],
}


def write(name: str, rows: list[str], columns: str = COLUMNS) -> None:
    head = [f"# {h}" for h in HEADERS[name]]
    (OUT / name).write_text("\n".join([*head, columns, *rows]) + "\n", encoding="utf-8")
    print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    countries = build_countries()
    write("countries.tsv", countries)
    write("persons_phoenix.tsv", build_persons({row.split("\t")[2] for row in countries}))
    write("agents.tsv", build_agents(), "noun\tsector")
    write("places.tsv", build_places(), "place\tiso3")
