"""onrecord_events: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_events")


@Language.factory("onrecord_events", assigns=["doc._.onrecord_events"])
def make_events(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_events = []
        return doc
    return component
