"""Cause and effect spans for each kind of causal cue, read off the dependency parse.

Each function takes the cue (a token or a matched phrase) and returns ``(cause, effect)`` as character
spans, or ``None`` when the parse does not give both sides. Spans are contiguous and never overlap the
cue; where a phrase sits inside the clause it modifies, the side holding the clause's verb is kept.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..syntax import dependents, inherited_subject, subtree_span, trimmed_span

Pair = tuple[tuple[int, int], tuple[int, int]]
# Phrases CNC counts as part of the cause they introduce ("<cause>in protest against the arrests</cause>").
MOTIVES = ("in protest", "in support", "in a bid", "in an attempt", "in an effort")
# Participles that name a result of the main clause ("clashes erupted, leaving two dead"), not a motive.
RESULTS = {"leave", "kill", "injure", "wound", "force", "cause", "prompt", "trigger", "spark", "result", "lead",
           "affect", "disrupt", "cripple", "halt", "block", "create", "make", "send", "plunge", "hurt", "damage"}
# Participles that, hung on a noun ("a petition demanding X"), give the motive of the clause (CNC train:
# "demanding" on a noun starts a cause in 31 of 33 cases).
MOTIVE_PARTICIPLES = {"demand", "seek", "protest", "urge", "call", "condemn", "allege", "ask", "oppose", "denounce"}
CATENATIVES = {"continue", "try", "want", "begin", "start", "plan", "decide", "need", "hope", "refuse", "agree",
               "fail", "vow", "promise", "expect", "have", "be", "use", "able", "like", "wish", "intend", "keep",
               "urge", "ask", "convince", "persuade", "tell", "order", "allow", "compel", "encourage", "invite",
               "request", "direct", "get", "let", "help", "go", "threaten", "attempt", "manage", "choose",
               # heads whose "to" opened no CNC *train* cause: "forced to call off", "believed to have", "seem to"
               "force", "demand", "say", "believe", "prompt", "seek", "appear", "warn", "seem", "lead", "resolve",
               "offer", "require", "claim", "proceed"}
INTRO = {"advmod", "npadvmod", "intj", "prep", "pobj", "det", "amod", "compound", "nummod", "punct"}
CLAUSE_DEPS = {"conj", "cc", "punct", "mark", "advcl", "parataxis"}


def _span(tok: Token) -> tuple[int, int] | None:
    return subtree_span(tok)


def _right_part(verb: Token, start: int) -> tuple[int, int] | None:
    """What follows the verb in its own clause: objects, complements, not conjoined clauses."""
    doc = verb.doc
    rights = [c for c in verb.rights if c.dep_ not in CLAUSE_DEPS and c.i >= start]
    if not rights:
        return None
    return trimmed_span(doc, start, max(c.right_edge.i for c in rights) + 1)


def verb_pair(verb: Token, particle: str | None) -> Pair | None:
    """"Each success pushes them to this decision": subject -> what follows the verb; passives flip."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not cause" asserts no link
    agents = [o for a in dependents(verb, "agent") for o in dependents(a, "pobj")]
    passive_subjects = dependents(verb, "nsubjpass")
    if agents and passive_subjects:
        cause, effect = _span(agents[0]), _span(passive_subjects[0])
        return (cause, effect) if cause and effect else None
    subject = inherited_subject(verb) or _means(verb)
    if subject is None or passive_subjects:
        return None
    if particle:
        objs = [o for p in verb.children if p.lower_ == particle for o in dependents(p, "pobj")]
        effect = _span(objs[0]) if objs else None
    elif not [c for c in verb.rights if c.dep_ in {"dobj", "xcomp", "ccomp", "oprd"}]:
        return None  # intransitive "successes will increase in two weeks": no effect named
    else:  # CNC keeps a causative verb inside its effect ("<effect>triggered outrage</effect>")
        effect = _right_part(verb, verb.i + 1)
        effect = (verb.idx, effect[1]) if effect else None
    cause = _before(subject, verb) if subject.i < verb.i else None
    return (cause, effect) if cause and effect else None


def _before(subject: Token, verb: Token) -> tuple[int, int] | None:
    """The subject's phrase, cut before the verb when the verb sits in it ("an attack that sparked ...")."""
    end = subject.right_edge.i + 1
    if subject.left_edge.i <= verb.i < end:
        end = verb.left_edge.i if verb.left_edge.i > subject.i else subject.i + 1
    return trimmed_span(subject.doc, subject.left_edge.i, end)


def _means(verb: Token) -> Token | None:
    """"With its heroic resistance, [Ukraine] pushed them back": the means stands in for a lost subject."""
    for prep in verb.lefts:
        if prep.dep_ == "prep" and prep.lower_ in {"with", "through", "by"}:
            for obj in dependents(prep, "pobj"):
                return obj
    return None


def prep_pair(cue: Span) -> Pair | None:
    """"As a result of the war, Russia is weakened": object of the phrase -> the clause it modifies."""
    doc = cue.doc
    last = cue[-1]
    objs = dependents(last, "pobj", "pcomp") or dependents(cue[0], "pobj", "pcomp")  # "for not being there"
    if objs and objs[0].i >= cue.end:
        cause_end = _trailing(objs[0])
    else:  # the parser lost the object ("in response to X's attacks is taking"): up to the next verb
        cause_end = cue.end
        while cause_end < cue.sent.end and doc[cause_end].pos_ not in {"AUX", "VERB", "PUNCT"}:
            cause_end += 1
    cause = trimmed_span(doc, cue.start if cue[0].lower_ == "in" and cue.text.lower().startswith(MOTIVES) else cue.end,
                    cause_end)
    head = _governing_verb(cue[0])
    if cause is None or head is None:
        return None
    effect = _side_with(_main(head), cue.start, cause_end)
    return (cause, effect) if effect else None


TRAILING = {"in", "of", "at", "on", "by", "from", "during", "near"}


def _trailing(obj: Token) -> int:
    """End of a prepositional cause, with the place/time phrases the parser hung on the verb instead
    ("over the arrests | in Ramban on Friday"): CNC's causes run on to them."""
    doc, end = obj.doc, obj.right_edge.i + 1
    while end < obj.sent.end and doc[end].dep_ == "prep" and doc[end].lower_ in TRAILING and doc[end].head.i != obj.i:
        end = doc[end].right_edge.i + 1
    return end


def _main(head: Token) -> Token:
    """Climb out of infinitives and gerunds: "they decided to call it off after ...", "began striking
    for ...": the decision and the beginning are the effect, with their subject."""
    while head.dep_ == "xcomp" and head.head is not head:
        head = head.head
    return head


def conj_pair(mark: Token) -> Pair | None:
    """"They retreated because the front collapsed": the subordinate clause -> the main clause."""
    clause = mark.head
    if clause.dep_ not in {"advcl", "ccomp", "conj"} or clause.head is clause:
        return None
    start = clause.left_edge.i
    cause = trimmed_span(mark.doc, mark.i + 1, clause.right_edge.i + 1) if start == mark.i else None
    effect = _side_with(_main(clause.head), clause.left_edge.i, clause.right_edge.i + 1)
    return (cause, effect) if cause and effect else None


def purpose_pair(cue: Span) -> Pair | None:
    """"They marched so that the law would be dropped": the purpose motivates the action, so it is the
    cause and the main clause the effect (the BECauSE and CNC convention for purpose)."""
    clause = cue[-1].head if cue[-1].dep_ in {"mark", "aux"} else cue[0].head
    for _ in range(2):
        if clause.dep_ in {"advcl", "xcomp", "ccomp", "acl"}:
            break
        clause = clause.head
    if clause.head is clause:
        return None
    cause = trimmed_span(cue.doc, cue.start, clause.right_edge.i + 1)  # CNC: "<cause>in order to win</cause>"
    effect = _side_with(clause.head, min(clause.left_edge.i, cue.start), clause.right_edge.i + 1)
    return (cause, effect) if cause and effect else None


def noun_pair(cue: Span) -> Pair | None:
    """"The purpose of the war is the victory of Ukraine", "the reason for the strike was the pay cut":
    what the copula says of the noun is the cause (or purpose), the noun's object the effect."""
    noun, prep = cue[0], cue[-1]
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() != "be" or verb.i < noun.i:
        return None
    objs = dependents(prep, "pobj", "pcomp")
    said = [c for c in verb.children if c.dep_ in {"attr", "ccomp", "xcomp"} and c.i > verb.i]
    if not objs or not said:
        return None
    cause = trimmed_span(cue.doc, said[0].left_edge.i, said[0].right_edge.i + 1)
    effect = trimmed_span(cue.doc, objs[0].left_edge.i, min(objs[0].right_edge.i + 1, verb.i))
    return (cause, effect) if cause and effect else None


def adverb_pair(cue: Span) -> Pair | None:
    """"X. Therefore, Y" / "X, so Y": the previous clause or sentence -> the clause of the adverb."""
    doc = cue.doc
    sent = cue.sent
    head = cue.root.head
    effect = trimmed_span(doc, cue.end, head.right_edge.i + 1 if head.i > cue.start else sent.end)
    if cue.start > sent.start + 1:  # "X, so Y" inside one sentence
        cause = trimmed_span(doc, sent.start, cue.start)
    elif sent.start > 0:
        previous = doc[sent.start - 1].sent
        cause = trimmed_span(doc, previous.start, previous.end)
    else:
        cause = None
    return (cause, effect) if cause and effect else None


def _governing_verb(tok: Token) -> Token | None:
    """The verb a prepositional phrase hangs from (climbing out of noun phrases)."""
    head = tok.head
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.head is head:
            return head if head.pos_ in {"VERB", "AUX", "ADJ"} else None
        head = head.head
    return None


def _connective(tok: Token, clause: Token) -> bool:
    """A subordinator opening ``clause`` ("when", "after", "because"): CNC's signal, in neither side."""
    return tok.head == clause and (tok.dep_ == "mark" or tok.tag_ == "WRB")


def _side_with(head: Token, gap_start: int, gap_end: int) -> tuple[int, int] | None:
    """The part of ``head``'s clause before or after a gap (a cue phrase), whichever holds ``head``."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    noun = head.head
    if head.dep_ == "acl" and noun.pos_ in {"NOUN", "PROPN"} and noun.i < head.i and not gap_start <= noun.i < gap_end \
            and not noun.i < gap_start < head.i:  # "the strike | called by the unions": CNC keeps the noun
        left = noun.left_edge.i
    while left < head.i and _connective(head.doc[left], head):
        left += 1  # "when they protested" -> "they protested"
    for t in head.doc[left:head.i]:  # "However, villagers resisted" / "PARIS: ..." -> "villagers resisted"
        if t.text in {",", ":"} and all(u.dep_ in INTRO for u in head.doc[left:t.i]) or t.text == ":":
            left = t.i + 1
            break
    for c in head.children:
        if c.dep_ == "conj" and c.i > head.i and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children):
            right = min(right, c.left_edge.i)
    if gap_start <= head.i < gap_end:
        return None
    if head.i < gap_start:
        return trimmed_span(head.doc, left, min(right, gap_start))
    return trimmed_span(head.doc, max(left, gap_end), right)


WEAK_MARKS = {"after", "when", "as", "since", "once", "if", "until", "till", "unless", "while"}
CLAUSES = {"advcl", "xcomp", "conj", "ccomp", "prep"}
REPORTING = {"say", "claim", "allege", "maintain", "add", "tell", "state", "note", "believe", "think", "report",
             "insist", "contend", "argue", "assert", "explain", "announce", "confirm", "deny", "admit"}
MEASURES = {"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
NO_CAUSE = {"instance", "example", "help", "effect", "respect", "regard"}
WEAK_PREPS = {"for", "over", "following", "after", "amid", "against", "with", "by", "about"}


def weak_pair(sent: Span) -> tuple[Pair, Span, str] | None:
    """For a sentence the classifier calls causal: the first pair a weaker connective yields.

    In order: a purpose infinitive ("gathered to demand"), a participle ("marched, demanding ..."), a
    subordinator ("after", "as", "when"), a preposition ("over", "following", "amid"), a passive agent,
    and last any clause or phrase after the main verb.
    """
    return next(weak_pairs(sent), None)


def _reported(root: Token) -> Token:
    """"The police said that the mob had fired first": the last-resort steps read the reported clause,
    not "said" (CNC marks causes inside what is reported, not the report)."""
    for _ in range(2):
        clauses = [c for c in root.children if c.dep_ == "ccomp"] if root.lemma_.lower() in REPORTING else []
        if not clauses:
            break
        root = clauses[0]
    return root


def _steps(sent: Span) -> tuple:
    core = _reported(sent.root)
    return (
        (lambda t: t.lower_ == "to" and t.dep_ == "aux" and t.head.dep_ in {"xcomp", "advcl"}, _purpose_to, "weak:to"),
        (lambda t: t.tag_ == "VBG" and t.head.i < t.i and (t.dep_ in {"advcl", "xcomp"} or (
            t.dep_ == "acl" and t.lemma_.lower() in MOTIVE_PARTICIPLES)), _participle, "weak:participle"),
        (lambda t: t.dep_ == "mark" and t.lower_ in WEAK_MARKS, lambda t: conj_pair(t), "weak:mark"),
        (lambda t: t.dep_ == "prep" and t.lower_ in WEAK_PREPS, _weak_prep, "weak:prep"),
        (lambda t: t.dep_ == "agent", _agent_pair, "weak:agent"),
        (lambda t: t.head.i == core.i and t.i > t.head.i and t.dep_ in CLAUSES, _clause_pair, "weak:clause"),
        (lambda t: t.i == core.i, _root_pair, "weak:root"),
    )


def weak_pairs(sent: Span):
    """Every pair the weaker connectives yield, in the order of ``weak_pair``."""
    doc = sent.doc
    toks = list(sent)  # built once, not once per step
    for test, extract, rule in _steps(sent):
        for tok in toks:
            if test(tok):
                pair = extract(tok)
                if pair:
                    yield pair, doc[tok.i:tok.i + 1], f"{rule}:{tok.lower_}"


def _purpose_to(to: Token) -> Pair | None:
    verb = to.head  # CNC marks the purpose with its "to" ("<ARG0>to protest</ARG0>")
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in CATENATIVES or verb.head.pos_ == "ADJ"):
        return None  # "continue to boycott" is one action, not a purpose
    end = verb.right_edge.i + 1
    for c in verb.rights:  # "to protest | against the law": the reason for protesting is a link of its own
        if (c.dep_ == "prep" and c.lower_ in WEAK_PREPS) or (c.dep_ in {"advcl", "xcomp"} and c.i > verb.i + 1):
            end = min(end, c.left_edge.i)
    cause = trimmed_span(to.doc, to.i, end)
    effect = _side_with(_main(verb.head), verb.left_edge.i, verb.right_edge.i + 1)  # "convinced them to accept bail"
    return (cause, effect) if cause and effect else None


def _participle(verb: Token) -> Pair | None:
    """"Students marched, demanding his release": what they demand motivates the march; so too for
    "signed a petition demanding ...", where the march is the clause around the petition."""
    part = trimmed_span(verb.doc, verb.i, verb.right_edge.i + 1)  # CNC keeps "demanding" in the cause
    head = verb.head
    if verb.dep_ == "acl":
        head = _governing_verb(head) or head
    main = _side_with(head, verb.left_edge.i, verb.right_edge.i + 1)
    if verb.lemma_.lower() in RESULTS:  # "..., leaving two dead": the participle is the effect
        return (main, part) if part and main else None
    return (part, main) if part and main else None


def _agent_pair(agent: Token) -> Pair | None:
    objs = dependents(agent, "pobj")
    verb = agent.head
    if not objs:
        return None
    cause = _span(objs[0])
    effect = trimmed_span(agent.doc, verb.left_edge.i, agent.i)
    return (cause, effect) if cause and effect else None


def _clause_pair(clause: Token) -> Pair | None:
    """Last resort: a clause or phrase after the main verb explains the main clause before it."""
    if clause.right_edge.i - clause.left_edge.i < 2:
        return None
    start = clause.left_edge.i
    if clause.dep_ == "prep" and clause.i == start and clause.lower_ != "against":
        start += 1  # "injured in the firing": CNC's cause is "the firing"
    while start < clause.i and _connective(clause.doc[start], clause):
        start += 1  # "when the crowd stormed the gate": the connective is CNC's signal, not the cause
    cause = trimmed_span(clause.doc, start, clause.right_edge.i + 1)
    effect = _side_with(clause.head, clause.left_edge.i, clause.right_edge.i + 1)
    return (cause, effect) if cause and effect else None


def _weak_prep(prep: Token) -> Pair | None:
    """"Irked over the arrests, they staged a sit-in": a fronted modifier is the cause as a whole;
    otherwise the object of the preposition ("against" stays with it, as CNC marks "against X")."""
    head = prep.head
    if head.dep_ in {"advcl", "amod", "acomp"} and head.i < head.head.i and head.pos_ in {"VERB", "ADJ"}:
        cause = trimmed_span(prep.doc, head.left_edge.i, head.right_edge.i + 1)
        effect = _side_with(head.head, head.left_edge.i, head.right_edge.i + 1)
        return (cause, effect) if cause and effect else None
    if any(o.ent_type_ in MEASURES or o.lemma_.lower() in NO_CAUSE for o in dependents(prep, "pobj")):
        return None  # "for more than 25 hours", "with three others", "for instance": no reason given
    pair = prep_pair(prep.doc[prep.i:prep.i + 1])
    if pair and prep.lower_ == "against":
        pair = ((prep.idx, pair[0][1]), pair[1])
    return pair


def _root_pair(root: Token) -> Pair | None:
    """"The clashes left three students injured": with no connective, the subject causes what its verb
    phrase says happened (CNC keeps the verb inside the effect)."""
    subject = inherited_subject(root)
    if subject is None or subject.i > root.i or root.pos_ not in {"VERB", "AUX"}:
        return None
    cause = _span(subject)
    effect = _right_part(root, root.i + 1)
    if effect is None:
        return None
    effect = (root.idx, effect[1])
    return (cause, effect) if cause else None
