"""onrecord_forecasts: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_forecasts")


@Language.factory("onrecord_forecasts", assigns=["doc._.onrecord_forecasts"])
def make_forecasts(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_forecasts = []
        return doc
    return component
