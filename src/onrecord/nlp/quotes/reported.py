"""Reported speech: a speech, report or cognition verb, "according to", or a noun of saying, and its content.

The frames of ``lexicons/speech_verbs.tsv`` read off spaCy's parse: a clausal complement ("warned Putin
that ..."), a noun object or "to" infinitive for verbs of intention and stance ("vowed to stay"), a
parenthetical ("The plan, she said, is dead."). About two thirds of attributions in news carry no
quotation marks (PolNeAR, Newell et al. 2018), so these frames do most of the work.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..syntax import WH, dependents, inherited_subject, noun_phrase, subtree_span, trimmed_span
from .parse import noun_cue, predicate_of, prep_object, with_conjuncts

FIRST_PERSON = {"i", "we"}
ASIDES = {"relcl", "advcl", "acl", "appos"}

NOBODY = {"nobody", "noone", "none", "nothing", "neither"}


def reported_speech(tok: Token, verbs: dict) -> dict | None:
    """A speech, report or cognition verb (or "according to", or a noun cue) and the content it reports."""
    if tok.lower_ == "according":
        return according_to(tok)
    if tok.pos_ == "NOUN":
        return noun_cue_quote(tok)
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" and not (tok.pos_ == "ADJ" and verbs.get(lemma, ("",))[0] == "attitude"):
        return None
    clear = lemma == "make" and [c for c in tok.children if c.lower_ == "clear"]
    if lemma not in verbs and not clear:
        return None
    if passive(tok):
        return _passive_report(tok, verbs)
    content = _content_head(tok, verbs, skip=clear[0] if clear else None)
    span = with_conjuncts(tok, content, verbs) if content is not None else None
    rule = ""
    if span is None:
        content, span, rule = object_content(tok, verbs)
    if span is None:
        span, rule = _parenthetical(tok), "-parenthetical"
    if span is None:
        return None
    subject = nominal(_subject(tok))
    cls = verbs.get(lemma, ("speech", "-"))[0]
    if cls in {"cognition", "attitude"} and (subject is None or subject.lower_ in FIRST_PERSON):
        return None  # "I think ..." is the author's own hedge, not a quote
    if subject is not None and (subject.lower_ in NOBODY or subject.tag_ in WH or
                                any(c.lower_ == "no" for c in subject.children if c.dep_ == "det")):
        return None  # "nobody knows who wrote it", "no one said": no one is reported
    cue = tok.doc[tok.i:clear[0].i + 1] if clear and clear[0].i - tok.i <= 2 else tok.doc[tok.i:tok.i + 1]
    if subject is None and rule in {"-object", "-infinitive"} and tok.tag_ != "VBG":
        return None  # "to repeat this aggression": a noun object without a speaker is no report
    speaker = noun_phrase(subject) if subject is not None else None
    if rule != "-parenthetical":
        span = without_asides(tok.doc, _before_next_report(tok, span, verbs))
    return item("indirect", span, cue, speaker, addressee(tok, content, verbs), f"reported-{cls}{rule}")


def _before_next_report(cue: Token, span: tuple[int, int], verbs: dict) -> tuple[int, int]:
    """'said he would review the defenses *and warned against hackers*': a second verb of saying with
    no subject of its own is the speaker's next report, not part of this one."""
    doc = cue.doc
    for tok in doc.char_span(*span, alignment_mode="expand") or []:
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.lemma_.lower() in verbs and tok.i > cue.i \
                and verbs[tok.lemma_.lower()][0] == "speech" and not dependents(tok, "nsubj", "nsubjpass"):
            cut = trimmed_span(doc, doc.char_span(*span, alignment_mode="expand").start, tok.left_edge.i)
            return cut if cut is not None else span
    return span


def without_asides(doc, span: tuple[int, int]) -> tuple[int, int]:
    """'said he backed the plan*, which ...*' / '*, a former judge*' / '*, citing ...*': a trailing aside
    set off by a comma or dash is the writer's, not the reported words (PolNeAR leaves it out)."""
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None:
        return span
    for tok in tokens[2:]:
        if tok.dep_ in ASIDES and tok.left_edge.i > tokens.start + 2 and tok.right_edge.i >= tokens.end - 2 and \
                doc[tok.left_edge.i - 1].text in {",", "—", "–", "-", "--"} and _aside(tok):
            cut = trimmed_span(doc, tokens.start, tok.left_edge.i)
            return cut if cut is not None else span
    return span


def _aside(tok: Token) -> bool:
    """A non-restrictive 'which/who' clause, a participle phrase, or an appositive."""
    if tok.dep_ == "relcl":
        return tok.left_edge.tag_ in {"WDT", "WP", "WP$"} and tok.left_edge.lower_ != "that"
    if tok.dep_ in {"advcl", "acl"}:
        return tok.tag_ in {"VBG", "VBN"} and tok.left_edge.i == tok.i
    return True


def _subject(verb: Token) -> Token | None:
    """The subject, also of a gerund after a preposition ('she was careful *in criticizing* him') and
    of an adjective of attitude ('*voters* are worried about ...')."""
    found = inherited_subject(verb)
    if found is None and verb.dep_ == "pcomp" and verb.head.head is not verb.head:
        found = inherited_subject(verb.head.head)
    if found is None and verb.dep_ == "acomp":  # 'voters *are* worried about ...'
        found = inherited_subject(verb.head)
    return found


def _passive_report(verb: Token, verbs: dict) -> dict | None:
    """'It was reported that ...', '*The vote is expected to* slip', '*The plan* was rejected by the
    council': PolNeAR takes the passive subject and its predicate as the content, the agent as source.
    "When asked what ...", with no agent and no subject, is a question put to someone: no report."""
    agent, cls = _agent(verb), verbs[verb.lemma_.lower()][0]
    subjects = dependents(verb, "nsubjpass")
    head = _content_head(verb, verbs)
    span, rule = None, "-passive"
    if head is not None and (agent is not None or any(s.lower_ == "it" for s in subjects)):
        span, rule = subtree_span(head), ""
    elif subjects and subjects[0].lower_ != "it":
        tail = [c for c in dependents(verb, "xcomp", "oprd") if c.i > verb.i]
        if tail and (cls != "speech" or agent is not None):  # 'is expected to', 'was called a fraud by'
            span = trimmed_span(verb.doc, subjects[0].left_edge.i, tail[0].right_edge.i + 1)
        elif agent is not None:  # 'was rejected by the council'; 'the goals, which are declared by ...'
            own = noun_phrase(verb.head) if subjects[0].tag_ in WH and verb.dep_ == "relcl" else None
            span = (own.start_char, own.end_char) if own is not None else subtree_span(subjects[0])
    if span is None:
        return None
    speaker = noun_phrase(agent) if agent is not None else None
    return item("indirect", span, verb.doc[verb.i:verb.i + 1], speaker, None, f"reported-{cls}{rule}")


def object_content(verb: Token, verbs: dict):
    """'announced a new plan', 'called for a ceasefire', 'vowed to stay': a noun object or an
    infinitive as the reported content (PolNeAR marks intentions and stances as attributions)."""
    flags = set(verbs.get(verb.lemma_.lower(), ("", "", "-"))[2].split("|")) - {"-"}
    if not flags and verbs.get(verb.lemma_.lower(), ("",))[0] == "speech":
        flags = {"object"}  # 'repeated the same thing': any speech verb's noun object
    if "inf" in flags:
        for child in dependents(verb, "xcomp"):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child, _with_object(verb, child), "-infinitive"
    obj, objs = None, dependents(verb, "dobj")
    predicate = predicate_of(verb, objs[0]) if objs else None
    if "object" in flags or predicate is not None and "named" in flags:
        obj = objs[0] if objs and objs[0].pos_ in {"NOUN", "PROPN", "PRON"} else None
        obj = obj if obj is None or obj.pos_ != "PRON" or predicate is not None else None
    preps = {f for f in flags - {"object", "inf", "named", "none"} if not f.endswith("+")}
    if obj is None and preps:
        obj = prep_object(verb, *sorted(preps))
        obj = None if obj is not None and obj.ent_type_ in {"DATE", "TIME"} else obj  # 'spoke on Monday'
    whole = {f[:-1] for f in flags if f.endswith("+")}  # 'responded *to requests for comment*'
    phrase = next((c for c in dependents(verb, "prep") if c.lower_ in whole), None) if obj is None else None
    if phrase is not None:
        return phrase, subtree_span(phrase), "-object"
    if obj is None:
        return None, None, ""
    if predicate is not None and obj in objs:  # 'called the charges baseless': object and predicate
        return obj, trimmed_span(verb.doc, obj.left_edge.i, predicate.right_edge.i + 1), "-object"
    return obj, subtree_span(obj), "-object"


def _with_object(verb: Token, infinitive: Token) -> tuple[int, int] | None:
    """'urged *supporters to vote*', 'called on *Congress to act*': the one asked to act belongs to the
    content (PolNeAR's spans), unless it is a pronoun standing for the addressee ('told him to go')."""
    objs = [c for c in dependents(verb, "dobj") if c.i < infinitive.i]
    on = prep_object(verb, "on", "for")
    obj = objs[0] if objs else on if on is not None and on.i < infinitive.i else None
    if obj is None or obj.pos_ == "PRON":
        return subtree_span(infinitive)
    return trimmed_span(verb.doc, obj.left_edge.i, infinitive.right_edge.i + 1)


def addressee(cue: Token, content: Token | None, verbs: dict) -> Span | None:
    """Whom the words were addressed to: 'told *him*', 'said to *reporters*', 'made it clear to *him*'."""
    rule = verbs.get(cue.lemma_.lower(), ("", "-"))[1]
    objs = dependents(cue, "dative")
    if rule == "dobj":
        objs += [c for c in dependents(cue, "dobj") if content is None or c.i != content.i]
    target = objs[0] if objs else prep_object(cue, "to")
    if target is None:
        for clear in (c for c in cue.children if c.lower_ == "clear"):
            target = prep_object(clear, "to")
    return noun_phrase(target) if target is not None and target.pos_ in {"PROPN", "NOUN", "PRON"} else None


def item(kind, content, cue, speaker, to, rule) -> dict:
    """A found quote, still holding Spans: ``set_annotations`` turns it into plain values."""
    if isinstance(content, Span):
        content = (content.start_char, content.end_char)
    return {"kind": kind, "content": tuple(content), "cue": cue, "speaker": speaker, "addressee": to, "rule": rule}


def _content_head(verb: Token, verbs, *, skip: Token | None = None, depth: int = 2) -> Token | None:
    """The reported clause: a clausal complement, or the one of a "to tell ..." infinitive (not of a
    participle: 'mocked the plan, *saying* it would fail' reports two things, each with its cue)."""
    for child in verb.children:
        if child.dep_ == "ccomp" and (skip is None or child.i != skip.i):
            return child
    if depth:
        for child in verb.children:
            if child.dep_ in {"xcomp", "advcl", "ccomp"} and child.lemma_.lower() in verbs and child.tag_ != "VBG":
                found = _content_head(child, verbs, depth=depth - 1)
                if found is not None:
                    return found
        if skip is not None:
            return _content_head(skip, verbs, depth=depth - 1)
    return _that_clause(verb)


def _that_clause(verb: Token) -> Token | None:
    """A "that" clause the parser hung on the addressee ("told his counterpart that ...")."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.dep_ in {"acl", "relcl", "advcl"} and tok.head.head.i == verb.i or \
                tok.i > verb.i and tok.dep_ == "acl" and tok.head.dep_ == "pobj":
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
                return tok
    return None


def _parenthetical(cue: Token) -> tuple[int, int] | None:
    """'The plan, she said, is dead.' / 'The plan is dead, she said.': the sentence around the cue."""
    subject = inherited_subject(cue)
    if subject is None or subject.head.i != cue.i:
        return None
    doc, sent = cue.doc, cue.sent
    first, last = min(subject.left_edge.i, cue.i), max(cue.i, subject.right_edge.i)
    if first <= sent.start or doc[first - 1].text not in {",", "”", '"', "''"}:
        return None
    after = doc[last + 1] if last + 1 < sent.end else None
    if after is not None and not after.is_punct:
        return None
    end = sent.end if after is not None and after.text == "," else first
    return trimmed_span(doc, sent.start, end)


def nominal(tok: Token | None) -> Token | None:
    """A speaker is a noun or pronoun: not "5:45 p.m." or "this" misread as a subject."""
    return tok if tok is not None and tok.pos_ in {"PROPN", "NOUN", "PRON"} and tok.tag_ != "DT" else None


def passive(verb: Token) -> bool:
    """"It was reported that ...", "When asked what ...": the subject is not the speaker."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"auxpass", "nsubjpass"}:
        return True
    return verb.tag_ in {"VBN", "VBD"} and verb.dep_ in {"advcl", "acl", "relcl"} and not deps & {"aux", "nsubj"}


def _agent(verb: Token) -> Token | None:
    for agent in dependents(verb, "agent"):
        for obj in dependents(agent, "pobj"):
            return obj
    return None


def according_to(tok: Token) -> dict | None:
    """'X, according to the ministry': the rest of the sentence is the ministry's."""
    to = [c for c in tok.children if c.lower_ == "to"]
    source = dependents(to[0], "pobj", "pcomp") if to else []  # 'according to show insiders' misparsed
    if not source:
        return None
    phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    sent = tok.sent
    left, right = (sent.start, phrase.start), (phrase.end, sent.end)
    start, end = max(left, right, key=lambda r: r[1] - r[0])
    span = trimmed_span(tok.doc, start, end)
    if span is None:
        return None
    speaker = noun_phrase(source[0]) if source[0].dep_ == "pobj" else tok.doc[to[0].i + 1:source[0].right_edge.i + 1]
    return item("indirect", span, tok.doc[tok.i:to[0].i + 1], speaker, None, "according-to")


def noun_cue_quote(tok: Token) -> dict | None:
    found = noun_cue(tok)
    if found is None:
        return None
    _, span, source = found
    speaker = noun_phrase(source) if nominal(source) is not None else None
    return item("indirect", span, tok.doc[tok.i:tok.i + 1], speaker, None, "reported-noun")
