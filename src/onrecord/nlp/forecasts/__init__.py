"""onrecord_forecasts: every prediction in a text, with holder, probability, horizon and a question.

Reads the parse, not keywords: a clause is a forecast when its predicate is marked for the future
(``forecast_clauses``) and it is asserted, not asked, wished, prescribed, supposed or generic. Its
probability comes from the estimative-language table (``forecast_probability``), its holder and
horizon from the frame around it (``forecast_frame``), using onrecord_actors and onrecord_time.
Writes ``doc._.onrecord_forecasts``: plain dicts shaped like the ``forecasts`` item of DESIGN.md.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..context import actors_in, annotate_safely, declare, published, upstream
from .clauses import Candidate, find_candidates, lemma_in, nearest_subject, reject_reason
from .cues import cue_candidates
from .lines import fronted_end, same_line, sentence_line, t_is_ahead
from .detector import MODEL, Detector, DocContext, eligible, features
from .frame import (FIRST_PERSON, according_to, author_id, condition_of, frame_subject, holder_words, horizon_of,
                    previous_person, resolve_actor, slug, speech_frame, subject_phrase, titled_person)
from .probability import FRAMES, TABLE, CueFinder, estimate_probability, load_frames, load_table
from .proposition import (ANAPHORS, antecedent, clause_range, clause_tokens, proposition, question_form,
                          relative_antecedent, sentence_form)

declare("onrecord_forecasts", "onrecord_mentions", "onrecord_actors", "onrecord_times", "onrecord_quotes")
UNKNOWN_SPEAKER = "unknown-speaker"  # holder of a forecast inside a quote whose speaker is not found
NEGATIVE_SUBJECTS = {"no", "nobody", "none", "nothing", "neither"}
ARGUMENT_DEPS = {"dobj", "attr", "nsubj", "nsubjpass", "pobj", "dative", "oprd", "ccomp", "xcomp"}
NOT_SPEAKERS = {"emphasis", "translation", "source", "note", "update", "caption", "it", "this", "that"}
ASIDE_MARKS = {"although", "though", "while", "whereas", "because", "since", "as", "if", "unless", "when", "once"}


DEGREE = {"most", "very", "almost", "quite", "highly", "more", "less", "nearly", "fairly", "rather", "all", "extremely"}


class Forecasts:
    """Finds forecasts (``match``) and writes them to the Doc (``set_annotations``)."""

    collect = False  # training sets this: list cue candidates and their features even without a detector

    def __init__(self, nlp: Language, *, table_path: str | None = None, frames_path: str | None = None,
                 detector_path: str | None = None, use_detector: bool = True):
        self.nlp = nlp
        self.load(table_path or str(TABLE), frames_path or str(FRAMES))
        self.detector = Detector(detector_path or MODEL) if use_detector else None

    def load(self, table_path: str, frames_path: str) -> None:
        """Read the probability table and the frame verbs (data files a user can extend)."""
        self.table_path, self.frames_path = table_path, frames_path
        self.table, self.frames = load_table(table_path), load_frames(frames_path)
        self.cues = CueFinder(self.nlp, self.table)

    def to_disk(self, path, *, exclude=()) -> None:
        """Save the two lexicons with the pipeline (``nlp.to_disk``), so a saved pipeline is self-contained."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.table_path, path / "estimative.csv")
        shutil.copyfile(self.frames_path, path / "estimative_frames.csv")

    def from_disk(self, path, *, exclude=()) -> "Forecasts":
        path = Path(path)
        self.load(str(path / "estimative.csv"), str(path / "estimative_frames.csv"))
        return self

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W140", "onrecord_forecasts")

    def match(self, doc: Doc) -> list[dict]:
        """The forecasts among the candidates: those the trained detector scores at or above its threshold
        (or, without a detector, those no rule filter rejects). Each keeps the detector's ``confidence``."""
        lexical = self.cues.find(doc)
        found: list[dict] = []
        for sent, judged in self.candidates(doc):
            kept = [(c, frame, p) for c, frame, reason, names, p in judged if self._keep(c, reason, p)]
            if any(not c.rule.startswith("cue-") for c, *_ in kept):  # a cue word only stands in for a missed clause
                kept = [k for k in kept if not k[0].rule.startswith("cue-")]
            preds = {c.pred.i for c, *_ in judged if not c.rule.startswith("cue-")} | {c.pred.i for c, *_ in kept}
            for cand, frame, p in kept:
                item = self.forecast(doc, cand, frame, lexical, preds - {cand.pred.i}, found)
                found.append(item | {"confidence": None if p is None else round(p, 3)})
        return found

    def _keep(self, cand: Candidate, reason: str | None, p: float | None) -> bool:
        if self.detector is None:
            return reason is None and not cand.rule.startswith("cue-")
        return self.detector.keeps(cand, reason, p)

    def candidates(self, doc: Doc):
        """Per sentence: (sentence, [(candidate, frame, rule verdict, feature names, detector probability)]).
        Training reads the same candidates and features the component decides on (``train/forecasts.py``)."""
        self._last_speaker = None
        ahead = [t for t in upstream(doc, "onrecord_times") if t.get("type") in ("DATE", "TIME")
                 and t_is_ahead(t, published(doc))]
        context = DocContext(doc, [t for t in upstream(doc, "onrecord_times")
                                   if t.get("horizon") or t_is_ahead(t, published(doc))])
        for sent in doc.sents:
            cands = find_candidates(sent, ahead)
            if self.detector is not None or self.collect:
                taken = {c.pred.i for c in cands} | {c.marker.i for c in cands if c.marker is not None}
                extra = [c for c in cue_candidates(sent, taken) if c.pred.i not in taken]
                first = {}
                for c in extra:  # best cue first: "a visit is planned" is a plan, not a visit
                    first.setdefault(c.pred.i, c)
                cands = sorted(cands + list(first.values()), key=lambda c: c.pred.i)
            yield sent, self._judge(doc, sent, cands, context)

    def _judge(self, doc: Doc, sent, cands: list[Candidate], context: DocContext) -> list[tuple]:
        judged, speaker = [], None  # once "X said that ..." starts reported speech, later clauses are X's too
        for cand in cands:
            frame = self.attribution(doc, cand)
            cand.extra["speech"] = bool(frame and frame[3] == "speech" and frame[2] in (cand.pred.head.i, cand.pred.i)
                                        and not (cand.marker is not None and self._quote_speaker(doc, cand.marker)))
            if frame and frame[0] != "author":
                speaker = frame
            elif speaker and not frame and cand.pred.i > speaker[2] and same_line(doc, speaker[2], cand.pred.i):
                frame = speaker
            reason = reject_reason(cand, self.frames)
            names = None
            if (self.detector is not None or self.collect) and eligible(cand, reason):
                names = features(cand, reason, sent, context)
            p = self.detector.probability(names) if self.detector is not None and names else None
            judged.append((cand, frame, reason, names, p))
        return judged

    def attribution(self, doc: Doc, cand: Candidate) -> tuple[str, bool, int, str, Token | None] | None:
        """(holder, attributed, verb index, frame kind, frame verb) when a frame says whose forecast it is."""
        found = self._frame_holder(doc, cand)  # the syntax first: 'said Russia would "have to react"'
        quoted = self._quote_speaker(doc, cand.pred)
        if quoted and (found is None or found[0] == "author"):  # inside a quote, "I think" is the speaker's
            return (quoted, True, cand.pred.i, "quote", found[4]) if found else (quoted, True, cand.pred.i, "quote", None)
        return found

    def _frame_holder(self, doc: Doc, cand: Candidate):
        frame = speech_frame(cand.pred, self.frames)
        if frame is None:
            source = according_to(cand.pred)
            if source is not None:
                return self._holder(doc, source), True, source.i, "speech", None
            return None
        verb, kind = frame
        subject = frame_subject(verb)
        if subject is not None and subject.lower_ in ("that", "this"):
            return None  # "That said, ..."
        if subject is None or subject.lower_ in FIRST_PERSON:
            return "author", False, verb.i, kind, verb if kind == "cognition" else None
        holder = self._holder(doc, subject)
        if holder == author_id(doc):
            return "author", False, verb.i, kind, verb if kind == "cognition" else None
        return holder, True, verb.i, kind, verb if kind == "cognition" else None

    def _holder(self, doc: Doc, subject: Token) -> str:
        """The actor id of the speaker; 'he'/'they' is the last person or speaker named before."""
        if subject.lower_ in ("he", "she", "they"):
            earlier = self._main_subjects(doc, subject.sent, subject)
            if earlier:  # "an official told reporters as he argued that ...": the same sentence's subject
                subject = earlier[-1]
        if subject.lower_ in ("he", "she"):
            found = previous_person(doc, subject.idx)
            if found:
                return found
        if subject.lower_ in ("they", "he", "she") and self._last_speaker:
            return self._last_speaker
        if subject.lower_ in ("they", "he", "she") and subject.sent.start > 0:
            before = self._main_subjects(doc, doc[subject.sent.start - 1].sent, subject)
            if before:  # "The analysts met on Monday. They said ..."
                subject = before[-1]
        span = subject_phrase(subject)
        holder = resolve_actor(doc, span) or titled_person(doc, span) or slug(holder_words(span))
        self._last_speaker = holder
        return holder

    def _main_subjects(self, doc: Doc, sent, before: Token) -> list[Token]:
        """Noun subjects of the main or reporting verbs of a sentence, before a token and on its line."""
        return [t for t in sent if t.i < before.i and t.dep_ in ("nsubj", "nsubjpass")
                and t.pos_ in ("NOUN", "PROPN") and same_line(doc, t.i, before.i)
                and (t.head.dep_ == "ROOT" or lemma_in(t.head, self.frames["speech"]))]

    def _quote_speaker(self, doc: Doc, pred: Token) -> str | None:
        for q in upstream(doc, "onrecord_quotes"):
            content = q.get("content") or [0, 0]
            if not (content[0] <= pred.idx < content[1] and q.get("kind") == "direct"):
                continue
            if q.get("speaker"):
                return q["speaker"]
            words = re.sub(r"^(the|a|an) ", "", (q.get("speaker_text") or "").lower()).split()
            if 0 < len(words) <= 4 and words[0] not in NOT_SPEAKERS:
                return slug(" ".join(words))  # "the senator"; not "(emphasis added)" or "translation of ..."
            return UNKNOWN_SPEAKER  # quoted words are someone else's, even when we cannot tell whose
        return None

    def forecast(self, doc: Doc, cand: Candidate, frame, lexical, other_preds: set[int], previous: list[dict]) -> dict:
        pred = cand.pred
        condition = condition_of(pred)
        skip = set(other_preds)
        start, end = clause_range(pred, skip)
        span = [doc[start].idx, doc[end - 1].idx + len(doc[end - 1])]
        subject = cand.extra.get("subject") or nearest_subject(pred)
        negated, explicit = self._negated(cand, subject), self._explicit_negation(cand)
        scope = self._scope(cand, frame, start, end)
        belief = frame[4] if frame else None
        if belief is None and cand.rule.startswith("cue-") and cand.frame is not None:
            belief = cand.frame  # "it risks a recession": the cue word itself weighs the clause
            scope = scope | {cand.frame.i}
        p, cue, source, basis = estimate_probability(doc, self.table, lexical, scope, belief, cand.marker,
                                                     cand.modal_cue)
        subj, verb, anchor = self._words(doc, cand, subject, negated, skip, previous)
        named = self._named_subject(doc, subject, frame, subj)
        if named:
            subj, anchor = named, (subject.idx, subject.idx + len(subject))
        toks = clause_tokens(pred, skip) + (list(condition) if condition is not None else [])
        first = min(t.idx for t in toks)
        horizon = horizon_of(doc, first, max(t.idx + len(t) for t in toks), published(doc))
        if horizon["open"] and not horizon["text"]:  # a fronted "After the war, X will ..." scopes over X
            line_start = sentence_line(pred)[0]
            horizon = horizon_of(doc, line_start, fronted_end(doc, line_start, first), published(doc))
        if horizon["open"] and not horizon["text"]:
            horizon = self._continued_horizon(cand, subject, previous) or horizon
        subjects = self._subjects(doc, pred, skip, anchor)
        return {
            "id": f"f{len(previous) + 1}", "holder": frame[0] if frame else "author",
            "attributed": bool(frame and frame[1]), "span": span,
            "sentence": sentence_line(pred),
            "proposition": sentence_form(subj, verb, explicit), "probability": p, "probability_cue": cue,
            "probability_source": source, "probability_basis": basis, "horizon": horizon,
            "condition": [condition.start_char, condition.end_char] if condition else None,
            "subjects": subjects, "question": question_form(subj, verb, explicit, horizon, proper=self._proper_subject(subject, anchor)),
            "rule": cand.rule, "negated": negated,
        }

    @staticmethod
    def _continued_horizon(cand: Candidate, subject: Token | None, previous: list[dict]) -> dict | None:
        """'After the war, X will ... They will ...': a pronoun subject continues the last sentence's forecast."""
        if cand.verdict or subject is None or subject.lower_ not in ("they", "he", "she") or not previous:
            return None
        sent = cand.pred.sent
        if sent.start == 0:
            return None
        before = cand.pred.doc[sent.start - 1].sent
        last = previous[-1]
        if before.start_char <= last["sentence"][0] < before.end_char and last["horizon"].get("text"):
            return dict(last["horizon"])
        return None

    def _explicit_negation(self, cand: Candidate) -> str:
        """'not'/'never' on the predicate or its marker: dropped from the words, restored after 'will'."""
        heads = [cand.pred] + ([cand.marker.head] if cand.marker is not None and cand.marker.dep_ != "aux" else [])
        if cand.marker is not None and cand.marker.lower_ == "going":
            heads.append(cand.marker)
        if cand.verdict:
            heads = [cand.pred]
        words = [c.lower_ for h in heads for c in h.children if c.dep_ == "neg"]
        return "" if not words else "never" if "never" in words else "not"

    def _negated(self, cand: Candidate, subject: Token | None) -> bool:
        """Negated as worded: 'will not', 'never', 'no one will', 'there will be no ...'."""
        if self._explicit_negation(cand):
            return True
        if cand.pred.lemma_ == "be" and subject is not None and subject.dep_ == "expl" and any(
                d.lower_ == "no" for c in cand.pred.children if c.dep_ in ("attr", "dobj") for d in c.children):
            return True  # "there will be no breakthrough"
        return subject is not None and (subject.lower_ in NEGATIVE_SUBJECTS or
                                        any(c.lower_ == "no" for c in subject.children if c.dep_ == "det"))

    def _named_subject(self, doc: Doc, subject: Token | None, frame, subj: str) -> str | None:
        """A question about "he", "she" or "I" names the person when the text allows: the last person named
        before ("he"), the quoted speaker or the author ("I"). "We", "they" and "it" stay as written."""
        if subject is None or subject.lower_ != subj.lower() or subject.lower_ not in ("he", "she", "i"):
            return None
        if subject.lower_ == "i":
            who = frame[0] if frame and frame[1] else author_id(doc)
        else:
            who = previous_person(doc, subject.idx)
        names = {a["id"]: a.get("name") for a in upstream(doc, "onrecord_actors")}
        return names.get(who) if who else None

    @staticmethod
    def _proper_subject(subject: Token | None, anchor) -> bool:
        if subject is None:
            return False
        if anchor is not None:
            return subject.lower_ in ("he", "she", "i")  # replaced by a name
        first = (relative_antecedent(subject, subject.head) or [subject.left_edge])[0]
        return first.pos_ == "PROPN" or first.text == "I" or bool(first.ent_type_) and first.is_title

    def _scope(self, cand: Candidate, frame, start: int, end: int) -> set[int]:
        """Tokens whose cue words may set the probability: the clause and the frame that introduced it,
        not the predicate's arguments ("will have no chance of winning" is what is predicted)."""
        scope = set(range(start, end))
        if not cand.verdict:
            scope -= {t.i for c in cand.pred.children if c.dep_ in ARGUMENT_DEPS for t in c.subtree}
        for tok in (cand.frame, cand.marker, frame[4] if frame else None):
            if tok is not None:
                scope.update(t.i for t in tok.subtree if t.i < cand.pred.i)
                scope.add(tok.i)
        if cand.frame is not None:
            scope.update(c.i for c in cand.frame.children if c.dep_ in ("advmod", "neg"))
        tok = cand.pred  # up the complement chain: "I am [sure] that ...", "it is [likely] that ..."
        while tok.dep_ in ("ccomp", "xcomp", "csubj", "acl") and tok.head.i != tok.i:
            tok = tok.head  # "there is a [good chance] that ...": the noun the clause completes
            scope.update(t.i for t in tok.subtree if t.i < cand.pred.i and tok.dep_ in ("attr", "nsubj") and
                         t.i not in {x.i for c in tok.children if c.dep_ in ("acl", "relcl") for x in c.subtree})
            scope.add(tok.i)
            for c in tok.children:
                if c.dep_ in ("acomp", "advmod", "neg", "attr"):
                    scope.update(t.i for t in c.subtree if t.i < cand.pred.i)
        return scope

    def _words(self, doc, cand: Candidate, subject, negated, skip, previous):
        """(subject words, predicate words, antecedent span) for the proposition and question."""
        anchor = None
        if cand.verdict:
            subj = " ".join(t.text for t in subject_phrase(subject)) if subject is not None else ""
            if subject is not None and subject.lower_ in ANAPHORS:
                found = antecedent(doc, cand.pred.sent, previous)
                if found:
                    subj, anchor = found
            if subject is not None and anchor is None and (subject.tag_ == "PRP" or subject.ent_type_ == "PERSON"):
                return subj, f"be {cand.marker.text}", anchor  # "He is doomed" -> "He will be doomed"
            return subj, "happen", anchor
        drop = {t.i for c in cand.pred.children if c.dep_ == "advmod" and c.lower_ in self.table
                for t in c.subtree}  # the cue with its own modifiers: "almost certainly", "very likely"
        drop |= {i - 1 for i in drop if i > 0 and doc[i - 1].dep_ == "advmod" and doc[i - 1].lower_ in DEGREE}
        subj, verb = proposition(cand.pred, subject, negated, skip, drop)
        return subj, verb, anchor

    def _subjects(self, doc: Doc, pred: Token, skip: set[int], anchor) -> list[str]:
        """Actor ids mentioned in the proposition's words (not in asides such as 'although ...'),
        and in the antecedent of 'it'."""
        aside = {t.i for c in pred.children if c.dep_ == "advcl" and {m.lower_ for m in c.children} & ASIDE_MARKS
                 for t in c.subtree}
        toks = [t for t in clause_tokens(pred, skip) if t.i not in aside]
        subject = nearest_subject(pred)
        if subject is not None:
            toks += [t for t in subject.subtree if t.i not in aside]
        ranges: list[list[int]] = []
        last = None
        for t in sorted({t.i: t for t in toks}.values(), key=lambda t: t.i):
            if last is not None and t.i == last + 1:
                ranges[-1][1] = t.idx + len(t)  # consecutive words form one range: "the Russian Federation"
            else:
                ranges.append([t.idx, t.idx + len(t)])
            last = t.i
        ids = []
        for s, e in [anchor, *ranges] if anchor else ranges:
            for a in actors_in(doc, s, e):
                if a not in ids:
                    ids.append(a)
        return ids

    def set_annotations(self, doc: Doc, matches: list[dict]) -> None:
        ordered = sorted(matches, key=lambda f: f["span"][0])
        for number, item in enumerate(ordered, start=1):
            item["id"] = f"f{number}"
        doc._.onrecord_forecasts = ordered


@Language.factory("onrecord_forecasts", assigns=["doc._.onrecord_forecasts"],
                  requires=["doc.sents", "doc._.onrecord_times", "doc._.onrecord_quotes", "doc._.onrecord_actors",
                            "doc._.onrecord_mentions"],
                  default_config={"table_path": None, "frames_path": None, "detector_path": None, "use_detector": True})
def make_forecasts(nlp: Language, name: str, table_path: str | None, frames_path: str | None,
                   detector_path: str | None, use_detector: bool):
    """``use_detector=False`` is the rules-only profile: the clause rules and their filters decide alone."""
    return Forecasts(nlp, table_path=table_path, frames_path=frames_path, detector_path=detector_path,
                     use_detector=use_detector)
