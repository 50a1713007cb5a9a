"""The learned attribution model: which words cue an attribution, and which stretch is its content.

Trained on PolNeAR's train split (Newell et al. 2018) by ``onrecord train quotes``: two logistic
regressions (``nlp/linear_model.py``) over hashed parse features. The cue model scores each verb, noun or
adjective outside quotation marks whose lemma cued an attribution in training or is in the speech-verb
lexicon. The pair model scores each (cue, stretch) pair, the stretches being what the parse offers for the
cue (its clausal complement, object, infinitive or prepositional object, the rest of the sentence around a
parenthetical "she said", an adjacent quote, the rules' own content). The rules (``reported.py``) propose;
``weigh`` keeps the most probable pairs, one content per cue and one attribution per stretch.
"""
from __future__ import annotations

import functools
import zlib
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from ...lexicons import lexicon_path
from ..context import text_of
from ..linear_model import probability
from ..syntax import WH, inherited_subject, noun_phrase, subtree_span, trimmed_span
from .parse import INTENT_NOUNS, NOUN_CUES, STANCE_NOUNS
from .reported import NOBODY, item, passive

MODEL = lexicon_path("quotes_model.npz")
DIM = 2 ** 17
CUE_POS = {"VERB", "NOUN", "ADJ"}
SENTENCE_CACHE = "onrecord_quote_sentences"  # per-run cache in doc.user_data, never exported
TOPIC_PREPOSITIONS = frozenset({"about", "on", "of", "over", "regarding", "concerning"})
SPAN_DEPS = {"ccomp", "xcomp", "dobj", "advcl", "prep", "attr", "acomp", "oprd", "conj", "acl", "relcl", "dative"}
SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
PAIR_MIN = 0.05  # a cue the cue model gives less is not weighed further (speed; the rules' cues always are)
QUOTE_MARKS = '“”"'


def hashed(names: list[str], dim: int = DIM) -> np.ndarray:
    """Feature ids, stable across processes (CRC-32, not ``hash()``)."""
    ids = {_feature_id(n) for n in names} if dim == DIM else {zlib.crc32(n.encode("utf-8")) % dim for n in names}
    return np.array(sorted(ids), dtype=np.int64)


@functools.lru_cache(maxsize=2 ** 18)
def _feature_id(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % DIM


def is_candidate(tok: Token, lemmas: frozenset, verbs: dict, inside) -> bool:
    """A word the cue model weighs: a verb, noun or adjective with a known cue lemma, outside quotes."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according":
        return not inside(tok)
    return tok.pos_ in CUE_POS and (lemma in lemmas or lemma in verbs or lemma in NOUN_CUES) and not inside(tok)


def vetoed(tok: Token, verbs: dict) -> bool:
    """What the rules refuse on purpose, the model may not add: the author's own hedge ("I think"), no
    one reported ("Nobody knows", "No one said"), a question put to someone ("When asked ..."), and a
    passive with no one named as its source ("The plan was rejected")."""
    subject = inherited_subject(tok)
    if subject is not None and (subject.lower_ in NOBODY or subject.tag_ in WH or
                                any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)):
        return True
    if subject is not None and subject.lower_ in {"i", "we"} and verbs.get(tok.lemma_.lower(), ("",))[0] != "speech":
        return True
    if passive(tok):
        named = any(c.dep_ == "agent" for c in tok.children) or any(c.lower_ == "it" for c in tok.children
                                                                    if c.dep_ == "nsubjpass")
        return not named
    return False


def sentence_of(tok: Token) -> Span:
    """``tok.sent``, from sentence bounds worked out once per Doc: spaCy's ``Token.sent`` walks the tokens to
    find them, and the model asks it for every candidate cue and stretch (a third of its time)."""
    doc = tok.doc
    sentences = doc.user_data.get(SENTENCE_CACHE)
    if sentences is None or len(sentences) != len(doc):
        sentences = [None] * len(doc)
        for sent in doc.sents:
            sentences[sent.start:sent.end] = [sent] * (sent.end - sent.start)
        doc.user_data[SENTENCE_CACHE] = sentences
    return sentences[tok.i]


def cue_features(tok: Token, rule: dict | None, verbs: dict, quotes: list[tuple[int, int]]) -> list[str]:
    """Named features of a possible cue: the word and its parse, its subject, what the rules made of it,
    the words around it and the quotation marks near it."""
    lemma = tok.lemma_.lower()
    cls = verbs.get(lemma, ("none",))[0]
    names = [f"lem={lemma}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"lem_tag={lemma}|{tok.tag_}",
             f"lem_dep={lemma}|{tok.dep_}", f"cls={cls}", f"cls_tag={cls}|{tok.tag_}", f"head={tok.head.lemma_.lower()}",
             f"headpos={tok.head.pos_}", f"noun_cue={lemma in NOUN_CUES | STANCE_NOUNS | INTENT_NOUNS}",
             f"rule={rule['rule'] if rule else 'none'}", f"rule_lem={lemma}|{rule is not None}"]
    deps = sorted({c.dep_ for c in tok.children})
    names += [f"ch={d}" for d in deps] + [f"lem_ch={lemma}|{d}" for d in deps if d in SPAN_DEPS]
    names += [f"mark={g.lower_}" for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "mark"]
    names += [f"prep={c.lower_}|{lemma}" for c in tok.children if c.dep_ in {"prep", "dative"}]
    subject = inherited_subject(tok)
    if subject is None:
        names.append("subj=none")
    else:
        kind = subject.lower_ if subject.pos_ == "PRON" else subject.pos_
        names += [f"subj={kind}", f"subjent={subject.ent_type_}", f"lem_subj={lemma}|{kind}",
                  f"subj_speaker={subject.ent_type_ in SPEAKER_ENTS or subject.pos_ == 'PRON'}"]
    sent = sentence_of(tok)
    window = [t.lower_ for t in tok.doc[max(sent.start, tok.i - 2):min(sent.end, tok.i + 3)]]
    names += [f"win={w}" for w in window] + [f"bi={a}_{b}" for a, b in zip(window, window[1:])]
    names += [f"where={_bucket((tok.i - sent.start) / max(len(sent), 1))}"]
    near = [(s, e) for s, e in quotes if sent.start_char <= s < sent.end_char or sent.start_char < e <= sent.end_char]
    names += ["quote_in_sentence"] if near else []
    names += [f"quote_{'before' if e <= tok.idx else 'after'}" for s, e in near if not s <= tok.idx < e]
    return names + ["bias"]


def content_candidates(tok: Token, rule: dict | None, quotes: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """(kind, char span) of each stretch the parse offers as this cue's content."""
    doc, sent = tok.doc, sentence_of(tok)
    found: list[tuple[str, tuple[int, int]]] = []
    if rule is not None:
        found.append(("rule", tuple(rule["content"])))
    for child in tok.children:
        if child.dep_ in SPAN_DEPS and child.i > tok.i or child.dep_ == "ccomp":
            span = subtree_span(child)
            if span is not None:
                found.append((f"child-{child.dep_}", span))
            if child.dep_ in {"prep", "dative"}:
                found += [(f"pobj-{child.lower_ if child.lower_ in {'to', 'for', 'of', 'about', 'on'} else 'other'}", s)
                          for s in (subtree_span(g) for g in child.children if g.dep_ in {"pobj", "pcomp"}) if s]
    subject = inherited_subject(tok)
    lo = min(tok.i, subject.left_edge.i) if subject is not None and subject.head.i == tok.i else tok.i
    hi = max(tok.i, subject.right_edge.i) if subject is not None and subject.head.i == tok.i else tok.i
    before, after = trimmed_span(doc, sent.start, lo), trimmed_span(doc, hi + 1, sent.end)
    if tok.dep_ == "pcomp" or tok.lower_ == "according":
        before, after = trimmed_span(doc, sent.start, tok.left_edge.i), trimmed_span(doc, tok.right_edge.i + 1, sent.end)
    found += [(k, s) for k, s in (("sent-before", before), ("sent-after", after)) if s is not None]
    for s, e in quotes:
        if sent.start_char <= s < sent.end_char + 2 and not s <= tok.idx < e:
            found.append((f"quote-{'before' if e <= tok.idx else 'after'}", (s, e)))
    return list(dict.fromkeys(found))


def content_features(tok: Token, kind: str, span: tuple[int, int], rule: dict | None) -> list[str]:
    """Named features of one candidate stretch for a cue: its kind, size and edges."""
    doc = tok.doc
    lemma = tok.lemma_.lower()
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return [f"kind={kind}", "bias"]
    first, last = tokens[0], tokens[-1]
    sent = sentence_of(tok)
    names = [f"kind={kind}", f"kind_lem={kind}|{lemma}", f"kind_tag={kind}|{tok.tag_}", f"kind_dep={kind}|{tok.dep_}",
             f"len={_length(len(tokens))}", f"kind_len={kind}|{_length(len(tokens))}", f"first={first.lower_}",
             f"firstpos={first.pos_}", f"last={last.lower_}", f"kind_first={kind}|{first.lower_}",
             f"to_end={tokens.end >= sent.end - 1}", f"from_start={tokens.start <= sent.start + 1}",
             f"quoted={any(ch in text_of(doc)[span[0]:span[1]] for ch in QUOTE_MARKS)}", f"has_verb={any(t.pos_ in {'VERB', 'AUX'} for t in tokens)}",
             f"same_rule={rule is not None and tuple(rule['content']) == tuple(span)}",
             f"in_rule={rule is not None and rule['content'][0] <= span[0] and span[1] <= rule['content'][1]}"]
    return names + ["bias"]


CUE_CORE = ("lem=", "tag=", "dep=", "cls=", "rule=", "subj=", "subjent=", "noun_cue=", "quote_")


def pair_features(tok: Token, kind: str, span: tuple[int, int], rule: dict | None, p_cue: float,
                  cue_names: list[str]) -> list[str]:
    """A (cue, content) pair: the stretch's features, the cue's core ones, and how sure the cue model is."""
    cue = [f"c:{n}" for n in cue_names if n.startswith(CUE_CORE)]
    level = min(int(p_cue * 10), 9)
    return content_features(tok, kind, span, rule) + cue + [f"pcue={level}", f"kind_pcue={kind}|{level}"]


def _says_something(doc: Doc, span: tuple[int, int], inside, kind: str) -> bool:
    """'appeared *on "Meet the Press" on Sunday*': a stretch the model found must hold a word of its own
    outside quotation marks, and the rest of a sentence a verb (a quoted title is neither). A prepositional
    stretch is content only after a preposition of topic ('think *about* X'), not 'declared war *against* X'."""
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if kind == "child-prep" and tokens is not None and len(tokens) and tokens[0].lower_ not in TOPIC_PREPOSITIONS:
        return False
    own = [t for t in tokens or [] if not inside(t) and t.pos_ not in {"ADP", "DET", "PUNCT", "SPACE", "CCONJ"}
           and t.ent_type_ not in {"DATE", "TIME"}]
    return bool(own) and (not kind.startswith("sent-") or any(t.pos_ in {"VERB", "AUX"} for t in own))


def _bucket(x: float) -> int:
    return min(int(x * 4), 3)


def _length(n: int) -> int:
    return 0 if n <= 2 else 1 if n <= 5 else 2 if n <= 12 else 3 if n <= 30 else 4


class AttributionModel:
    """The shipped weights: the cue model, the pair model, the two thresholds, the cue lemmas."""

    def __init__(self, path: str | Path = MODEL):
        (self.cue_weights, self.cue_bias, self.pair_weights, self.pair_bias,
         self.add_threshold, self.keep_threshold, self.lemmas, self.dim) = load(str(path))

    def cue_probability(self, names: list[str]) -> float:
        return probability(self.cue_weights, hashed(names, self.dim), self.cue_bias)

    def pairs(self, tok: Token, rule: dict | None, quotes, p_cue: float,
              cue_names: list[str]) -> list[tuple[str, tuple[int, int], float]]:
        """(kind, span, probability that this cue reports this stretch) for each candidate stretch."""
        return [(kind, span, probability(self.pair_weights, hashed(pair_features(tok, kind, span, rule, p_cue, cue_names),
                                                                   self.dim), self.pair_bias))
                for kind, span in content_candidates(tok, rule, quotes)]


@functools.lru_cache(maxsize=2)
def load(path: str):
    with np.load(path) as model:
        return (model["cue_weights"].astype(np.float32), float(model["cue_bias"]),
                model["pair_weights"].astype(np.float32), float(model["pair_bias"]),
                float(model["add_threshold"]), float(model["keep_threshold"]),
                frozenset(str(x) for x in model["lemmas"]), int(model["dim"]))


def save(path: str | Path, cue: tuple[np.ndarray, float], pair: tuple[np.ndarray, float], add_threshold: float,
         keep_threshold: float, lemmas: list[str], dim: int = DIM) -> None:
    """float16 weights: small enough to ship; loading casts back to float32."""
    np.savez_compressed(path, cue_weights=cue[0].astype(np.float16), cue_bias=np.float32(cue[1]),
                        pair_weights=pair[0].astype(np.float16), pair_bias=np.float32(pair[1]),
                        add_threshold=np.float32(add_threshold), keep_threshold=np.float32(keep_threshold),
                        lemmas=np.array(sorted(lemmas)), dim=np.int64(dim))


def source_of(tok: Token) -> Span | None:
    """Who a learned cue attributes to: 'according to *X*', the agent of a passive, the owner of a noun
    cue ('*her* claim'), else the subject."""
    doc = tok.doc
    if tok.lower_ == "according":
        found = [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    elif any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children):
        found = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    elif tok.pos_ == "NOUN":
        found = [c for c in tok.children if c.dep_ == "poss"]
    else:
        found = [inherited_subject(tok)]
    head = found[0] if found and found[0] is not None else None
    if head is None or head.pos_ not in {"PROPN", "NOUN", "PRON"} or head.tag_ in {"DT", "WDT", "WP"}:
        return None
    return noun_phrase(head)


def shares(a, b) -> bool:
    """Two contents overlap by more than a fifth of the shorter: PolNeAR gives a stretch one attribution."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0.2 * max(min(a[1] - a[0], b[1] - b[0]), 1)


def _clashes(pair: dict, kept: dict) -> bool:
    """A pair shares a kept content or holds a kept cue; one wholly inside a kept content, cue and all, is
    nested ("X said *the council plans to ...*"): reported, marked ``within``, not scored on PolNeAR."""
    (s, e), (ks, ke) = pair["content"], kept["content"]
    if ks <= pair["cue_at"] < ke and ks <= s and e <= ke:
        return False
    return shares(pair["content"], kept["content"]) or ks <= pair["cue_at"] < ke


def choose(fixed: list[dict], pairs: list[dict], *, add_threshold: float, keep_threshold: float) -> list[dict]:
    """The rule items the model does not weigh, then (cue, content) pairs, most probable first: a rule's
    own pair needs ``keep_threshold``, any other ``add_threshold``; one content per cue, and none that
    clashes with a kept one (PolNeAR is univocal)."""
    kept, cues = list(fixed), set()
    for pair in sorted(pairs, key=lambda p: -p["p"]):
        if pair["p"] < (keep_threshold if pair["pair"] == "rule" else add_threshold) or pair["cue_at"] in cues:
            continue
        if any(_clashes(pair, m) for m in kept):
            continue
        cues.add(pair["cue_at"])
        kept.append(pair)
    return kept


def weigh(doc: Doc, matches: list[dict], model: AttributionModel, verbs: dict, quotes, inside) -> list[dict]:
    """The model decides among the rules' matches and the pairs it proposes: each candidate cue with each
    stretch the parse offers, the rules' own content among them."""
    scare = [m for m in matches if m["rule"] == "scare-quote"]
    matches = [m for m in matches if m["rule"] != "scare-quote"]
    by_cue = {m["cue"].start_char: m for m in matches if m["cue"] is not None}
    pairs, weighed = [], set()
    for tok in doc:
        if not is_candidate(tok, model.lemmas, verbs, inside):
            continue
        rule = by_cue.get(tok.idx)
        names = cue_features(tok, rule, verbs, quotes)
        p_cue = model.cue_probability(names)
        if rule is None and (p_cue < PAIR_MIN or vetoed(tok, verbs)):
            continue
        weighed.add(tok.idx)
        base = rule or item("indirect", (0, 0), doc[tok.i:tok.i + 1], source_of(tok), None, "learned")
        for kind, span, p in model.pairs(tok, rule, quotes, p_cue, names):
            own = rule is not None and tuple(span) == tuple(rule["content"])  # the rules' stretch, found again
            if not own and not kind.startswith("quote-") and not _says_something(doc, span, inside, kind):
                continue
            named = base["rule"] if own else f"{base['rule'].split('+')[0]}+{kind}"
            pairs.append({**base, "content": span, "rule": named, "kind": base["kind"] if own else "indirect",
                          "p": p, "cue_at": tok.idx, "pair": kind})
    fixed = [m for m in matches if m["cue"] is None or m["cue"].start_char not in weighed]
    kept = choose(fixed, pairs, add_threshold=model.add_threshold, keep_threshold=model.keep_threshold)
    return kept + scare
