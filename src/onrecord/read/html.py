"""HTML pages: main text and metadata with trafilatura (boilerplate, menus and ads left out).

The publication date comes only from the page's metadata and markup (meta tags, JSON-LD, <time>, the
URL), never from the body: trafilatura's extensive search would read "by 2025" as 2025-01-01, and a
wrong date moves every relative horizon. Without one the date stays empty with a W104 warning.
<noscript> fallbacks ("enable JavaScript") are not article text.
"""
from __future__ import annotations

import re

from ..errors import ReadError, warning
from ..model import Author, Document

NOSCRIPT = re.compile(r"<noscript\b.*?(?:</noscript\s*>|$)", re.I | re.S)
DATE_SEARCH = {"extensive_search": False, "original_date": True}


def document_from_html(html: str, *, source: str | None = None, **given) -> Document:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(NOSCRIPT.sub(" ", html), with_metadata=True, include_comments=False,
                                            date_extraction_params=DATE_SEARCH)
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
    published = given.pop("published", None) or meta.get("date")
    notes = () if published else (warning("W104", f"{source or 'page'}: the page gives no date in its metadata; "
                                                   "relative times are kept as offsets (give --published)"),)
    return Document(
        text=(title + "\n\n" + text) if title and not text.startswith(title) else text,
        title=title, authors=tuple(Author(a.strip()) for a in author.split(";")) if author else (),
        outlet=given.pop("outlet", None) or meta.get("sitename"),
        published=published, url=given.pop("url", None) or meta.get("url"), source=source, notes=notes, **given)
