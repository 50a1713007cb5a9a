"""The article's causal threads (web/causal_threads.py) and pictures (web/graphs.py), drawn from
the analysis JSON: links joined by what they share, the rest a list; the network's legend."""
from __future__ import annotations

from onrecord.web.causal_threads import threads
from onrecord.web.graphs import actor_network, causal_svg, to_svg


def span(text, start=0):
    return {"start": start, "end": start + len(text), "text": text}


def link(cause, effect, polarity="increase", **more):
    return {"cause": span(cause), "effect": span(effect), "cue": span("so"), "polarity": polarity, **more}


def test_links_sharing_a_phrase_or_a_word_are_one_thread_and_the_rest_a_list():
    analysis = {"causal": [link("The war", "the economy"), link("The war", "prices"),
                           link("cheap grain exports", "hunger"), link("grain exports", "ports"), link("rain", "floods")]}
    found = threads(analysis)
    assert [t["about"] for t in found] == [["The war"], ["exports"], []]
    assert [len(t["links"]) for t in found] == [2, 2, 1] and found[-1]["links"][0]["cause"] == "rain"


def test_an_actor_named_in_two_links_joins_them():
    text = "Russia attacks so prices rise; Moscow talks so hopes grow"

    def at(part):
        return span(part, text.index(part))

    analysis = {"actors": [{"id": "russia", "name": "Russia", "mentions": [at("Russia"), at("Moscow")]}],
                "causal": [{"cause": at("Russia attacks"), "effect": at("prices rise"), "polarity": "increase"},
                           {"cause": at("Moscow talks"), "effect": at("hopes grow"), "polarity": "increase"}]}
    assert threads(analysis)[0]["about"] == ["Russia"]


def test_only_connected_links_are_drawn():
    assert "no causal links share" in causal_svg(threads({"causal": [link("rain", "floods")]}))
    svg = causal_svg(threads({"causal": [link("The war", "the economy"), link("The war", "prices")]}))
    assert "prices" in svg and "the economy" in svg and svg.count("The war") >= 3  # hub and both causes


def test_the_actor_network_has_a_legend_of_the_kinds_it_shows():
    analysis = {"actors": [{"id": "a", "name": "Ann Lee", "kind": "person", "mentions": [span("Ann")]},
                           {"id": "b", "name": "Freedonia", "kind": "state", "mentions": [span("F")]}],
                "events": [{"source": ["a"], "target": ["b"]}]}
    svg = to_svg(actor_network(analysis), empty="none")
    assert "person" in svg and "state" in svg and "organization" not in svg and "Ann Lee" in svg
