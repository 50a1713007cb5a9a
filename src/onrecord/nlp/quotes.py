"""onrecord_quotes: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_quotes")


@Language.factory("onrecord_quotes", assigns=["doc._.onrecord_quotes"])
def make_quotes(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_quotes = []
        return doc
    return component
