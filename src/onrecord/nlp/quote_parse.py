"""Reading speakers, addressees and reported clauses off spaCy's dependency parse.

Shared by the quotes and causal components: both need "the subject of this verb, even when the
verb is a conjunct or a participle", "the noun phrase a head stands for", and "this clause as a
clean character span" (no dangling commas, quotation marks kept).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECTS = {"nsubj", "csubj"}
WH = {"WDT", "WP", "WP$"}
NP_RIGHT = {"prep", "appos", "compound", "flat", "nmod", "nummod", "poss", "amod", "case"}
QUOTE_CHARS = set("\"“”«»„")
TRIM = {",", ";", ":", "-", "—", "–", "(", ")", "―"}


def subject_of(verb: Token, depth: int = 3) -> Token | None:
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
        return subject_of(verb.head, depth - 1)  # "Pence answered by saying ...": through the preposition
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


def clause_span(head: Token, *, without: Span | None = None) -> tuple[int, int] | None:
    """Character offsets of the subtree of ``head``, trimmed, minus a span at its edge."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if without is not None:
        if without.start <= start < without.end:
            start = without.end
        if without.start < end <= without.end:
            end = without.start
    return trimmed(doc, start, end)


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range -> character span without leading/trailing commas, dashes or brackets."""
    while start < end and (doc[start].text in TRIM or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in TRIM or doc[end - 1].text == "." or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_object(token: Token, *preps: str) -> Token | None:
    """The object of a preposition child: "said to him" -> him, "pushed them into war" -> war."""
    for prep in token.children:
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
            objs = children(prep, "pobj", "pcomp")  # "called for cutting taxes": a gerund too
            if objs:
                return objs[0]
    return None


NOUN_CUES = {"statement", "claim", "warning", "assertion", "argument", "belief", "view", "suggestion", "promise",
             "pledge", "allegation", "accusation", "charge", "insistence", "assurance", "announcement", "admission",
             "prediction", "fear", "concern", "hope", "report", "rumor", "rumour", "notion", "idea", "threat",
             "complaint", "suspicion", "conclusion", "finding", "estimate", "remark", "comment", "message",
             "testimony", "vow", "contention", "speculation", "impression", "sense", "expectation", "doubt"}


STANCE_NOUNS = {"support", "criticism", "disdain", "praise", "concern", "question", "doubt", "opposition",
                "contempt", "admiration", "call", "demand", "proposal", "commitment", "enthusiasm", "skepticism",
                "scepticism", "anger", "outrage", "frustration", "fear", "hostility", "sympathy", "backing"}
INTENT_NOUNS = {"plan", "effort", "attempt", "bid", "push", "determination", "eagerness", "willingness", "refusal",
                "decision", "agreement", "pledge", "promise", "vow", "threat", "call", "demand", "proposal", "offer",
                "commitment", "intention", "desire", "ambition", "goal", "hope", "readiness", "reluctance", "order"}
STANCE_PREPS = {"for", "about", "over", "of", "with", "toward", "towards", "against"}


def noun_cue(tok: Token) -> tuple[Token, tuple[int, int], Token | None] | None:
    """'his claim that the vote was rigged', 'the warning that ...': (content head, content, source)
    where a noun of saying or believing takes a "that" clause (PolNeAR's nominal cues)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_CUES | STANCE_NOUNS | INTENT_NOUNS:
        return None
    for child in tok.children:
        if child.dep_ in {"acl", "ccomp", "appos", "relcl"} and child.i > tok.i and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            span = clause_span(child)
            if span is None:
                return None
            return child, span, _noun_source(tok)
    if tok.lemma_.lower() in INTENT_NOUNS:  # 'his determination to act alone', 'an agreement to cut ...'
        for child in tok.rights:
            if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                span, source = clause_span(child), _noun_source(tok)
                return (child, span, source) if span is not None and source is not None else None
    if tok.lemma_.lower() in STANCE_NOUNS:  # 'their disdain for the nominee': the object of a stance
        for prep in tok.rights:
            objs = children(prep, "pobj", "pcomp") if prep.dep_ == "prep" and prep.lower_ in STANCE_PREPS else []
            span = clause_span(objs[0]) if objs else None
            source = _noun_source(tok)
            if span is not None and source is not None:  # a stance needs a holder
                return objs[0], span, source
    return None


def with_conjuncts(verb: Token, content: Token, verbs) -> tuple[int, int] | None:
    """'said they liked her, but could not vote for her': a subjectless conjunct the parser hung on
    the cue verb continues the reported clause."""
    span = clause_span(content)
    if span is None or content.i < verb.i:
        return span
    for conj in children(verb, "conj"):
        if conj.i > content.right_edge.i and conj.pos_ in {"VERB", "AUX"} and \
                not children(conj, "nsubj", "nsubjpass") and conj.lemma_.lower() not in verbs:
            tail = clause_span(conj)
            return (span[0], tail[1]) if tail else span
    return span


def predicate_of(verb: Token, obj: Token) -> Token | None:
    """What the object is called, cited or blamed as or for: 'called it *a hoax*', 'cited the report
    *as proof*', 'blasted him *for not paying taxes*'."""
    for child in verb.rights:
        if child.i > obj.i and (child.dep_ in {"oprd", "xcomp", "ccomp"} or
                                child.dep_ == "prep" and child.lower_ in {"as", "for"}):
            return child
    return None


def _noun_source(tok: Token) -> Token | None:
    """'*her* warning', '*the senator* voiced concern': whose the noun cue is."""
    source = next((c for c in tok.children if c.dep_ == "poss"), None)
    if source is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        source = subject_of(tok.head)
    return source if source is not None and source.pos_ in {"PROPN", "NOUN", "PRON"} else None
