"""onrecord_claims: every sentence that asserts something, typed factual / opinion / prescriptive.

Typing is by rules over a cue lexicon (``lexicons/claims_cues.tsv``): a report of someone's words is a
factual claim about what was said; deontic cues and imperatives make it prescriptive; evaluative words,
first-person belief frames and intensified adjectives make it opinion; the rest is factual. Each claim gets
a check-worthiness score from a small logistic regression over hashed n-gram, tag, entity and character
features (``lexicons/claims_model.npz``, trained by ``onrecord train claims`` on CheckThat! 2024 train; the
model is ``nlp/linear_model.py``) and the decision ``check_worthy`` at the threshold chosen on CheckThat! dev.
The features reuse the spaCy model's own tags and entities, so scoring adds little. The opt-in "accurate"
profile adds the sentence's MiniLM vector (``lexicons/claims_model_accurate.npz``, ``onrecord train
claims-accurate``), read from the per-Doc encoder pass the profile's components share.
Forecast sentences belong to ``onrecord_forecasts`` and are skipped here.
"""
from __future__ import annotations

import functools
import json
import re
import zlib
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...lexicons import lexicon_path, read_rows
from ..context import actors_in, annotate_safely, declare, upstream
from ..linear_model import probability
from ..sentence_vectors import sentence_vectors

declare("onrecord_claims")

CUES_PATH = lexicon_path("claims_cues.tsv")
MODEL_PATH = lexicon_path("claims_model.npz")
ACCURATE_MODEL_PATH = lexicon_path("claims_model_accurate.npz")  # the "accurate" profile's: reads MiniLM vectors
FINITE_TAGS = {"VBD", "VBP", "VBZ", "MD"}
CLOSING = "\"'”’»)]"
QUOTE_OPEN, QUOTE_CLOSE = "“«„", "”»"


class CheckWorthiness:
    """P(a fact-checker would check this sentence): logistic regression over hashed sparse features, plus,
    in the accurate model, the sentence's MiniLM vector (``nlp/sentence_vectors.py``) as a dense block.

    Features: lowercased words and word bigrams, fine tags and tag bigrams, entity labels, a length bucket
    and word-internal character 4-grams, each hashed (CRC-32) into ``2**bits`` weights, L2-normalised binary.
    The decision ``check_worthy`` is ``score >= threshold``, the threshold that maximised F1 on CheckThat! dev.
    """

    def __init__(self, weights: np.ndarray, bias: float, *, threshold: float = 0.5, bits: int = 18,
                 dense: np.ndarray | None = None, alpha: float = 1.0, meta: dict | None = None):
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.bits = int(bits)
        self.dense = None if dense is None else np.asarray(dense, dtype=np.float32)
        self.alpha = float(alpha)
        self.meta = dict(meta or {})

    @property
    def needs_vectors(self) -> bool:
        """True for the accurate model: it reads the sentence encoder."""
        return self.dense is not None

    @staticmethod
    def feature_names(span: Span | Doc) -> list[str]:
        """Sentence-level feature names; per-word ones come from ``_word_features`` (cached)."""
        return CheckWorthiness._names(_read(span))

    @staticmethod
    def _names(toks: list[tuple[str, str, str]]) -> list[str]:
        words = [t[0] for t in toks]
        tags = [t[1] for t in toks]
        padded, tpad = ["<s>", *words, "</s>"], ["<s>", *tags, "</s>"]
        names = ["b:" + a + " " + b for a, b in zip(padded, padded[1:])]
        names += ["T:" + t for t in tags] + ["TT:" + a + b for a, b in zip(tpad, tpad[1:])]
        names += ["E:" + e for e in {t[2] for t in toks} if e]
        names.append("len:%d" % min(len(words) // 5, 8))
        return names

    def features(self, span: Span | Doc) -> np.ndarray:
        """Sorted unique hashed feature ids of a sentence."""
        mask = (1 << self.bits) - 1
        toks = _read(span)
        ids = [zlib.crc32(n.encode("utf-8")) & mask for n in self._names(toks)]
        for lower, _, _ in toks:
            ids.extend(_word_features(lower, mask))
        return np.unique(np.array(ids, dtype=np.int64))

    def score(self, span: Span | Doc, vector: np.ndarray | None = None) -> float:
        """P(check-worthy); the accurate model also needs the sentence's vector."""
        ids = self.features(span)
        if not len(ids):
            return 0.0
        dense = self.alpha * float(self.dense @ vector) if self.dense is not None and vector is not None else 0.0
        return probability(self.weights, ids, self.bias + dense)

    def decide(self, score: float) -> bool:
        """The check-worthy decision at the model's threshold."""
        return score >= self.threshold

    @classmethod
    def from_disk(cls, path: str | Path = MODEL_PATH) -> "CheckWorthiness":
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            dense = data["dense"] if "dense" in data.files else None
            return cls(data["weights"], float(data["bias"]), threshold=meta["threshold"], bits=meta["bits"],
                       dense=dense, alpha=meta.get("alpha", 1.0), meta=meta)

    def to_disk(self, path: str | Path) -> None:
        meta = {**self.meta, "threshold": self.threshold, "bits": self.bits, "alpha": self.alpha}
        arrays = {"weights": self.weights.astype(np.float16), "bias": np.float64(self.bias),
                  "meta": np.array(json.dumps(meta, sort_keys=True))}
        if self.dense is not None:
            arrays["dense"] = self.dense.astype(np.float16)
        np.savez_compressed(path, **arrays)


def _read(span: Span | Doc) -> list[tuple[str, str, str]]:
    """(lower, tag, entity type) of each token, read once: building spaCy Token objects three
    times per sentence was most of the feature cost."""
    return [(t.lower_, t.tag_, t.ent_type_) for t in span]


@functools.lru_cache(maxsize=200_000)
def _word_features(word: str, mask: int) -> tuple[int, ...]:
    """Hashed ids of a word and its character 4-grams: words repeat, so this is computed once each."""
    padded = "<" + word + ">"
    names = ["w:" + word] + ["c:" + padded[i:i + 4] for i in range(max(1, len(padded) - 3))]
    return tuple(zlib.crc32(n.encode("utf-8")) & mask for n in names)


@functools.lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> CheckWorthiness:
    """The check-worthiness model, read once per process and shared by every pipeline."""
    return CheckWorthiness.from_disk(path)


@functools.lru_cache(maxsize=4)
def load_cues(path: str = str(CUES_PATH)) -> dict[str, tuple[str, ...]]:
    """Cue lexicon: category -> cues; multi-word cues are matched on lowercased words."""
    cues: dict[str, list[str]] = {}
    for category, cue in (cells[:2] for cells in read_rows(Path(path))):
        cues.setdefault(category, []).append(cue.lower())
    return {k: tuple(v) for k, v in cues.items()}


@functools.lru_cache(maxsize=32)
def _alternation(cues: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, ordered)) + r")(?![\w'])")


def _phrase(words: str, cues: tuple[str, ...]) -> str | None:
    """The first cue phrase found on word boundaries in a lowercased, space-joined sentence."""
    found = _alternation(cues).search(words) if cues else None
    return found.group(1) if found else None


class ClaimFinder:
    """Finds asserting sentences, types them, scores check-worthiness and lists the actors they are about."""

    def __init__(self, nlp: Language, name: str = "onrecord_claims", *, cues_path: str | None = None,
                 model_path: str | None = None, accurate: bool = False):
        self.name = name
        default = ACCURATE_MODEL_PATH if accurate else MODEL_PATH
        self.cues_path, self.model_path = cues_path or str(CUES_PATH), model_path or str(default)
        self.cues = load_cues(self.cues_path)
        self.model = load_model(self.model_path)

    @property
    def cues(self) -> dict[str, tuple[str, ...]]:
        return self._cues

    @cues.setter
    def cues(self, value: dict[str, tuple[str, ...]]) -> None:
        """Word-level cue categories are kept as sets too: they are looked up once per token."""
        self._cues = value
        self._words = {k: frozenset(value.get(k, ())) for k in ("evaluative", "intensifier", "report")}

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W150", "onrecord_claims")

    def match(self, doc: Doc) -> list[dict]:
        if not doc.has_annotation("SENT_START"):
            return []
        taken = _forecast_spans(doc)
        text = doc.text  # built from the tokens on each access: read it once
        claims = []
        for sent in doc.sents:
            sent = _body(text, sent)
            if sent is None:
                continue
            start, end = _trim(sent)
            if end <= start or any(s < end and start < e for s, e in taken) or not self.asserts(text, sent):
                continue
            kind, rule = self.kind(doc, text, sent)
            score = round(self.model.score(sent, self.vector(sent)), 4)
            claims.append({"kind": kind, "checkworthiness": score, "check_worthy": self.model.decide(score),
                           "span": [start, end], "subjects": subjects(doc, start, end), "rule": rule})
        return claims

    def vector(self, sent: Span) -> np.ndarray | None:
        """The MiniLM vector of the sentence holding ``sent``, only when the model reads one (shared per Doc)."""
        return sentence_vectors(sent.doc).get(sent.sent.start) if self.model.needs_vectors else None

    def set_annotations(self, doc: Doc, matches: list[dict]) -> None:
        doc._.onrecord_claims = [{"id": f"c{i}", **m} for i, m in enumerate(matches, 1)]

    def asserts(self, text: str, sent: Span) -> bool:
        """False for questions, headers and bylines (lines without final punctuation) and verbless fragments."""
        own = sent.text.strip()
        if not own or own.rstrip(CLOSING).endswith("?"):
            return False
        line_end = text.find("\n", sent.start_char)
        line = text[text.rfind("\n", 0, sent.start_char) + 1: line_end if line_end >= 0 else None]
        if _header_line(line):
            return False
        return any(t.tag_ in FINITE_TAGS or (t.dep_ == "ROOT" and t.tag_ == "VB") for t in sent)

    def kind(self, doc: Doc, text: str, sent: Span) -> tuple[str, str]:
        """(kind, rule): a report of words first, then prescriptive, then opinion, else factual."""
        report = self.report(doc, text, sent)
        if report:
            return "factual", report
        words = " ".join(t.lower_ for t in sent).replace(" n't", "n't").replace(" 's", "'s")
        cue = _phrase(words, self.cues.get("prescriptive", ()))
        if cue:
            return "prescriptive", f"claims.prescriptive:{cue}"
        if _imperative(sent):
            return "prescriptive", f"claims.imperative:{sent.root.lemma_.lower()}"
        opinion = self.opinion(sent, words)
        if opinion:
            return "opinion", opinion
        return "factual", "claims.factual"

    def report(self, doc: Doc, text: str, sent: Span) -> str | None:
        """A rule name when the sentence reports someone else's words (quoted or with a reporting verb)."""
        for quote in upstream(doc, "onrecord_quotes"):
            content = quote.get("content") or [0, 0]
            if quote.get("speaker") not in (None, "author") and content[0] < sent.end_char and sent.start_char < content[1]:
                return "claims.report:quote"
        if _inside_quotation(text, sent.start_char):
            return "claims.report:quoted"
        root = sent.root
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if root.lemma_.lower() in self._words["report"] and subj and subj[0].lower_ not in ("i", "we"):
            if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children) or ":" in sent.text:
                return f"claims.report:{root.lemma_.lower()}"
        return None

    def opinion(self, sent: Span, words: str) -> str | None:
        cue = _phrase(words, self.cues.get("belief", ()))
        if cue:
            return f"claims.opinion.belief:{cue}"
        if sent.text.rstrip().rstrip(CLOSING).endswith("!"):
            return "claims.opinion.exclamation"
        evaluative, intensifiers = self._words["evaluative"], self._words["intensifier"]
        for t in sent:
            if t.ent_type_ or t.pos_ == "PROPN":
                continue
            if t.lemma_.lower() in evaluative or t.lower_ in evaluative:
                return f"claims.opinion.evaluative:{t.lower_}"
            if t.lower_ in intensifiers and t.dep_ == "advmod" and t.head.pos_ in ("ADJ", "ADV"):
                return f"claims.opinion.intensifier:{t.lower_} {t.head.lower_}"
        return None

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "claims_cues.tsv").write_text(Path(self.cues_path).read_text(encoding="utf-8"), encoding="utf-8")
        self.model.to_disk(path / "claims_model.npz")

    def from_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        self.cues_path, self.model_path = str(path / "claims_cues.tsv"), str(path / "claims_model.npz")
        self.cues, self.model = load_cues(self.cues_path), load_model(self.model_path)
        return self


def _header_line(line: str) -> bool:
    """A title, byline or role line: short and without final punctuation."""
    return not line.rstrip().rstrip(CLOSING).endswith((".", "!", "?", ":", ";", "…")) and len(line.split()) < 25


def _body(text: str, sent: Span) -> Span | None:
    """The sentence without leading header lines the parser glued onto it ("Name\n\nRole\n\nNow ...")."""
    if "\n" not in sent.text.strip():
        return sent
    start = sent.start_char
    lines = text[start:sent.end_char].split("\n")
    for line in lines[:-1]:
        if line.strip() and not _header_line(line):
            break
        start += len(line) + 1
    first = next((t for t in sent if t.idx >= start and not t.is_space), None)
    return sent.doc[first.i:sent.end] if first is not None else None


def _trim(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    return start, sent.start_char + len(text.rstrip())


def _forecast_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = []
    for f in upstream(doc, "onrecord_forecasts"):
        for key in ("sentence", "span"):
            value = f.get(key) if isinstance(f, dict) else None
            if isinstance(value, (list, tuple)) and len(value) == 2:
                spans.append((int(value[0]), int(value[1])))
                break
    return spans


def _imperative(sent: Span) -> bool:
    """A bare verb heading the sentence with no subject: "Do not forget...", "Name one law."."""
    root = sent.root
    first = next((t for t in sent if not t.is_punct and t.lower_ not in ("so", "and", "but", "now", "please")), None)
    if root.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return False
    return first is not None and (first == root or (first.lower_ in ("do", "don't") and first.head == root))


def _inside_quotation(text: str, at: int) -> bool:
    """True when an opening curly/guillemet quote before `at` (in the same paragraph) is still open."""
    para = text[text.rfind("\n", 0, at) + 1: at]
    opened = sum(para.count(q) for q in QUOTE_OPEN)
    closed = sum(para.count(q) for q in QUOTE_CLOSE)
    if opened or closed:
        return opened > closed
    return para.count('"') % 2 == 1


def subjects(doc: Doc, start: int, end: int) -> list[str]:
    """Actor ids mentioned in [start, end), from onrecord_actors (empty while it is missing)."""
    return actors_in(doc, start, end)


@Language.factory("onrecord_claims", assigns=["doc._.onrecord_claims"],
                  requires=["token.tag", "token.dep", "doc._.onrecord_quotes", "doc._.onrecord_forecasts",
                            "doc._.onrecord_mentions"],
                  default_config={"cues_path": None, "model_path": None, "accurate": False})
def make_claims(nlp: Language, name: str, cues_path: str | None, model_path: str | None,
                accurate: bool) -> ClaimFinder:
    """Paths default to the lexicon and model shipped in onrecord/lexicons/; ``accurate`` picks the model
    that also reads the sentence encoder (the opt-in "accurate" profile)."""
    return ClaimFinder(nlp, name, cues_path=cues_path, model_path=model_path, accurate=accurate)
