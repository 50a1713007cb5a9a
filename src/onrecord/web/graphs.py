"""SVG pictures: a document's causal graph and actor network (networkx), a calibration diagram.

Graphs are laid out by Graphviz ``dot`` when it is installed (Debian ``graphviz``) and otherwise
drawn with networkx's layouts and matplotlib, so the page works on a bare machine. Text is kept
as SVG text (``svg.fonttype = none``): smaller files, selectable labels. matplotlib and
networkx load lazily — the article page itself never waits for them (pictures are <img>s).
"""
from __future__ import annotations

import io
import shutil
import subprocess
import textwrap
from html import escape

import networkx as nx

COLOURS = {"increase": "#2f7d32", "decrease": "#b3261e", "prevent": "#8e24aa"}
KIND_COLOURS = {"person": "#4f6bed", "state": "#0f8b8d", "organization": "#c77c02", "bloc": "#7b4fa3",
                "group": "#8a8a8a"}
# Labels are plain text: a holder named "$x^$" must not reach matplotlib's math parser (a 500 once).
PLAIN_TEXT = {"svg.fonttype": "none", "font.family": "sans-serif", "svg.hashsalt": "onrecord", "text.parse_math": False,
              "text.usetex": False}
EMPTY = ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" viewBox="0 0 320 40">'
         '<text x="8" y="24" font-family="sans-serif" font-size="13" fill="#666">{}</text></svg>')


def _label(text: str, width: int = 22, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(" ".join((text or "?").split()), width)[:lines]) or "?"


def causal_graph(analysis: dict) -> nx.DiGraph:
    """Causes and effects as nodes (their short phrases), one edge per causal link."""
    graph = nx.DiGraph()
    for link in analysis.get("causal") or ():
        cause, effect = (link.get("cause") or {}).get("text"), (link.get("effect") or {}).get("text")
        if cause and effect:
            a, b = _label(cause), _label(effect)
            graph.add_node(a, colour="#fdecea")
            graph.add_node(b, colour="#e8f5e9")
            cue = (link.get("cue") or {}).get("text") or ""
            graph.add_edge(a, b, label=f"{cue} ({link.get('polarity')})", colour=COLOURS.get(link.get("polarity"), "#555"))
    return graph


def actor_network(analysis: dict, top: int = 18) -> nx.Graph:
    """Actors (the most mentioned) linked when an event, quote, claim or forecast involves both."""
    actors = {a["id"]: a for a in analysis.get("actors") or ()}
    weight: dict[tuple[str, str], int] = {}

    def link(ids):
        ids = [i for i in dict.fromkeys(ids) if i in actors]
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                pair = tuple(sorted((a, b)))
                weight[pair] = weight.get(pair, 0) + 1

    for event in analysis.get("events") or ():
        link([*(event.get("source") or ()), *(event.get("target") or ())])
    for quote in analysis.get("quotes") or ():
        link([quote.get("speaker"), quote.get("addressee")])
    for claim in analysis.get("claims") or ():
        link(claim.get("subjects") or ())
    for forecast in analysis.get("forecasts") or ():
        link([forecast.get("holder"), *(forecast.get("subjects") or ())])
    ranked = sorted(actors.values(), key=lambda a: -len(a.get("mentions") or ()))[:top]
    graph = nx.Graph()
    for a in ranked:
        graph.add_node(a["id"], label=_label(a["name"], 18, 2), size=len(a.get("mentions") or ()),
                       colour=KIND_COLOURS.get(a.get("kind"), "#888"))
    for (a, b), w in weight.items():
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=w)
    return graph


def to_svg(graph: nx.Graph, *, empty: str) -> str:
    if graph.number_of_nodes() == 0:
        return EMPTY.format(escape(empty))
    if shutil.which("dot"):
        try:
            return _dot_svg(graph)
        except (OSError, subprocess.SubprocessError):
            pass
    return _matplotlib_svg(graph)


def _quote(value) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_svg(graph: nx.Graph) -> str:
    directed = graph.is_directed()
    lines = ["digraph G {" if directed else "graph G {", 'rankdir=LR; bgcolor="transparent";',
             'node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=11, color="#999"];',
             'edge [fontname="sans-serif", fontsize=9];']
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    for node, data in graph.nodes(data=True):
        lines.append(f'{ids[node]} [label={_quote(data.get("label", node))}, fillcolor={_quote(_fill(data))}];')
    for a, b, data in graph.edges(data=True):
        attrs = f'label={_quote(data.get("label", ""))}, color={_quote(data.get("colour", "#777"))}'
        lines.append(f'{ids[a]} {"->" if directed else "--"} {ids[b]} [{attrs}, penwidth={1 + data.get("weight", 1) / 2}];')
    lines.append("}")
    done = subprocess.run(["dot", "-Tsvg"], input="\n".join(lines).encode(), capture_output=True, timeout=20, check=True)
    return done.stdout.decode()


def _fill(data: dict) -> str:
    colour = data.get("colour", "#eeeeee")
    return colour if colour.startswith("#f") or colour.startswith("#e") else colour + "33"


def _matplotlib_svg(graph: nx.Graph) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directed = graph.is_directed()
    layout = _layout(graph)
    with plt.rc_context(PLAIN_TEXT):
        rows = len({y for _, y in layout.values()}) if directed else 0
        figure, ax = plt.subplots(figsize=(6.4, max(2.0, 0.8 * rows) if directed else 4.8))
        edges = list(graph.edges(data=True))
        colours = [d.get("colour", "#ddd") for _, d in graph.nodes(data=True)]
        labels = {node: d.get("label", node) for node, d in graph.nodes(data=True)}
        if directed:  # phrases in boxes, arrows from cause to effect
            nx.draw_networkx_edges(graph, layout, ax=ax, edge_color=[d.get("colour", "#999") for *_, d in edges],
                                   width=1.5, arrows=True, arrowsize=14, min_source_margin=55, min_target_margin=55)
            nx.draw_networkx_edge_labels(graph, layout, ax=ax, font_size=7, bbox={"fc": "white", "ec": "none"},
                                         edge_labels={(a, b): d.get("label", "") for a, b, d in edges})
            for node, (x, y) in layout.items():
                ax.text(x, y, labels[node], ha="center", va="center", fontsize=8,
                        bbox={"boxstyle": "round,pad=0.4", "fc": graph.nodes[node].get("colour", "#eee"), "ec": "#999"})
        else:
            nx.draw_networkx_edges(graph, layout, ax=ax, edge_color="#9aa3ad",
                                   width=[1 + d.get("weight", 1) / 2 for *_, d in edges])
            sizes = [200 + 80 * min(d.get("size", 1), 12) for _, d in graph.nodes(data=True)]
            nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=sizes, node_color=colours, alpha=0.9, edgecolors="#555")
            for node, (x, y) in layout.items():
                ax.annotate(labels[node], (x, y), textcoords="offset points", xytext=(0, -16), ha="center",
                            va="top", fontsize=8)
        ax.margins(0.18)
        ax.axis("off")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None})
        plt.close(figure)
    return buffer.getvalue()


def _layout(graph: nx.Graph) -> dict:
    """Causes left of their effects (columns by topological generation); actors on a circle,
    the most connected first. Both deterministic and free of overlapping labels."""
    if graph.is_directed() and nx.is_directed_acyclic_graph(graph):
        layout, base = {}, 0
        for component in nx.weakly_connected_components(graph):
            part = graph.subgraph(component)
            generations = [sorted(nodes) for nodes in nx.topological_generations(part)]
            for column, nodes in enumerate(generations):
                for row, node in enumerate(nodes):
                    layout[node] = (column, -(base + row))
            base += max(len(nodes) for nodes in generations)
        return layout
    ordered = sorted(graph.nodes, key=lambda node: (-graph.degree(node), str(node)))
    return nx.circular_layout(graph.subgraph(ordered)) if len(ordered) > 2 else \
        {node: (i, 0) for i, node in enumerate(ordered)}


def calibration_svg(card: dict | None, title: str) -> str:
    """A reliability diagram: stated probability against how often it came true, bin sizes as labels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = (card or {}).get("calibration") or []
    with plt.rc_context(PLAIN_TEXT):
        figure, ax = plt.subplots(figsize=(4.6, 4.2))
        ax.plot([0, 1], [0, 1], linestyle="--", color="#999", label="perfect calibration")
        if bins:
            xs = [b["mean_probability"] for b in bins]
            ys = [b["observed"] for b in bins]
            if all("low" in b for b in bins):  # 95% Wilson intervals: how little a small bin says
                ax.errorbar(xs, ys, yerr=[[y - b["low"] for y, b in zip(ys, bins)], [b["high"] - y for y, b in zip(ys, bins)]],
                            fmt="none", ecolor="#1a5fb4", alpha=0.6, capsize=3, label="95% interval")
            ax.plot(xs, ys, marker="o", color="#1a5fb4", label="observed")
            ax.scatter(xs, ys, s=[40 + 20 * b["n"] for b in bins], color="#1a5fb4", alpha=0.25)
            for x, y, b in zip(xs, ys, bins):
                ax.annotate(f"n={b['n']}", (x, y), textcoords="offset points", xytext=(-28 if x > 0.85 else 6, -14), fontsize=8)
        else:
            ax.text(0.5, 0.55, "no resolved forecasts yet", ha="center", color="#666")
        ax.set(xlim=(0, 1), ylim=(-0.03, 1.03), xlabel="stated probability", ylabel="share that came true",
               title=title[:60])
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", transparent=False, metadata={"Date": None})
        plt.close(figure)
    return buffer.getvalue()
