"""onrecord_time: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_times")


@Language.factory("onrecord_time", assigns=["doc._.onrecord_times"])
def make_time(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_times = []
        return doc
    return component
