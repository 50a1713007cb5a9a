"""A standalone HTML report of one analysis (``onrecord analyze --format html``): the article
page of the web UI, with its style, script and graphs inline, so one file can be mailed or
archived and opens without a server or a ledger."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from ..model import Analysis
from . import article, causal_threads, graphs
from .templating import templates

STATIC = Path(__file__).parent / "static"


def html_report(analysis: Analysis) -> str:
    data = analysis.to_dict()
    document = data.pop("document")
    authors = document.get("authors") or []
    document["author"] = authors[0]["name"] if authors else None
    page = {"document": document, "analysis": data, "ledger": {}, "pipeline_version": None, "analyzed_at": None}
    svgs = {"causal": graphs.causal_svg(causal_threads.threads(data)),
            "actors": graphs.to_svg(graphs.actor_network(data), empty="no actors found in this document")}
    template = templates().env.get_template("report.html")
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    return template.render(**page, view=article.view(page), standalone=True,
                           graphs={k: Markup(_inline(v)) for k, v in svgs.items()},
                           css=Markup((STATIC / "style.css").read_text(encoding="utf-8")),
                           js=Markup(js), csp=report_csp(js))


def report_csp(script: str) -> str:
    """The report's Content-Security-Policy (a meta tag: a file has no headers). Only its own
    embedded script runs (allowed by hash), so an injected ``<script>`` or a ``javascript:`` link
    cannot; styles stay inline (the page's sheet and the SVGs' style attributes), nothing is loaded
    from anywhere, forms post nowhere."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")


def _inline(svg: str) -> str:
    """An SVG file's text without its XML prolog, ready to sit inside HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
