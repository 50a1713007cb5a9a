"""SVG pictures: a document's causal threads and actor network, a calibration diagram.

Drawn with networkx's layouts and matplotlib (no Graphviz: the network needs a legend and
labels that never overlap, which we place ourselves), so the page works on a bare machine. Text is kept
as SVG text (``svg.fonttype = none``): smaller files, selectable labels. matplotlib and
networkx load lazily — the article page itself never waits for them (pictures are <img>s).
"""
from __future__ import annotations

import io
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
    return _matplotlib_svg(graph)


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None}, bbox_inches="tight", pad_inches=0.05)
    plt.close(figure)
    return buffer.getvalue()


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _matplotlib_svg(graph: nx.Graph) -> str:
    """The actor network: a force-directed layout (Kamada-Kawai, deterministic), then each node
    and its label pushed apart from the others until no two overlap; nodes coloured by kind, with
    a legend. Drawn in points (1 unit = 1 pt), so text and layout share one scale."""
    plt = _pyplot()
    with plt.rc_context(PLAIN_TEXT):
        sizes = {node: 120 + 50 * min(d.get("size", 1), 12) for node, d in graph.nodes(data=True)}
        labels = {node: d.get("label", node) for node, d in graph.nodes(data=True)}
        places = _spread({n: (x * 100, y * 100) for n, (x, y) in _layout(graph).items()},
                         {n: _box(plt, labels[n], sizes[n]) for n in graph.nodes})
        xs, ys = [x for x, _ in places.values()], [y for _, y in places.values()]
        width, height = max(xs) - min(xs) + 140, max(ys) - min(ys) + 80
        figure = plt.figure(figsize=(width / 72, height / 72), dpi=72)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set(xlim=(min(xs) - 70, max(xs) + 70), ylim=(min(ys) - 60, max(ys) + 20))
        edges = list(graph.edges(data=True))
        nx.draw_networkx_edges(graph, places, ax=ax, edge_color="#9aa3ad", width=[1 + d.get("weight", 1) / 2 for *_, d in edges])
        nx.draw_networkx_nodes(graph, places, ax=ax, node_size=[sizes[n] for n in graph.nodes], alpha=0.9, edgecolors="#555",
                               node_color=[d.get("colour", "#888") for _, d in graph.nodes(data=True)])
        for node, (x, y) in places.items():
            ax.text(x, y - sizes[node] ** 0.5 / 2 - 2, labels[node], ha="center", va="top", fontsize=8, color="#1d2330")
        ax.axis("off")
        kinds = [k for k in KIND_COLOURS if any(d.get("colour") == KIND_COLOURS[k] for _, d in graph.nodes(data=True))]
        handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=KIND_COLOURS[k],
                              markeredgecolor="#555", label=k) for k in kinds]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=min(3, max(1, len(handles))), fontsize=8,
                  frameon=False, title="circle size: mentions · line: linked in an event, quote, claim or forecast",
                  title_fontsize=7, handletextpad=0.2, columnspacing=0.9)
        return _svg(figure)


def _box(plt, label: str, size: float) -> tuple[float, float, float]:
    """(width, height above the centre, height below it) of a node with its label, in points."""
    from matplotlib.textpath import TextPath
    from matplotlib.font_manager import FontProperties
    font = FontProperties(family="sans-serif", size=8)
    lines = label.split("\n")
    text_width = max(TextPath((0, 0), line, prop=font).get_extents().width for line in lines) * 1.12  # browsers' fonts run wider
    radius = size ** 0.5 / 2
    return max(text_width, 2 * radius) + 6, radius + 2, radius + 4 + 11 * len(lines)


def _spread(places: dict, boxes: dict, rounds: int = 300) -> dict:
    """Push overlapping node-and-label boxes apart along the axis where they overlap least."""
    at = {n: list(p) for n, p in places.items()}
    nodes = list(at)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                (ax_, ay), (bx, by) = at[a], at[b]
                (aw, aup, adown), (bw, bup, bdown) = boxes[a], boxes[b]
                ox = (aw + bw) / 2 - abs(ax_ - bx)
                oy = (min(ay + aup, by + bup) - max(ay - adown, by - bdown))
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox < oy:
                    step = (ox / 2 + 1) * (1 if ax_ >= bx else -1)
                    at[a][0] += step
                    at[b][0] -= step
                else:
                    step = (oy / 2 + 1) * (1 if ay >= by else -1)
                    at[a][1] += step
                    at[b][1] -= step
        if not moved:
            break
    return {n: tuple(p) for n, p in at.items()}


def causal_svg(threads: list[dict]) -> str:
    """The causal links that share an actor, word or phrase, one band per thread: what joins them
    on the left, each cause → effect to the right (arrows coloured by polarity). Unconnected
    links are not drawn: the page lists them (a picture of islands told nothing)."""
    joined = [t for t in threads if t["about"]]
    if not joined:
        return EMPTY.format("no causal links share an actor, a word or a phrase")
    plt = _pyplot()
    rows = sum(len(t["links"]) for t in joined) + len(joined) - 1
    with plt.rc_context(PLAIN_TEXT):
        figure, ax = plt.subplots(figsize=(5.2, 0.05 + 0.46 * rows))
        y = 0
        for thread in joined:
            top = y
            for link in thread["links"]:
                box = {"boxstyle": "round,pad=0.3", "ec": "#999"}
                ax.text(0.27, -y, _label(link["cause"], 24, 2), ha="left", va="center", fontsize=7.5, bbox={**box, "fc": "#fdecea"})
                ax.text(0.63, -y, _label(link["effect"], 26, 2), ha="left", va="center", fontsize=7.5, bbox={**box, "fc": "#e8f5e9"})
                ax.annotate("", xy=(0.625, -y), xytext=(0.58, -y),
                            arrowprops={"arrowstyle": "-|>", "color": COLOURS.get(link["polarity"], "#555"), "lw": 1.4})
                ax.plot([0.22, 0.265], [-(top + (len(thread["links"]) - 1) / 2), -y], color="#b0b6bf", lw=0.8, ls="--")
                y += 1
            ax.text(0.21, -(top + (len(thread["links"]) - 1) / 2), _label(", ".join(thread["about"]), 16, 2), ha="right",
                    va="center", fontsize=8, fontweight="bold", color="#1d2330")
            y += 1
        ax.set(xlim=(0, 1), ylim=(-(rows - 0.5), 0.5))
        ax.axis("off")
        return _svg(figure)


def _layout(graph: nx.Graph) -> dict:
    """Kamada-Kawai (deterministic; linked actors close together), the unlinked ones on a ring
    around them."""
    if graph.number_of_nodes() <= 2:
        return {node: (i, 0) for i, node in enumerate(sorted(graph.nodes, key=str))}
    linked = graph.subgraph([n for n in graph.nodes if graph.degree(n)])
    layout = nx.kamada_kawai_layout(linked) if linked.number_of_nodes() > 2 else \
        {node: (i - 0.5, 0) for i, node in enumerate(sorted(linked.nodes, key=str))}
    alone = sorted((n for n in graph.nodes if not graph.degree(n)), key=str)
    ring = nx.circular_layout(alone, scale=1.25) if len(alone) > 1 else {n: (0, -1.25) for n in alone}
    return {**layout, **ring}


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
