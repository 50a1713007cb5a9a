"""Which clauses of a sentence state a forecast: future markers found on the parse, then filters.

A candidate is a predicate whose clause is marked for the future (aux "will"/"shall", "be going to",
"be about/set/likely/bound to", "expect to", hedging "may/might/could", a certainty verdict
"X is inevitable", "it is likely that ..."). Filters then drop what looks ahead without predicting:
questions, conditions, purposes and embedded questions, wishes and prescriptions, generic or habitual
"will", speech acts ("I will tell you"), and "would" outside reported speech (counterfactuals).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..context import text_of, upstream

FUTURE_MODALS = {"will", "shall", "'ll", "wo", "ll"}
HEDGE_MODALS = {"may", "might", "could"}
TO_MARKERS = {"going": "going to", "about": "about to", "set": "set to", "poised": "poised to", "due": "due to"}
TO_ADJECTIVES = {"likely", "unlikely", "certain", "sure", "bound", "probable"}
VERDICT_ADJECTIVES = {"inevitable", "unavoidable", "inescapable", "imminent", "likely", "unlikely", "certain",
                      "probable", "improbable", "possible", "impossible", "guaranteed", "doubtful", "assured",
                      "doomed"}
EXPECT_VERBS = {"expect", "anticipate", "predict", "forecast"}
CONDITION_WORDS = {"if", "unless", "when", "once", "whenever", "provided", "providing", "until", "before", "after"}
PURPOSE_WORDS = {"so", "lest"}
CONCESSIVE_WORDS = {"although", "though", "while", "whereas"}
# Nouns whose "that"-clause states a belief or expectation ("concern he could ...", "fears that ...").
CONTENT_NOUNS = {"concern", "fear", "risk", "danger", "expectation", "prospect", "possibility", "chance",
                 "likelihood", "warning", "threat", "prediction", "forecast", "belief", "sign", "signal", "worry",
                 "doubt", "faith", "confidence", "certainty", "conviction", "assurance", "promise", "pledge",
                 "guarantee"}
GENERIC_SUBJECTS = {"you", "one", "anyone", "anybody", "everyone", "everybody", "whoever", "whatever"}
GENERIC_DETS = {"any", "every", "each"}
HABITUAL_ADVERBS = {"always", "usually", "often", "typically", "generally", "sometimes", "normally", "rarely",
                    "invariably", "seldom", "frequently"}
WH_TAGS = {"WP", "WRB", "WDT", "WP$"}
PRESCRIPTIVE_MODALS = {"should", "must", "ought", "need"}
PERCEPTION_VERBS = {"sound", "seem", "appear", "look", "feel", "indicate", "suggest", "mean", "signal", "reflect",
                    "imply", "explain", "show"}  # "could indicate that ...": evidence about the present
BARE_VERDICTS = {"inevitable", "unavoidable", "inescapable", "imminent", "doomed", "guaranteed", "likely", "unlikely",
                 "probable", "improbable", "assured"}
STATIVE_VERBS = {"know", "understand", "realize", "believe", "think", "want", "like", "need", "mean", "matter",
                 "deserve", "remember", "exist", "belong", "contain", "lack", "possess", "own", "resemble"}
TRUTH_WORDS = {"true", "false", "right", "wrong", "correct", "accurate", "real", "fair", "valid"}


@dataclass
class Candidate:
    """A predicate that may carry a forecast, with the token that marks it and the rule that found it."""
    pred: Token
    marker: Token | None
    rule: str
    modal_cue: str = "will"
    verdict: bool = False
    frame: Token | None = None     # "expect", "likely" ... that introduced the clause
    reason: str | None = None      # why a filter dropped it (kept for debugging and tests)
    extra: dict = field(default_factory=dict)


def find_candidates(sent: Span, future_times: list[dict] = ()) -> list[Candidate]:
    """Future-marked predicates of a sentence, one per predicate, in text order.

    ``future_times``: onrecord_time items that point past publication; a present-tense verb they
    modify directly states a scheduled future ("the talks resume next week")."""
    found: dict[int, Candidate] = {}
    for tok in sent:
        for cand in _markers(tok):
            if "\n" not in text_of(sent.doc)[min(tok.idx, cand.pred.idx):max(tok.idx, cand.pred.idx)]:
                found.setdefault(cand.pred.i, cand)
    for t in future_times:
        cand = _scheduled(sent, t)
        if cand is not None:
            found.setdefault(cand.pred.i, cand)
    return [found[i] for i in sorted(found)]


def _scheduled(sent: Span, time: dict) -> Candidate | None:
    """A present-tense verb with a future date attached to it: 'the summit takes place in June'."""
    span = sent.doc.char_span(time["start"], time["end"], alignment_mode="expand")
    if span is None or not (sent.start <= span.start and span.end <= sent.end):
        return None
    root = span.root
    if root.dep_ in ("npadvmod", "tmod", "advmod"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "prep":
        verb = root.head.head
    else:
        return None  # "preparing for next year's elections": the date belongs to a noun
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBZ", "VBP", "VBN", "VBG"):
        return None
    finite = verb if verb.tag_ in ("VBZ", "VBP") else next(
        (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")), None)
    if finite is None or any(c.tag_ == "MD" or c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children):
        return None  # modals have their own rule; "has promised ... by Tuesday" is a perfect
    if verb.dep_ not in ("ROOT", "ccomp", "conj") or verb.tag_ == "VBN" and finite.lemma_ != "be":
        return None
    return Candidate(verb, None, "present-scheduled")


def _markers(tok: Token) -> list[Candidate]:
    lower = tok.lower_
    if tok.tag_ == "MD" and tok.dep_ in ("aux", "auxpass") and tok.head.pos_ in ("VERB", "AUX"):
        if lower in FUTURE_MODALS or tok.lemma_ in ("will", "shall"):
            return [Candidate(tok.head, tok, "modal-will")]
        if lower in HEDGE_MODALS and not _perfect(tok.head):
            return [Candidate(tok.head, tok, f"modal-{lower}", modal_cue=lower)]
        if lower == "would" and not _perfect(tok.head):  # "would have caused": a counterfactual past
            return [Candidate(tok.head, tok, "reported-would", modal_cue="would")]
        return []
    if lower in TO_MARKERS or lower in TO_ADJECTIVES:
        xcomp = _to_complement(tok)
        if xcomp is not None and (lower not in TO_MARKERS or _has_be(tok)) and not _past_be(tok):
            return [Candidate(xcomp, tok, f"marker-{lower}-to", modal_cue=TO_MARKERS.get(lower, "will"), frame=tok)]
    if tok.lemma_ in EXPECT_VERBS and tok.pos_ == "VERB":
        return _expectation(tok)
    if lower in VERDICT_ADJECTIVES and tok.dep_ in ("acomp", "attr", "ROOT"):
        return _verdict(tok)
    return []


def _perfect(pred: Token) -> bool:
    """'may have been', 'could have done': about the past, not a forecast."""
    return any(c.lower_ in ("have", "'ve") and c.dep_ == "aux" for c in pred.children)


def _has_be(tok: Token) -> bool:
    return any(c.lemma_ == "be" and c.dep_ in ("aux", "auxpass") for c in tok.children) or tok.head.lemma_ == "be"


def _past_be(tok: Token) -> bool:
    """'was going to', 'were about to', 'was likely to': a future seen from the past."""
    bes = [c for c in tok.children if c.lemma_ == "be" and c.dep_ in ("aux", "auxpass")]
    if tok.dep_ in ("acomp", "attr", "oprd"):
        bes.append(tok.head)  # "was likely to", "seemed unlikely to"
    return any(b.tag_ == "VBD" or b.morph.get("Tense") == ["Past"] for b in bes)


def _to_complement(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            return c
    return None


def _expectation(tok: Token) -> list[Candidate]:
    """'we expect to receive ...', 'Russia is expected to attack', 'analysts predict that prices rise'."""
    if tok.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in tok.children):
        return []  # "as expected", "than expected"
    if tok.tag_ == "VBD" or _past_be(tok):
        return []  # "they expected a quick war", "it was expected to": a past belief
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and c.tag_ != "VBD" and not _perfect(c):
            cue = "expected" if tok.tag_ == "VBN" else "will"
            return [Candidate(c, tok, "frame-expect", modal_cue=cue, frame=tok)]
    return []


def _verdict(tok: Token) -> list[Candidate]:
    """'the victory of Ukraine is unavoidable', 'It's inevitable', 'it is likely that ...'."""
    head = tok.head if tok.dep_ in ("acomp", "attr") else tok
    for c in [*tok.children, *(head.children if head.i != tok.i else [])]:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return [Candidate(c, tok, f"adjective-that-{tok.lower_}", frame=tok)]
    be = head if head.lemma_ == "be" else next((c for c in tok.children if c.lemma_ == "be" and c.dep_ in ("auxpass", "cop")), None)
    if be is None or _to_complement(tok) is not None:
        return []  # "he is doomed" has its copula as a passive auxiliary
    if be.morph.get("Tense") == ["Past"] and not any(c.lower_ in FUTURE_MODALS for c in head.children):
        return []  # "the war was inevitable": a judgement of the past
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("i", "we", "you") or tok.lower_ not in BARE_VERDICTS:
        return []  # "I am certain", "this is impossible": judgements of the present
    if subject.lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in [*head.children, *tok.children]):
        return []  # "it is impossible to see ...": an extraposed clause, not a bare verdict
    return [Candidate(head, tok, f"verdict-{tok.lower_}", verdict=True, frame=tok, extra={"subject": subject})]


def lemma_in(tok: Token, words) -> bool:
    """The lemma, or a plain de-inflection of the word ('hoping' -> hope: the tagger's lemma can slip)."""
    low = tok.lower_
    forms = {tok.lemma_, low, low[:-1], low[:-2], low[:-3], low[:-3] + "e", low[:-2] + "e"}
    return any(f in words for f in forms if f)


def path_up(pred: Token):
    """pred and its heads up to the sentence root."""
    tok = pred
    while True:
        yield tok
        if tok.head.i == tok.i:
            return
        tok = tok.head


def reject_reason(cand: Candidate, frames: dict[str, set[str]]) -> str | None:
    """Why this candidate is not a forecast, or None when it is one."""
    sent = cand.pred.sent
    if sent.text.rstrip().rstrip("\"'”’ )").endswith("?") or sent[0].lower_ in ("will", "shall") and sent[0].tag_ == "MD":
        return "question"
    for check in (_embedded, _framed, _generic, _performative):
        reason = check(cand, frames)
        if reason:
            return reason
    if cand.rule == "reported-would" and not cand.extra.get("speech"):
        return "would-not-reported"
    if hedged_present(cand):
        return "hedged-present"
    if cand.modal_cue in HEDGE_MODALS:
        return _hedge_not_estimate(cand, frames)
    return None


def _hedge_not_estimate(cand: Candidate, frames) -> str | None:
    """'may/might/could' that do not estimate a chance: a wish ('May the memory of ... live
    forever!'), an idiom ('might as well'), a present ability ('could already see'), an inability
    ('could not agree', unless a future date is attached), or a past belief ('few believed he
    could cut taxes')."""
    marker, pred = cand.marker, cand.pred
    first = next((t for t in pred.sent if not (t.is_punct or t.is_space)), None)
    if first is not None and marker.i == first.i and marker.lower_ == "may":
        return "wish"
    following = pred.doc[marker.i + 1:marker.i + 3]
    if [t.lower_ for t in following] == ["as", "well"]:
        return "idiom"
    if any(c.lower_ == "already" for c in pred.children if c.dep_ == "advmod"):
        return "present-ability"
    progressive = pred.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" for c in pred.children)
    if (progressive or pred.lemma_ in STATIVE_VERBS) and not _future_time_in(pred):
        return "hedged-present"  # "they may be telling the truth", "he may not know how"
    negated = any(c.dep_ == "neg" for c in pred.children)
    if marker.lower_ == "could" and negated and not _future_time_in(pred):
        return "inability"
    cognition = frames.get("cognition", set())
    for tok in list(path_up(pred))[1:]:
        if lemma_in(tok, cognition | {"convince"}) and (tok.tag_ == "VBD" or _past_be(tok) or
                                                        any(c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass"))):
            return "past-belief"
    return None


def _future_time_in(pred: Token) -> bool:
    """A time expression pointing past publication inside the predicate's clause."""
    left, right = pred.left_edge.idx, pred.right_edge.idx + len(pred.right_edge)
    return any(t.get("horizon") and left <= t["start"] and t["end"] <= right
               for t in upstream(pred.doc, "onrecord_times"))


def _marks(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("mark", "advmod") and (c.dep_ == "mark" or c.tag_ in WH_TAGS)}


def _embedded(cand: Candidate, frames) -> str | None:
    """Inside a condition, purpose, relative clause or embedded question, up to the verb that reports it."""
    reporting = frames.get("speech", set()) | frames.get("cognition", set())
    for tok in path_up(cand.pred):
        if cand.marker is not None and tok.i == cand.marker.i:
            if tok.dep_ == "relcl":
                return "relative"  # "the kind of behaviour that is going to be copied"
            continue
        if tok.i != cand.pred.i and lemma_in(tok, reporting) and tok.pos_ == "VERB":
            return None  # what a speaker says is asserted by them, wherever the saying sits
        if tok.i != cand.pred.i and _non_finite(tok):
            return "non-finite"  # "to let them run amok, responding with assurances that all will be well"
        marks = _marks(tok)
        if tok.dep_ == "advcl" and marks & PURPOSE_WORDS:
            return "purpose"
        if tok.dep_ == "advcl" and marks & CONDITION_WORDS:
            return "subordinate"
        if tok.dep_ == "advcl" and marks & CONCESSIVE_WORDS and cand.modal_cue in HEDGE_MODALS:
            return "concessive"  # "although they may do so": a concession, not an estimate
        if tok.dep_ in ("relcl", "acl") and tok.i == cand.pred.i and not _content_clause(tok):
            return "relative"
        if tok.dep_ not in ("ROOT", "relcl", "conj") and (
                marks & {"whether", "if"} and tok.dep_ != "advcl" or _wh_fronted(tok)):
            return "embedded-question"
    return None


def _non_finite(tok: Token) -> bool:
    """An infinitive or gerund clause without its own subject: what it embeds is not asserted."""
    if tok.dep_ not in ("xcomp", "advcl", "acl", "csubj", "pcomp") or tok.tag_ not in ("VB", "VBG"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux") and c.lower_ != "to" for c in tok.children):
        return False
    return True


def _content_clause(tok: Token) -> bool:
    """'concern (that) he could strike', 'no doubt that we will win': the clause states what the noun
    fears or believes (complementizer "that", or a belief noun and no relative pronoun), not which one."""
    if any(c.lower_ == "that" and c.dep_ == "mark" for c in tok.children):
        return True
    if not lemma_in(tok.head, CONTENT_NOUNS):
        return False
    return not any(c.tag_ in WH_TAGS or c.lower_ == "that" for c in tok.children)


def _wh_fronted(tok: Token) -> bool:
    """A wh-word before the verb in its own clause ('how long this war will last'), not one that opens
    a relative or adverbial clause inside it ('when the weapons arrive, ...')."""
    for t in tok.subtree:  # not in text order when the tree is non-projective: check every token
        if t.i >= tok.i or t.tag_ not in WH_TAGS or t.lower_ in ("that", "which"):
            continue
        node, inside = t, False
        while node.i != tok.i and node.head.i != node.i:
            if node.i != t.i and node.dep_ in ("advcl", "relcl", "acl"):
                inside = True
                break
            node = node.head
        if not inside:
            return True
    return False


def hedged_present(cand: Candidate) -> bool:
    """'may be an appropriate tactic', 'would be wrong': a modal on a copula judges the present or a hypothesis."""
    pred = cand.pred
    if cand.modal_cue in HEDGE_MODALS and pred.lemma_ in PERCEPTION_VERBS:
        return True  # "absurd as it may sound", "it might seem"
    if pred.lemma_ == "be" and any(c.lower_ in TRUTH_WORDS for c in pred.children if c.dep_ == "acomp"):
        return True  # "likely to be true", "may be right"
    return (cand.modal_cue in HEDGE_MODALS | {"would"} and pred.lemma_ == "be"
            and any(c.dep_ in ("acomp", "attr") for c in pred.children))


def _framed(cand: Candidate, frames) -> str | None:
    """Under a wish ('hope that'), a prescription ('must ensure that'), or an imperative."""
    for tok in list(path_up(cand.pred))[1:]:
        if lemma_in(tok, frames.get("wish", ())) or lemma_in(tok, frames.get("prescribe", ())):
            return "wish-or-prescription"
        if any(c.lower_ in PRESCRIPTIVE_MODALS and c.dep_ == "aux" for c in tok.children):
            return "wish-or-prescription"
        if tok.dep_ == "ROOT" and tok.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") and c.tag_ != "VB" for c in tok.children):
            return "imperative"
    return None


def nearest_subject(pred: Token) -> Token | None:
    """The nearest subject of the predicate, through xcomp/acomp chains and conjunctions."""
    tok = pred
    for _ in range(4):
        subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subs:
            before = [s for s in subs if s.i < pred.i]
            return (before or subs)[-1]
        if tok.dep_ not in ("xcomp", "acomp", "conj", "ccomp") or tok.head.i == tok.i:
            return None
        if tok.dep_ == "ccomp" and tok.head.lemma_ != "be":
            return None
        tok = tok.head
    return None


def _generic(cand: Candidate, frames) -> str | None:
    """Generic or habitual 'will': 'you will always find', 'any leader will ...'."""
    subject = cand.extra.get("subject") or nearest_subject(cand.pred)
    if subject is not None:
        if subject.lower_ in GENERIC_SUBJECTS or any(c.lower_ in GENERIC_DETS for c in subject.children if c.dep_ == "det"):
            return "generic"
    if any(c.lower_ in HABITUAL_ADVERBS for c in cand.pred.children if c.dep_ == "advmod"):
        return "habitual"
    if cand.pred.lemma_ in ("find", "see", "notice") and subject is not None and subject.lower_ in ("you", "we"):
        if subject.lower_ == "you" or not any(c.dep_ in ("dobj", "attr") for c in cand.pred.children):
            return "idiom"  # "you will find that ...", "we'll see (whether ...)"
    if cand.pred.lemma_ in ("tell", "show") and subject is not None and subject.lower_ in ("time", "history"):
        return "idiom"  # "time will tell"
    return None


def _performative(cand: Candidate, frames) -> str | None:
    """'I will tell you', 'we will repeat': a speech act of the speaker, not a prediction."""
    subject = nearest_subject(cand.pred)
    if subject is not None and subject.lower_ in ("i", "we") and cand.pred.lemma_ in frames.get("performative", ()):
        return "performative"
    if subject is not None and subject.lower_ in ("i", "we") and any(c.lower_ == "here" for c in cand.pred.children):
        return "performative"  # "for the moment I will stop here"
    return None
