"""onrecord_actors: placeholder until the real component lands (owned by its helper)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import declare

declare("onrecord_actors")


@Language.factory("onrecord_actors", assigns=["doc._.onrecord_actors"])
def make_actors(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.onrecord_actors = []
        return doc
    return component
