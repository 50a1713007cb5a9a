"""onrecord_claims: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_claims")


@Language.factory("onrecord_claims", assigns=["doc._.onrecord_claims"])
def make_claims(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_claims = []
        return doc
    return component
