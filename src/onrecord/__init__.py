"""onrecord: reconstruct what a political text claims and predicts, and keep it on the record."""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Analysis, Author, Document  # noqa: E402


def analyze(text: str, published: str | None = None, title: str | None = None,
            author: str | None = None) -> Analysis:
    """Analyze one text; ``published`` (YYYY-MM-DD) anchors relative dates like "in two weeks"."""
    from .nlp.pipeline import analyze_document
    from .read.text import document_from_text

    document = document_from_text(text, published=published, title=title, author=author)
    return analyze_document(document)


__all__ = ["Analysis", "Author", "Document", "analyze", "__version__"]
