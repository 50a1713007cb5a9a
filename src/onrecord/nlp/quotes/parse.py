"""Reading speakers, addressees and reported clauses off spaCy's dependency parse (quotes only; the
helpers shared with other components are in ``nlp/syntax.py``)."""
from __future__ import annotations

from spacy.tokens import Token

from ..syntax import dependents, inherited_subject, subtree_span


def prep_object(token: Token, *preps: str) -> Token | None:
    """The object of a preposition child: "said to him" -> him, "pushed them into war" -> war."""
    for prep in token.children:
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
            objs = dependents(prep, "pobj", "pcomp")  # "called for cutting taxes": a gerund too
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
            span = subtree_span(child)
            if span is None:
                return None
            return child, span, _noun_source(tok)
    if tok.lemma_.lower() in INTENT_NOUNS:  # 'his determination to act alone', 'an agreement to cut ...'
        for child in tok.rights:
            if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                span, source = subtree_span(child), _noun_source(tok)
                return (child, span, source) if span is not None and source is not None else None
    if tok.lemma_.lower() in STANCE_NOUNS:  # 'their disdain for the nominee': the object of a stance
        for prep in tok.rights:
            objs = dependents(prep, "pobj", "pcomp") if prep.dep_ == "prep" and prep.lower_ in STANCE_PREPS else []
            span = subtree_span(objs[0]) if objs else None
            source = _noun_source(tok)
            if span is not None and source is not None:  # a stance needs a holder
                return objs[0], span, source
    return None


def with_conjuncts(verb: Token, content: Token, verbs) -> tuple[int, int] | None:
    """'said they liked her, but could not vote for her': a subjectless conjunct the parser hung on
    the cue verb continues the reported clause."""
    span = subtree_span(content)
    if span is None or content.i < verb.i:
        return span
    for conj in dependents(verb, "conj"):
        if conj.i > content.right_edge.i and conj.pos_ in {"VERB", "AUX"} and \
                not dependents(conj, "nsubj", "nsubjpass") and conj.lemma_.lower() not in verbs:
            tail = subtree_span(conj)
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
        source = inherited_subject(tok.head)
    return source if source is not None and source.pos_ in {"PROPN", "NOUN", "PRON"} else None
