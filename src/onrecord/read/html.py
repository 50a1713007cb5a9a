"""HTML pages: main text and metadata with trafilatura (boilerplate, menus and ads left out)."""
from __future__ import annotations

from ..errors import ReadError
from ..model import Author, Document


def document_from_html(html: str, *, source: str | None = None, **given) -> Document:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise ReadError("E107", f"the HTML could not be parsed ({err.__class__.__name__})", source or "")
    if found is None:
        raise ReadError("E107", "no article text was found in the page", source or "")
    meta = found if isinstance(found, dict) else found.as_dict()
    text = (meta.get("text") or "").strip()
    if not text:
        raise ReadError("E107", "no article text was found in the page", source or "")
    title = given.pop("title", None) or meta.get("title")
    author = given.pop("author", None) or meta.get("author")
    return Document(
        text=(title + "\n\n" + text) if title and not text.startswith(title) else text,
        title=title, authors=tuple(Author(a.strip()) for a in author.split(";")) if author else (),
        outlet=given.pop("outlet", None) or meta.get("sitename"),
        published=given.pop("published", None) or meta.get("date"),
        url=given.pop("url", None) or meta.get("url"), source=source, **given)
