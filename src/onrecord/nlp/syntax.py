"""Parse helpers several components share: a verb's subject, a head's noun phrase, a clause as a clean span.

Quotes and causal links both need "the subject of this verb, even when the verb is a conjunct or a
participle", "the noun phrase a head stands for", and "this clause as a clean character span" (no
dangling commas, quotation marks kept). Helpers that serve one concern live in its own package.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECTS = {"nsubj", "csubj"}
WH = {"WDT", "WP", "WP$"}
NP_RIGHT = {"prep", "appos", "compound", "flat", "nmod", "nummod", "poss", "amod", "case"}
QUOTE_CHARS = set("\"“”«»„")
TRIM = {",", ";", ":", "-", "—", "–", "(", ")", "―"}


def inherited_subject(verb: Token, depth: int = 3) -> Token | None:
    """The subject of ``verb``; a conjunct, participle or infinitive borrows its governor's."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.tag_ in WH and verb.dep_ == "relcl":
                return verb.head  # "Austin, who said ..." -> Austin
            return child
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if depth and verb.dep_ in {"conj", "advcl", "xcomp", "pcomp", "prep"} and verb.head is not verb:
        return inherited_subject(verb.head, depth - 1)  # "Pence answered by saying ...": through the preposition
    return None


def noun_phrase(head: Token) -> Span:
    """The phrase a noun head stands for: its left side and its unpunctuated right modifiers.

    "Chairman of the Joint Chiefs of Staff Mark Milley" stays whole; ", who spoke on Monday," is cut.
    """
    doc = head.doc
    start, end = head.left_edge.i, head.i + 1
    for child in head.rights:
        if child.dep_ not in NP_RIGHT or any(t.is_punct for t in doc[end:child.left_edge.i]):
            break
        end = child.right_edge.i + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in QUOTE_CHARS:
        end -= 1
    return doc[start:end]


def subtree_span(head: Token, *, without: Span | None = None) -> tuple[int, int] | None:
    """Character offsets of the subtree of ``head``, trimmed, minus a span at its edge."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if without is not None:
        if without.start <= start < without.end:
            start = without.end
        if without.start < end <= without.end:
            end = without.start
    return trimmed_span(doc, start, end)


def trimmed_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range -> character span without leading/trailing commas, dashes or brackets."""
    while start < end and (doc[start].text in TRIM or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in TRIM or doc[end - 1].text == "." or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def dependents(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]
