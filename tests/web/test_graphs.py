"""The article's causal graph (web/graphs.py), drawn from the analysis JSON."""
from __future__ import annotations

from onrecord.web.graphs import causal_graph


def test_causal_graph_merges_repeated_phrases():
    def span(text):
        return {"start": 0, "end": len(text), "text": text}

    analysis = {"causal": [
        {"cause": span("The war"), "effect": span("the economy"), "cue": span("weakened"), "polarity": "decrease"},
        {"cause": span("The war"), "effect": span("prices"), "cue": span("pushed"), "polarity": "increase"}]}
    graph = causal_graph(analysis)
    assert sorted(graph.nodes) == ["The war", "prices", "the economy"] and graph.number_of_edges() == 2
