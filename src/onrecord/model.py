"""The data types of an analysis, and nothing else.

The spaCy components write plain dicts to ``doc._.onrecord_*`` (see ``nlp/``); this module turns
them into frozen, typed values at the edge (``Analysis.from_doc``) and back into the JSON contract
of DESIGN.md (``Analysis.to_dict``). Spans inside the Doc are ``[start, end]`` character offsets;
here they become ``Span(start, end, text)`` with ``text == document.text[start:end]``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, pair) -> "Span | None":
        """Build a span from ``[start, end]`` offsets into ``text``; ``None`` stays ``None``."""
        if pair is None:
            return None
        start, end = int(pair[0]), int(pair[1])
        return cls(start, end, text[start:end])


# Characters analyzed per document; the rest is cut with a W103 warning. spaCy's tagger, parser and NER
# take about 2.5 MB of memory per 1,000 characters (benchmarks/hostile_memory.py), so 250,000 keeps any
# input under 1.5 GB peak; the longest article of our corpora has 62,414.
MAX_CHARS = 250_000


@dataclass(frozen=True)
class Author:
    name: str
    role: str | None = None


def document_id(text: str) -> str:
    """Content hash of the normalized text: the same article read twice gets the same id."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


# Romanizations of one Cyrillic name differ in a few regular places: the ending -ий/-ій/-ей as "y", "yy",
# "iy", "yi", "ij", "ei" (Zelensky, Zelenskyy, Zelenskiy, Zelenskyi; Sergei, Sergey), "y"/"i"/"j" for й and
# the soft vowels (Mykhaylo, Mykhailo; Podolyak, Podoliak), "kh"/"h", "ks"/"x", "Ye"/"E" at the start
# (Yevgeny, Evgeny), doubled letters. Rules written from the variants the BGN/PCGN, Ukrainian national (2010)
# and ALA-LC romanization tables give for the same letters.
_SPELLINGS = (("kh", "h"), ("ks", "x"), ("tz", "ts"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("j", "y"), ("y", "i"))


def name_key(name: str) -> str:
    """A key under which romanizations of one name meet: ``Volodymyr Zelenskyi`` and ``Volodymyr
    Zelensky`` give the same key. Accents dropped, case folded, each word reduced by the rules above."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = []
    for word in re.findall(r"[a-z]+", ascii_):
        if len(word) > 3:
            for old, new in _SPELLINGS:
                word = word.replace(old, new)
            word = re.sub(r"(.)\1+", r"\1", word)
            word = re.sub(r"ei$", "i", re.sub(r"^ie", "e", word))
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Document:
    text: str
    id: str = ""
    title: str | None = None
    authors: tuple[Author, ...] = ()
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str = "en"
    source: str | None = None
    notes: tuple[dict, ...] = field(default=(), compare=False)  # reader warnings, e.g. W101 bad UTF-8

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", document_id(self.text))

    def context(self) -> dict:
        """The plain values the pipeline needs to know about the document (doc._.onrecord_context)."""
        return {
            "doc_id": self.id,
            "published": self.published,
            "title": self.title,
            "authors": [{"name": a.name, "role": a.role} for a in self.authors],
        }


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    rule: str | None = None


@dataclass(frozen=True)
class Time:
    id: str
    span: Span
    type: str
    value: str
    start: str | None = None
    end: str | None = None
    relative_days: tuple | None = None
    horizon: bool = False
    rule: str | None = None


@dataclass(frozen=True)
class Horizon:
    text: str | None = None
    earliest: str | None = None
    latest: str | None = None
    relative_days: tuple | None = None
    open: bool = True


@dataclass(frozen=True)
class Forecast:
    id: str
    holder: str
    attributed: bool
    span: Span
    sentence: Span
    proposition: str
    probability: float
    probability_cue: Span | None
    probability_source: str
    horizon: Horizon
    condition: Span | None
    subjects: tuple[str, ...]
    question: str
    rule: str
    negated: bool = False
    probability_basis: str = "default"  # "stated" (a number in the text), "estimative" (a cue word), "default" (bare will)
    confidence: float | None = None     # the forecast detector's probability that this clause is a forecast


@dataclass(frozen=True)
class EventDate:
    text: str | None
    start: str | None
    end: str | None
    precision: str | None
    time: str | None


@dataclass(frozen=True)
class Event:
    """A PLOVER event. Fields in the order of the JSON contract; ``reported_by_text`` is written
    only when the event is reported by someone (a missing key, not null, as before)."""
    type: str
    mode: str | None
    polarity: str
    modality: str
    reported_by: str
    location: str | None
    date: EventDate | None
    reciprocal: bool
    rule: str
    trigger: Span
    sentence: Span
    reported_by_text: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]
    id: str
    source_countries: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)  # keys a newer component adds, kept as they are


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str | None
    speaker_text: str | None
    kind: str
    cue: Span | None
    content: Span
    addressee: str | None
    addressee_text: str | None
    rule: str
    within: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Claim:
    id: str
    kind: str
    checkworthiness: float
    span: Span
    subjects: tuple[str, ...]
    rule: str
    check_worthy: bool | None = None  # checkworthiness >= the model's threshold; None in analyses made before it
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CausalLink:
    id: str
    cause: Span
    effect: Span
    polarity: str
    cue: Span | None
    hedged: bool
    asserted_by: str
    asserted_by_text: str | None
    rule: str
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


def _spans(text: str, value: Any, span_keys: frozenset[str]) -> Any:
    """Recursively turn the ``[start, end]`` pairs under known span keys into Span values."""
    if isinstance(value, dict):
        return {k: (Span.of(text, v) if k in span_keys else _spans(text, v, span_keys)) for k, v in value.items()}
    if isinstance(value, list):
        return [_spans(text, v, span_keys) for v in value]
    return value


SPAN_KEYS = frozenset({"span", "sentence", "trigger", "cue", "content", "cause", "effect", "probability_cue", "condition"})

# Item kinds of the JSON contract, in the order a report shows them. Kinds whose component is
# not in the pipeline come out as empty lists, so the contract's keys are always there.
KINDS = ("actors", "times", "forecasts", "events", "quotes", "claims", "causal")
ITEM_TYPES: dict[str, type] = {"events": Event, "quotes": Quote, "claims": Claim, "causal": CausalLink}


@dataclass(frozen=True)
class Analysis:
    document: Document
    actors: tuple[Actor, ...] = ()
    times: tuple[Time, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    causal: tuple[CausalLink, ...] = ()
    warnings: tuple[Warning, ...] = ()

    @classmethod
    def from_doc(cls, doc, document: Document) -> "Analysis":
        text = doc.text
        ext = doc._
        actors = tuple(
            Actor(**{**a, "roles": tuple(a.get("roles", ())), "aliases": tuple(a.get("aliases", ())),
                     "mentions": tuple(Span.of(text, m) for m in a.get("mentions", ()))})
            for a in _get(ext, "onrecord_actors")
        )
        times = tuple(_time(text, t) for t in _get(ext, "onrecord_times"))
        forecasts = tuple(_forecast(text, f) for f in _get(ext, "onrecord_forecasts"))
        others = {kind: tuple(_item(cls, _spans(text, item, SPAN_KEYS)) for item in _get(ext, f"onrecord_{kind}"))
                  for kind, cls in ITEM_TYPES.items()}
        warnings = tuple(Warning(w["code"], w["message"])
                         for w in [*document.notes, *_get(ext, "onrecord_warnings")])
        return cls(document, actors, times, forecasts, warnings=warnings, **others)

    def to_dict(self) -> dict:
        d = _plain(self)
        doc = d["document"]
        doc.pop("notes")
        d["document"] = {k: doc[k] for k in ("id", "title", "authors", "outlet", "published", "url",
                                              "language", "source", "text")}
        for t in d["times"]:
            t["relative_days"] = list(t["relative_days"]) if t["relative_days"] else None
        for f in d["forecasts"]:
            rel = f["horizon"]["relative_days"]
            f["horizon"]["relative_days"] = list(rel) if rel else None
        for kind in ITEM_TYPES:
            d[kind] = [_unpack(item) for item in d[kind]]
        return d

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_pandas(self, kind: str):
        """One DataFrame per item kind ("actors", "forecasts", ...); spans become their text."""
        import pandas as pd  # optional dependency

        rows = self.to_dict()[kind]
        flat = [{k: (v["text"] if isinstance(v, dict) and "text" in v and "start" in v else v)
                 for k, v in row.items()} for row in rows]
        return pd.DataFrame(flat)


def _item(cls: type, item: dict):
    """A typed item from a component's dict (spans already built): known keys become fields (lists
    become tuples), keys the type does not know yet are kept in ``extra``."""
    names = [f.name for f in dataclasses.fields(cls) if f.name != "extra"]
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in item.items() if k in names}
    if cls is Event:
        values.setdefault("reported_by_text", None)
        if isinstance(values.get("date"), dict):
            values["date"] = EventDate(**values["date"])
    return cls(**values, extra={k: v for k, v in item.items() if k not in names})


def _unpack(item: dict) -> dict:
    """An item's JSON: its fields, then the keys of ``extra``; an event's absent speaker text stays absent."""
    extra = item.pop("extra")
    if "reported_by_text" in item and item["reported_by_text"] is None:
        del item["reported_by_text"]
    item.update(extra)
    return item


def _get(ext, name: str) -> list:
    return (ext.get(name) if ext.has(name) else None) or []


def _time(text: str, t: dict) -> Time:
    rel = t.get("relative_days")
    return Time(id=t["id"], span=Span.of(text, (t["start"], t["end"])), type=t["type"], value=t["value"],
                start=t.get("earliest"), end=t.get("latest"), relative_days=tuple(rel) if rel else None,
                horizon=bool(t.get("horizon")), rule=t.get("rule"))


def _forecast(text: str, f: dict) -> Forecast:
    h = f.get("horizon") or {}
    rel = h.get("relative_days")
    horizon = Horizon(text=h.get("text"), earliest=h.get("earliest"), latest=h.get("latest"),
                      relative_days=tuple(rel) if rel else None, open=bool(h.get("open", True)))
    return Forecast(
        id=f["id"], holder=f["holder"], attributed=bool(f.get("attributed")), span=Span.of(text, f["span"]),
        sentence=Span.of(text, f["sentence"]), proposition=f["proposition"], probability=float(f["probability"]),
        probability_cue=Span.of(text, f.get("probability_cue")), probability_source=f.get("probability_source", ""),
        horizon=horizon, condition=Span.of(text, f.get("condition")), subjects=tuple(f.get("subjects", ())),
        question=f.get("question", ""), rule=f.get("rule", ""), negated=bool(f.get("negated")),
        probability_basis=f.get("probability_basis", "default"), confidence=f.get("confidence"))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value):
    """Dataclasses to dicts and tuples to lists: exactly what ``json.loads(to_json())`` gives back.
    Hand-written because ``dataclasses.asdict`` deep-copies every leaf, which made storing an
    analysis in the ledger cost more than the database writes."""
    cls = type(value)
    if cls in (str, int, float, bool) or value is None:
        return value
    names = _FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
