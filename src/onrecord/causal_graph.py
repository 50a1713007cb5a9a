"""A document's causal links as a graph: networkx for analysis, DOT text, and SVG when graphviz is there.

Nodes are short normalized phrases ("heroic resistance of ukraine"), so the same cause named twice
is one node; edges carry polarity, cue, hedging, who asserts the link and the link id. DOT is written
by hand (no pydot); ``to_svg`` runs Debian's ``dot`` only if it is installed and returns None otherwise.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

COLORS = {"increase": "#1b7837", "decrease": "#e08214", "prevent": "#b2182b"}
LEADING = re.compile(r"^(the|a|an|this|that|these|those|its|their|his|her|each|every)\s+", re.I)
MAX_WORDS = 8


def phrase(text: str) -> str:
    """A node label: lowercase, no leading article, no quotes or brackets, at most eight words."""
    words = LEADING.sub("", " ".join(re.sub(r"[\"“”«»()\[\]]", " ", text).lower().split())).split()
    return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")


def _text(value: Any, text: str | None) -> str:
    if value is None:
        return ""
    if hasattr(value, "text"):
        return value.text
    if isinstance(value, dict):
        return value.get("text", "")
    start, end = value
    return (text or "")[start:end]


def causal_graph(links: Iterable[dict] | Any, text: str | None = None) -> nx.MultiDiGraph:
    """Build the graph from an ``Analysis`` (its ``causal``), or from ``doc._.onrecord_causal`` dicts and the text."""
    if hasattr(links, "causal"):
        text = links.document.text
        links = links.to_dict()["causal"]
    graph = nx.MultiDiGraph()
    for link in links:
        cause, effect = phrase(_text(link["cause"], text)), phrase(_text(link["effect"], text))
        if not cause or not effect:
            continue
        for node in (cause, effect):
            graph.add_node(node, label=node)
        graph.add_edge(cause, effect, key=link.get("id"), polarity=link.get("polarity", "increase"),
                       cue=_text(link.get("cue"), text), hedged=bool(link.get("hedged")),
                       asserted_by=link.get("asserted_by", "author"), rule=link.get("rule", ""))
    return graph


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: nx.MultiDiGraph, name: str = "causal") -> str:
    """Graphviz DOT: green increases, orange decreases, red prevents; hedged links dashed."""
    lines = [f"digraph {_quote(name)} {{", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="Helvetica"];']
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    for node, number in ids.items():
        lines.append(f"  {number} [label={_quote(node)}];")
    for cause, effect, data in graph.edges(data=True):
        style = "dashed" if data.get("hedged") else "solid"
        label = f"{data.get('cue', '')} ({data.get('polarity')})".strip()
        lines.append(f"  {ids[cause]} -> {ids[effect]} [label={_quote(label)}, "
                     f"color={_quote(COLORS.get(data.get('polarity'), 'black'))}, style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(graph: nx.MultiDiGraph, name: str = "causal") -> str | None:
    """SVG drawn by graphviz's ``dot``, or None when ``dot`` is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    done = subprocess.run([dot, "-Tsvg"], input=to_dot(graph, name), capture_output=True, text=True, timeout=60)
    return done.stdout if done.returncode == 0 else None


def to_json(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=2)


def write(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write by suffix: .dot, .svg (needs graphviz), .json (node-link) or .graphml."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        svg = to_svg(graph)
        if svg is None:
            raise RuntimeError("graphviz 'dot' is not installed; write .dot and render it elsewhere")
        path.write_text(svg, encoding="utf-8")
    elif suffix == ".json":
        path.write_text(to_json(graph), encoding="utf-8")
    elif suffix == ".graphml":
        nx.write_graphml(graph, path)
    else:
        path.write_text(to_dot(graph), encoding="utf-8")
    return path
