"""Which candidate links to report: a well-formedness check, then a learned confidence for each pair.

The cue rules and the weaker connectives (``spans.py``) propose more pairs than a sentence holds; this
module keeps only pairs whose cause and effect are clauses or noun phrases (never a bare preposition, a
date or a byline) and scores each with a logistic regression over the pair's shape: the rule that
proposed it, the cue word, the parse role, entity type and length of each side, and how causal the
sentence reads (the sentence classifier's probability, in bands). It is trained on CNC v2 *train*
(``onrecord train causal``): a candidate is positive when both its sides overlap one gold pair by word F1
≥ 0.5. The component reports a sentence's best pairs whose confidence clears the shipped threshold.
"""
from __future__ import annotations

import zlib

import numpy as np
from spacy.tokens import Doc, Span

from .. import linear_model
from .spans import CATENATIVES, REPORTING

DIM = 2 ** 13
CONTENT = {"NOUN", "PROPN", "PRON", "VERB", "NUM", "ADJ"}
TIME_ENTS = {"DATE", "TIME"}
NEVER_CUES = {"of", "on", "in", "at", "to", "by", "from", "into"}  # weak:prep/clause cues that state no cause alone
# Verbs of saying and thinking: "as they like to say", "if we consider X", "don't think about X" attribute or
# muse; a weak connective next to them states no cause (spans.REPORTING plus verbs of thought).
TALK = REPORTING | {"consider", "think", "talk", "speak", "worry", "forget", "remember", "recall", "like", "wonder"}
# "as" introduces time or manner more often than a reason ("as they like to say", "as we did yesterday";
# CNC dev: 4 of 12 weak "as" links right), so it proposes no link without an explicit cue.
WEAK_NEVER = {"weak:mark:as"}
# Places answer "where", not "why": "over residential areas", "over our sky", "against the capital".
PLACES = {"GPE", "LOC", "FAC"}
PLACE_NOUNS = {"area", "sky", "territory", "region", "city", "country", "border", "street", "square", "town",
               "village", "capital", "district", "land", "sea", "airspace"}
# Verbs whose -ing object is the action itself, not its motive: "would not mind snatching", "kept firing".
ING_OBJECT = CATENATIVES | {"mind", "avoid", "finish", "enjoy", "risk", "stop", "quit", "resume", "consider"}
CONCESSIVE = {"although", "though", "despite", "whereas", "notwithstanding", "albeit"}  # a contrast, not a cause
EXPLICIT_FLOOR = 0.1  # an explicit cue link is dropped only when the ranker gives it under one chance in ten
LENGTHS = (1, 2, 3, 5, 8, 13, 21)
BANDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def side(doc: Doc, span: tuple[int, int]) -> Span | None:
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def well_formed(doc: Doc, link: dict, byline: list[tuple[int, int]]) -> bool:
    """Cause and effect are a clause or a noun phrase: some content word, not a date or time alone,
    not the byline, and not the cue itself; a weak link's cue is not a bare locative preposition."""
    cue = link["cue"]
    weak = link["rule"].startswith("weak:")
    if weak and (cue.text.lower() in NEVER_CUES or link["rule"] in WEAK_NEVER or _talk(cue.root) or
                 _talk(cue.root.head)):
        return False
    if link["rule"].startswith("weak:participle") and cue.root.dep_ == "xcomp" and \
            cue.root.head.lemma_.lower() in ING_OBJECT:
        return False
    for name, span in (("cause", link["cause"]), ("effect", link["effect"])):
        s = side(doc, span)
        if s is None or not any(t.pos_ in CONTENT and t.pos_ != "PRON" for t in s) or s[0].tag_ in {"WDT", "WP"}:
            return False  # "by", "They", "that Putin declared": no clause or noun phrase of its own
        if name == "cause" and (any(c.dep_ == "mark" and c.lower_ in CONCESSIVE for c in s.root.children)
                                or (weak and _talk(s.root))):
            return False  # "although X", "as they like to say"
        if name == "cause" and link["rule"].startswith("weak:prep") and (
                s.root.ent_type_ in PLACES or s.root.lemma_.lower() in PLACE_NOUNS):
            return False
        words = [t for t in s if not (t.is_punct or t.is_space)]
        if words and all(t.ent_type_ in TIME_ENTS or t.pos_ in {"ADP", "DET"} for t in words):
            return False  # "the autumn", "on Monday", "by then"
        if any(a < span[1] and span[0] < b for a, b in byline):
            return False
        before = doc[s.start - 1] if s.start > 0 else None
        if s[0].lower_ in CONCESSIVE or (before is not None and before.lower_ in CONCESSIVE):
            return False
    return True


def _talk(tok) -> bool:
    """A verb of saying or thinking, or one whose complement is ("like to say")."""
    return tok.lemma_.lower() in TALK and (tok.lemma_.lower() != "like" or
                                           any(c.lemma_.lower() in TALK for c in tok.children if c.dep_ == "xcomp"))


def _length(n: int) -> int:
    return next((i for i, cut in enumerate(LENGTHS) if n <= cut), len(LENGTHS))


def _band(p: float) -> int:
    return sum(p >= b for b in BANDS)


def _side_names(prefix: str, s: Span) -> list[str]:
    root = s.root
    first = s[0]
    return [f"{prefix}:lemma:{root.lemma_.lower()}", f"{prefix}:w0:{first.lower_}", f"{prefix}:pos:{root.pos_}", f"{prefix}:dep:{root.dep_}", f"{prefix}:ent:{root.ent_type_ or '-'}",
            f"{prefix}:len:{_length(len(s))}", f"{prefix}:verb:{any(t.pos_ in {'VERB', 'AUX'} for t in s)}",
            f"{prefix}:first:{first.pos_}:{first.lower_ if first.pos_ in {'ADP', 'SCONJ', 'PART'} else ''}",
            f"{prefix}:subj:{any(t.dep_ in {'nsubj', 'nsubjpass'} for t in s)}"]


def link_features(doc: Doc, link: dict, p_sentence: float, rank: int, count: int = 1) -> list[int]:
    """Hashed feature ids of one candidate link (crc32: stable across processes)."""
    rule = link["rule"]
    family = ":".join(rule.split(":")[:2]) if rule.startswith("weak:") else rule.split(":")[0]
    cause, effect = side(doc, link["cause"]), side(doc, link["effect"])
    band = _band(p_sentence)
    cue = link["cue"]
    names = [f"rule:{rule}", f"family:{family}", f"band:{band}", f"family_band:{family}:{band}",
             f"rule_band:{rule}:{band}", f"rank:{min(rank, 4)}", f"family_rank:{family}:{min(rank, 4)}",
             f"count:{min(count, 6)}", f"rank_count:{min(rank, 4)}:{min(count, 6)}",
             f"order:{link['cause'][0] < link['effect'][0]}", f"cue_dep:{cue.root.dep_}", f"cue:{family}:{cue.text.lower()}",
             f"cue_head:{family}:{cue.root.head.lemma_.lower()}", f"cue_head_pos:{family}:{cue.root.head.pos_}",
             f"sent_len:{_length(len(cue.sent))}", "bias"]
    if cause is not None and effect is not None:
        names += _side_names("c", cause) + _side_names("e", effect)
        names.append(f"ratio:{_length(len(cause))}:{_length(len(effect))}")
        gap = abs(max(cause.start, effect.start) - min(cause.end, effect.end))
        names.append(f"gap:{_length(gap)}")
        names.append(f"family_c:{family}:{cause.root.pos_}:{cause.root.dep_}")
        names += [f"c_before:{doc[cause.start - 1].lower_ if cause.start else '^'}",
                  f"e_before:{doc[effect.start - 1].lower_ if effect.start else '^'}",
                  f"c_head:{cause.root.head.lemma_.lower()}", f"e_head:{effect.root.head.lemma_.lower()}",
                  f"family_clemma:{family}:{cause.root.lemma_.lower()}"]
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in names})


def link_probability(weights: np.ndarray, ids: list[int]) -> float:
    return linear_model.probability(weights, ids)


def select(scored: list[tuple[float, dict]], threshold: float, second: float, most: int,
           explicit=lambda link: False) -> list[dict]:
    """A sentence's links, most confident first: an explicit cue link ("because", "as a result of": the
    text says so) unless the model finds it unlikely (below EXPLICIT_FLOOR), any other only above
    ``threshold`` (a second one above ``second``); at most ``most``, no two with overlapping causes or
    the same cue."""
    chosen: list[dict] = []
    for p, link in sorted(scored, key=lambda x: -x[0]):
        if len(chosen) >= most:
            break
        if p < (EXPLICIT_FLOOR if explicit(link) else second if chosen else threshold):
            continue
        if any(_overlap(link["cause"], c["cause"]) or link["cue"].start == c["cue"].start for c in chosen):
            continue
        chosen.append({**link, "confidence": round(p, 3)})
    return chosen


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]
