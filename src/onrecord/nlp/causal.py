"""onrecord_causal: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_causal")


@Language.factory("onrecord_causal", assigns=["doc._.onrecord_causal"])
def make_causal(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_causal = []
        return doc
    return component
