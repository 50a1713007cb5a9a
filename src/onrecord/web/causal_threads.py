"""A document's causal links as threads an analyst can read: links joined when they share a
phrase, an actor mentioned in both, or a content word, each thread headed by what joins it.

Causal links extracted from commentary are mostly pairs that touch nothing else; drawn as one
graph they made a tall picture of islands. Grouped this way, connected links read as one story
and the rest stay a compact list of cause → effect.
"""
from __future__ import annotations

import re

# Words too common in commentary to say two links are about the same thing.
STOP = frozenset("""about after again against also among because been before being between both could
during each even every from further have having here into itself just many more most much must never other
over said says same should since some still such than that their them then there these they this those
through under until very were what when where which while will with would year years make made people""".split())
COMMON = 0.4  # a connector found in more than this share of the links joins too much to mean anything


def phrase(link: dict, key: str) -> str:
    return " ".join(((link.get(key) or {}).get("text") or "").split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if len(w) >= 5 and w not in STOP}


def _actors_in(actors: list[dict], span: dict | None) -> set[str]:
    if not isinstance(span, dict):
        return set()
    start, end = span.get("start", -1), span.get("end", -1)
    return {a["name"] for a in actors for m in a.get("mentions") or ()
            if start <= m.get("start", -2) and m.get("end", 10**9) <= end}


def threads(analysis: dict) -> list[dict]:
    """Links joined by one shared phrase, actor or word (strongest first), each ``{"about": [...], "links": [...]}``; then one
    thread of the unconnected links, ``about`` empty."""
    links = [link for link in analysis.get("causal") or () if phrase(link, "cause") and phrase(link, "effect")]
    actors = [a for a in analysis.get("actors") or () if a.get("name")]
    connectors, shown = [], {}
    for link in links:
        shown.update({f"phrase:{phrase(link, k).lower()}": phrase(link, k) for k in ("cause", "effect")})
        found = {f"phrase:{phrase(link, k).lower()}" for k in ("cause", "effect")}
        found |= {f"actor:{name}" for k in ("cause", "effect") for name in _actors_in(actors, link.get(k))}
        found |= {f"word:{w}" for k in ("cause", "effect") for w in _words(phrase(link, k))}
        connectors.append(found)
    counts: dict[str, int] = {}
    for found in connectors:
        for c in found:
            counts[c] = counts.get(c, 0) + 1
    useful = {c for c, n in counts.items() if n >= 2 and n <= max(2, COMMON * len(links))}
    # Greedy, not transitive: a chain of "shares a word with" would join everything into one thread.
    ranked = sorted(useful, key=lambda c: (KINDS.index(c.split(":")[0]), -counts[c], c))
    taken: set[int] = set()
    out = []
    for connector in ranked:
        members = [i for i, found in enumerate(connectors) if connector in found and i not in taken]
        if len(members) < 2:
            continue
        taken.update(members)
        out.append({"about": [shown.get(connector, connector.split(":", 1)[1])], "links": [_link(links[i]) for i in members]})
    alone = [_link(link) for i, link in enumerate(links) if i not in taken]
    if alone:
        out.append({"about": [], "links": alone})
    return out


KINDS = ("phrase", "actor", "word")


def _link(link: dict) -> dict:
    return {"id": link.get("id"), "cause": phrase(link, "cause"), "effect": phrase(link, "effect"),
            "cue": phrase(link, "cue"), "polarity": link.get("polarity"), "hedged": bool(link.get("hedged"))}
