"""Countries of event participants, for actors the dictionary gives no country.

Event data (CAMEO, PLOVER) code each side by country. A participant gets, in order: its actors' countries;
a country named or implied inside its own noun phrase ("Iraqi officials", "Iraq's Foreign Minister X",
"rebels in Sudan"; not "ethnic Albanians", a people); else the country where the event happened ("killed ... in
Basra"), else the sentence's first country not named by the other side ("the government", "police", or no agent).
A person acting in an international body's office is coded stateless. Names come from the actor
lexicon (countries.tsv: names, aliases, demonyms, capitals; places.tsv: cities and regions).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..actors.lexicon import extra_paths_from_env, load_lexicon

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.]*")  # hyphens split: "Israeli-Palestinian", "US-led"
# Words before a country name that make it something other than the participant's country ("anti-Syria").
NOT_OF = {"ethnic", "anti", "pro"}
# Participants that stand for no country: an international body keeps none of the sentence's countries.
STATELESS_SECTORS = ("international",)


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], str]:
    """Lower-cased word tuples -> ISO3: state names, aliases, demonyms, capitals, then places."""
    lexicon = load_lexicon(extra_paths_from_env())  # the actor files, read once (with the user's, which win)
    names: dict[tuple[str, ...], str] = {}
    for entry in lexicon.states:
        for name in (entry.name, *entry.aliases, *entry.demonyms, *entry.metonyms):
            names.setdefault(_key(name), entry.country)
    for place, iso in lexicon.places.items():
        if place and iso and place[0].isupper():
            names.setdefault(_key(place), iso)
    names.pop((), None)
    return names


def _key(name: str) -> tuple[str, ...]:
    """Lookup key of a name, read as countries_in reads text ("Democratic People's Republic of Korea")."""
    return tuple(re.sub(r"(?:'s|’s)$", "", w).lower() for w in WORD.findall(name))


def countries_in(text: str) -> list[str]:
    """Countries named in a text, in order, longest names first at each position ("South Sudan")."""
    words = [re.sub(r"(?:'s|’s)$", "", w) for w in WORD.findall(text or "")]
    caps = [not w.islower() for w in words]  # "iSrael" as typed, but not "chad" the word
    lower = [w.lower().rstrip(".") if not w.endswith(".") or len(w) > 4 else w.lower() for w in words]
    names, found, i = gazetteer(), [], 0
    while i < len(words):
        for size in range(min(6, len(words) - i), 0, -1):
            iso = names.get(tuple(lower[i:i + size])) if caps[i] else None
            if iso:
                if not (i and lower[i - 1] in NOT_OF):  # "ethnic Albanians in Serbia": a people, not a state
                    found.append(iso)
                i += size
                break
        else:
            i += 1
    return list(dict.fromkeys(found))


def international(actor: dict) -> bool:
    return actor.get("kind") == "bloc" or any(s in (actor.get("sector") or "") for s in STATELESS_SECTORS)


def acts_for_international_body(texts: list[str], actors: dict) -> bool:
    """A person named with an international body's office ("U.N. mediator X", "X, the UN relief coordinator")
    acts for that body, as CAMEO codes it (IGO), whatever the person's own nationality; "the French envoy to
    the UN" still acts for France."""
    forms = {f for a in actors.values() if international(a) for f in (a.get("name"), *(a.get("aliases") or [])) if f}
    for text in texts:
        for form in forms:
            for m in re.finditer(rf"(?<![\w.]){re.escape(form)}(?![\w])", text):
                before = text[:m.start()].lower().split()[-2:]
                if not set(before) & SERVING_AT:
                    return True
    return False


SERVING_AT = {"to", "at", "in", "with", "from", "of"}


def side_countries(ids: list[str], texts: list[str], actors: dict) -> tuple[list[str], bool]:
    """(countries, stateless) of one side from its actors and its own words."""
    found, stateless = [], False
    if any(w.lower() in NOT_OF for t in texts for w in WORD.findall(t)):  # "ethnic Serbs", "anti-Syria journalist"
        ids = []
    if ids and all((actors.get(i) or {}).get("kind") == "person" for i in ids) and acts_for_international_body(
            texts, actors):
        return list(dict.fromkeys(c for t in texts for c in countries_in(t))), True
    for i in ids:
        actor = actors.get(i) or {}
        if actor.get("country"):
            found.append(actor["country"])
        elif international(actor):
            stateless = True
    if not found or len(ids) < len(texts) or (len(ids) == 1 and " and " in texts[0]):
        found += [c for t in texts for c in countries_in(t)]  # "US and British activists": one actor, two states
    return list(dict.fromkeys(found)), stateless


# A wire dateline opening a sentence: "GAZA CITY, Palestinian Territories: ...", "KABUL (Reuters) - ...".
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+(?:,[^:\n]{0,40})?(?:\([^)]{0,30}\))?\s*(?::|\s[-–—]+)\s")


def code_countries(event: dict, doc_text: str, actors: dict) -> None:
    """Fill ``source_countries`` / ``target_countries`` (ISO3 lists) of an event dict."""
    sentence = doc_text[event["sentence"][0]:event["sentence"][1]]
    where = countries_in(event.get("location") or "")
    in_sentence = countries_in(DATELINE.sub("", sentence))  # where a story was filed is no party to it
    sides = {}
    for side in ("source", "target"):
        sides[side] = side_countries(event.get(side, []), event.get(f"{side}_text", []), actors)
    for side, other in (("source", "target"), ("target", "source")):
        found, stateless = sides[side]
        if not found and not stateless:  # also for an unnamed side: "killed by a roadside bomb in Basra"
            taken = set(sides[other][0])
            found = ([c for c in where if c not in taken][:1] or [c for c in in_sentence if c not in taken][:1]
                     or in_sentence[:1])  # a domestic event: "police dispersed protesters" of one country
            sides[side] = (found, stateless)  # the other side's fallback passes over it
        if side == "target" and event.get("location") in event.get("target_text", []):
            found = list(dict.fromkeys([*found, *where]))  # "X and Y met in Z": Z's country hosted them
        event[f"{side}_countries"] = found
