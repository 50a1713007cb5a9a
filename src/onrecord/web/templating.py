"""Templating: the Jinja2 environment and its filters, and rendering a page from the same data its
JSON twin serves. Routes (``pages``, ``app``'s error pages) and the standalone report use it."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from .. import __version__
from . import security

HERE = Path(__file__).parent


def templates() -> Jinja2Templates:
    jinja = Jinja2Templates(directory=HERE / "templates")  # autoescape on for .html
    env = jinja.env
    env.filters["pct"] = lambda p: "–" if p is None else f"{round(float(p) * 100)}%"
    env.filters["num"] = lambda v, d=3: "–" if v is None else f"{v:.{d}f}"
    env.filters["key"] = lambda k: quote(str(k), safe="")
    env.filters["snippet"] = snippet_html
    env.filters["lexicon"] = lexicon_row
    env.filters["http_url"] = http_url
    env.filters["linkify"] = linkify
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2, default=str)
    env.globals["version"] = __version__
    env.globals["page_numbers"] = page_numbers
    return jinja


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Numbered paging: the first, the last and ``around`` either side of ``page``; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def snippet_html(text: str | None, marks=()) -> Markup:
    """A search snippet, escaped piece by piece, its matched words (``[start, end]`` offsets) in <mark>."""
    if not text:
        return Markup("")
    out, at = [], 0
    for start, end in sorted(marks or ()):
        if start < at or end > len(text):
            continue
        out += [str(escape(text[at:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        at = end
    return Markup("".join(out) + str(escape(text[at:])))


def http_url(value) -> str | None:
    """``value`` if it is an http(s) URL with a host, else None: the only links pages render
    (never ``javascript:``, ``data:`` or ``vbscript:``, in any case or with leading blanks)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(c) < 33 for c in url):  # browsers drop tabs and newlines inside a scheme
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


URL = re.compile(r"https?://[^\s<>\"'“”‘’]+", re.IGNORECASE)


def linkify(text: str | None) -> Markup:
    """Text, escaped, with its http(s) URLs as links (nothing else becomes a link; a trailing
    full stop or bracket stays text)."""
    out, last = [], 0
    for match in URL.finditer(text or ""):
        url = match.group().rstrip(".,;:!?)]")
        if not http_url(url):
            continue
        out += [str(escape(text[last:match.start()])),
                f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(url)}</a>']
        last = match.start() + len(url)
    out.append(str(escape((text or "")[last:])))
    return Markup("".join(out))


LEXICON = re.compile(r"(?P<file>[\w./-]+\.(?:tsv|csv|txt|json|ya?ml))(?::(?P<row>\d+))?")


def lexicon_row(rule: str | None) -> str | None:
    """The lexicon file and row a rule names ("plover:consult.tsv:30" -> "consult.tsv, row 30")."""
    match = LEXICON.search(rule or "")
    if not match:
        return None
    return match["file"] + (f", row {match['row']}" if match["row"] else "")


def render(request: Request, template: str, data: dict, *, status: int = 200, twin: str | None = None) -> HTMLResponse:
    """An HTML page from the same ``data`` its JSON twin (at ``twin``) serves."""
    settings = request.app.state.settings
    context = {**data, "data": data, "twin": twin, "read_only": settings.read_only,
               "needs_token": bool(settings.token), "csrf_token": security.csrf_token(request)}
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/static/")) and not request.url.path.endswith(".svg")
