"""What every component may know about the document besides its text, and how components meet.

``doc._.onrecord_context`` is a plain dict set before the components run:
``{"doc_id", "published": "YYYY-MM-DD"|None, "title", "authors": [{"name", "role"}]}``.
``doc._.onrecord_warnings`` collects ``{"code", "message"}`` dicts from any component.
A component reads what an earlier one wrote with ``upstream`` (and declares it in ``requires``), and
runs its two steps through ``annotate_safely`` so that odd text gives a warning, never an exception.
"""
from __future__ import annotations

import functools

import numpy
from spacy.attrs import LOWER, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

from ..errors import warning

for _name in ("onrecord_context", "onrecord_warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def text_of(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy joins all tokens again on every access, which turns
    a per-token check like ``"\\n" in doc.text[a:b]`` into quadratic time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


TEXT_KEY = "onrecord_text"


def context(doc: Doc) -> dict:
    return doc._.onrecord_context or {}


def published(doc: Doc) -> str | None:
    return context(doc).get("published")


def add_warning(doc: Doc, item: dict) -> None:
    doc._.onrecord_warnings = [*(doc._.onrecord_warnings or []), item]


def upstream(doc: Doc, name: str) -> list:
    """What an earlier component wrote to ``doc._.<name>`` (``"onrecord_mentions"``...): [] when that
    component is not in the pipeline or wrote nothing, so every component also runs on its own."""
    return (getattr(doc._, name) if Doc.has_extension(name) else None) or []


def actors_in(doc: Doc, start: int, end: int) -> list[str]:
    """Ids of the actors mentioned inside the character range [start, end), in order of mention."""
    out = []
    for m in upstream(doc, "onrecord_mentions"):
        if m["start"] >= start and m["end"] <= end and m["actor"] not in out:
            out.append(m["actor"])
    return out


def annotate_safely(component, doc: Doc, code: str, *assigns: str) -> Doc:
    """``component.set_annotations(doc, component.match(doc))`` that never raises on odd text: when a step
    fails, the attributes the component assigns are left empty and warning ``code`` says what happened."""
    try:
        component.set_annotations(doc, component.match(doc))
    except Exception as error:  # one odd document must never stop a corpus
        for name in assigns:
            setattr(doc._, name, [])
        add_warning(doc, warning(code, f"{type(error).__name__}: {error}"))
    return doc


def declare(*names: str) -> None:
    """Declare list-valued Doc extensions (``onrecord_actors`` ...) once, default None."""
    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def tokens_where(doc: Doc, *, lower=frozenset(), tag=frozenset()) -> list:
    """The tokens whose lowercase form is in ``lower`` or whose fine tag is in ``tag``, picked on
    the Doc's attribute arrays: a component that looks for a few words builds no Token for the rest."""
    wanted_lower, wanted_tag = _hashes(frozenset(lower)), _hashes(frozenset(tag))
    arrays = doc.to_array([LOWER, TAG])
    keep = numpy.isin(arrays[:, 0], wanted_lower) | numpy.isin(arrays[:, 1], wanted_tag)
    return [doc[int(i)] for i in numpy.flatnonzero(keep)]


@functools.lru_cache(maxsize=64)
def _hashes(words: frozenset) -> "numpy.ndarray":
    return numpy.array(sorted(hash_string(w) for w in words), dtype=numpy.uint64)
