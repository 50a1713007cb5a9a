"""Who a speaker phrase refers to: an actor id from the actors component, pronouns included.

Reads only the actors contract (``doc._.onrecord_actors`` and ``doc._.onrecord_mentions``), so it works
(and returns ``None``) while that component is empty. A pronoun goes to the most recent earlier
mention of a compatible actor ("he" -> a person, "they" -> a group, organization or state), skipping
the actor the clause is already about ("Milley ... made it clear to him": "him" is not Milley).
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from ...lexicons import read_rows
from ..context import context, upstream

PRONOUN_KINDS = {
    "he": {"person"}, "him": {"person"}, "his": {"person"}, "she": {"person"}, "her": {"person"},
    "they": {"group", "organization", "state", "bloc", "person"}, "them": {"group", "organization", "state", "bloc", "person"},
    "it": {"state", "organization", "bloc", "group"},
}
FIRST_PERSON = {"i", "me", "my"}
LOOKBACK = 2000  # characters: an antecedent further back than a few paragraphs is a guess
NAMED = {"PERSON", "ORG", "NORP", "GPE", "LOC"}
ABSTRACT_ENDINGS = ("ing", "ness", "ism")
NUMBERS_AND_TIMES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "eer", "ee")
NOT_NAMES = NUMBERS_AND_TIMES | {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "LANGUAGE"}  # a common noun
# of these types never speaks ("the T-72")
NOT_PRONOUNS = {"this", "that", "these", "those", "which", "what", "who", "whom", "something", "nothing", "anything",
                "everything", "one", "all", "both", "each", "there"}


@functools.lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, str]:
    """lemma -> kind from ``lexicons/speaker_nouns.tsv``."""
    return {cells[0]: cells[1] for cells in read_rows("speaker_nouns.tsv") if len(cells) > 1}


def is_speaker(span: Span | None) -> bool:
    """People, organizations and groups speak: a pronoun, a name, a noun of ``speaker_nouns.tsv`` or any
    other noun the file does not list as "not". A media item ("Video shows"), a figure ("Latest estimates
    suggest"), a time or an abstract noun ("courageous struggle") does not, and "dozens of *cars*" is read
    by the noun after "of", which must name people (a listed noun or an agent noun, "farmers")."""
    return span is not None and len(span) > 0 and _speaks(span.root)


def _speaks(head: Token, strict: bool = False) -> bool:
    if head.pos_ == "PRON":
        return head.lower_ not in NOT_PRONOUNS
    if any(ch.isdigit() for ch in head.text):
        return False  # a model number or a time ('the T-72', 'BTR-4'), even where spaCy calls it an ORG
    if head.ent_type_ in NAMED:
        return True
    if head.pos_ == "PROPN":  # a name ('HuffPost', typed PRODUCT by spaCy), not a date or a model number ('BTR-4')
        return head.ent_type_ not in NUMBERS_AND_TIMES and head.text.replace(".", "").replace("-", "").isalpha()
    lemma = head.lemma_.lower()
    kind = speaker_nouns().get(lemma) or speaker_nouns().get(head.lower_)
    if kind == "quantity":
        of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return not of or _speaks(of[0], strict=True)
    if head.ent_type_ in NOT_NAMES:
        return False
    if kind is not None:
        return kind != "not"
    if strict:
        return len(lemma) > 5 and lemma.endswith(AGENT_ENDINGS) and not lemma.endswith("ment")
    return not lemma.endswith(ABSTRACT_ENDINGS)  # 'the sinking', 'its weakness', 'terrorism' are no speakers


def _mentions(doc: Doc) -> list[dict]:
    return upstream(doc, "onrecord_mentions")


def _kinds(doc: Doc) -> dict[str, str]:
    actors = upstream(doc, "onrecord_actors")
    return {a.get("id"): a.get("kind") for a in actors if isinstance(a, dict)}


def resolve_actor(doc: Doc, span: Span | None, *, exclude: str | None = None) -> str | None:
    """The actor id a speaker or addressee phrase stands for, or None."""
    if span is None or len(span) == 0:
        return None
    head = span.root
    kinds = _kinds(doc)
    inside = [m for m in _mentions(doc) if m["start"] < span.end_char and span.start_char < m["end"]
              and m.get("actor") != exclude]
    if inside:
        on_head = [m for m in inside if m["start"] <= head.idx < m["end"]]
        people = [m for m in inside if kinds.get(m["actor"]) == "person"]
        return (on_head or people or inside[-1:])[0]["actor"]
    word = head.lower_
    if word in FIRST_PERSON:
        return author_actor(doc)
    if head.pos_ == "PRON" and word in PRONOUN_KINDS:
        return antecedent(doc, head.idx, PRONOUN_KINDS[word], exclude=exclude)
    return None


def antecedent(doc: Doc, before: int, kinds: set[str], *, exclude: str | None = None) -> str | None:
    """The most recent actor of one of ``kinds`` mentioned before character ``before``."""
    known = _kinds(doc)
    for m in reversed(_mentions(doc)):
        if m["end"] > before or m.get("actor") == exclude:
            continue
        if before - m["end"] > LOOKBACK:
            break
        if known.get(m.get("actor")) in kinds:
            return m["actor"]
    return None


def author_actor(doc: Doc) -> str | None:
    """The actor standing for the document's author, when the actors component made one."""
    ctx = context(doc)
    names = {(a.get("name") or "").lower() for a in ctx.get("authors") or []}
    actors = upstream(doc, "onrecord_actors")
    for a in actors:
        if (a.get("name") or "").lower() in names:
            return a.get("id")
    return None
