"""onrecord_causal: cue lexicon, cause/effect spans, polarity, hedging, who asserts. (The causal graph is drawn by web/graphs.py.)"""
from __future__ import annotations

import re

import pytest

from onrecord.nlp.causal import CausalLinks


@pytest.fixture(scope="module")
def rules(nlp):
    """The component with its cue rules only (no classifier), so rule tables test rules."""
    return CausalLinks(nlp, use_model=False)


def links(nlp, component, text):
    doc = component(nlp(text))
    cut = lambda s: text[s[0]:s[1]] if s else None  # noqa: E731
    return [{**c, "cause": cut(c["cause"]), "effect": cut(c["effect"]), "cue": cut(c["cue"])}
            for c in doc._.onrecord_causal]


@pytest.mark.parametrize("text, cue, cause, effect, polarity", [
    ("The drought pushed thousands of farmers to the cities.", "pushed", "The drought",
     "pushed thousands of farmers to the cities", "increase"),
    ("The blockade prevented any aid from reaching the town.", "prevented", "The blockade",
     "prevented any aid from reaching the town", "prevent"),
    ("The sanctions weakened the rouble.", "weakened", "The sanctions", "weakened the rouble", "decrease"),
    ("Cheap credit led to a housing boom.", "led", "Cheap credit", "a housing boom", "increase"),
    ("As a result of the strike, the port is closed.", "As a result of", "the strike", "the port is closed", "increase"),
    ("The talks collapsed because the delegates could not agree on a border.", "because",
     "the delegates could not agree on a border", "The talks collapsed", "increase"),
    ("Due to the storm, the vote did not take place.", "Due to", "the storm", "the vote did not take place", "prevent"),
    ("In response to the shelling, the city council is taking a tougher line.", "In response to", "the shelling",
     "the city council is taking a tougher line", "increase"),
    ("The reason for the strike was the pay cut.", "reason for", "the pay cut", "the strike", "increase"),
    ("The purpose of the blockade is the release of the prisoners.", "purpose of",
     "the release of the prisoners", "the blockade", "increase"),
])
def test_causal_reads_cause_effect_and_polarity_from_cues(nlp, rules, text, cue, cause, effect, polarity):
    found = links(nlp, rules, text)
    assert [(c["cue"], c["cause"], c["effect"], c["polarity"]) for c in found] == [(cue, cause, effect, polarity)]


def test_purpose_clause_is_the_motive_of_the_action(nlp, rules):
    found = links(nlp, rules, "The ministry paid the farmers so that they would keep planting wheat.")
    assert [(c["cue"], c["cause"], c["effect"]) for c in found] == \
        [("so that", "so that they would keep planting wheat", "The ministry paid the farmers")]


def test_protest_phrase_belongs_to_the_cause(nlp, rules):
    """CNC v2 spans: "in protest against X" is the motive as a whole, the action it explains the effect."""
    found = links(nlp, rules, "Teachers stayed away from schools in protest against the new curriculum.")
    assert [(c["cause"], c["effect"]) for c in found] == \
        [("in protest against the new curriculum", "Teachers stayed away from schools")]


def test_cues_that_are_no_evidence_alone_need_the_classifier(nlp, rules):
    assert links(nlp, rules, "The minister raised a question about the budget.") == []


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of nurses gathered outside the ministry to protest against the pay cut.",
     [("to protest", "Hundreds of nurses gathered outside the ministry"), ("against the pay cut", "to protest")]),
    ("The storm hit the coast on Monday, leaving thousands without power.",
     [("The storm hit the coast on Monday", "leaving thousands without power")]),
    ("Farmers blocked the highway, demanding higher prices for milk.",
     [("demanding higher prices for milk", "Farmers blocked the highway")]),
    ("The council fined the company for not cleaning the river.",
     [("not cleaning the river", "The council fined the company")]),
    ("The students were angry over the arrest of their leader at the campus gate.",
     [("the arrest of their leader at the campus gate", "The students were angry")]),
    ("The police fired tear gas when the crowd stormed the gate.",
     [("the crowd stormed the gate", "The police fired tear gas")]),
    ("The lawyers convinced the strikers to accept bail to continue their campaign.",
     [("to continue their campaign", "The lawyers convinced the strikers to accept bail")]),
    ("The mayor said that three people were injured in the clashes.",
     [("the clashes", "three people were injured")]),
    ("The villagers signed a petition demanding a new bridge.",
     [("demanding a new bridge", "The villagers signed a petition")]),
    ("The miners stayed underground for more than three days to protest the closure.",
     [("to protest the closure", "The miners stayed underground for more than three days")]),
    ("Nurses marching through the capital on Monday against the pay freeze.",
     [("against the pay freeze", "Nurses marching through the capital on Monday")]),
])
def test_weak_connectives_give_cnc_shaped_pairs(nlp, text, expected):
    """Purpose keeps its "to", a motive participle is the cause, a result participle the effect; a
    purpose's own reason is a candidate of its own. (Which candidates are reported is the ranker's call.)"""
    from onrecord.nlp.causal.spans import weak_pairs
    (sent,) = nlp(text).sents
    got = [(text[slice(*p[0])], text[slice(*p[1])]) for p, _, _ in weak_pairs(sent)]
    assert all(pair in got for pair in expected)


@pytest.mark.parametrize("text, hedged", [
    ("The new tariffs may lead to higher prices.", True),
    ("The new tariffs led to higher prices.", False),
])
def test_causal_marks_hedged_links(nlp, rules, text, hedged):
    (found,) = links(nlp, rules, text)
    assert found["hedged"] is hedged


@pytest.mark.parametrize("text", [
    "The protests did not cause the resignation.",
    "The minister visited the port on Monday.",
    "Prices increased sharply in the spring.",
    "The cause of the fire is still unknown.",
])
def test_causal_finds_no_link_where_none_is_asserted(nlp, rules, text):
    assert links(nlp, rules, text) == []


@pytest.mark.parametrize("role", ["Columnist on European security", "Reporter for the regional desk"])
def test_byline_lines_give_no_link(role):
    """A role line under the author's name names no cause, though the classifier may call it causal."""
    import onrecord

    text = f"Ceasefire talks stall again\n\nMarta Kowalska\n\n{role}\n\n" \
        "The talks in Geneva broke down on Friday after the delegations failed to agree on a map."
    analysis = onrecord.analyze(text)
    assert analysis.document.authors[0].role == role
    assert [c.cue.text for c in analysis.causal] == ["after"]


def test_cue_and_weak_connective_links_share_a_sentence(nlp):
    """CNC marks every link of a sentence: a cue verb does not hide the purpose clause beside it (it stays
    a candidate; a second link is reported only when the ranker is surer of it than of a first)."""
    text = "Rising fuel prices sparked anger in the villages, and farmers marched on Monday to demand subsidies."
    component = nlp.get_pipe("onrecord_causal")
    candidates = [(m["cue"].text, text[slice(*m["cause"])]) for m in component.candidates(nlp(text))]
    assert ("sparked", "Rising fuel prices") in candidates and ("to", "to demand subsidies") in candidates
    found = links(nlp, component, text)
    assert [(c["cue"], c["cause"]) for c in found][0] == ("sparked", "Rising fuel prices")


def test_link_inside_a_quote_is_asserted_by_the_speaker(nlp, rules):
    (found,) = links(nlp, rules, "“The embargo will weaken their army,” the minister said.")
    assert found["asserted_by_text"] == "the minister"
    (own,) = links(nlp, rules, "The embargo will weaken their army.")
    assert own["asserted_by"] == "author" and own["asserted_by_text"] is None


def test_causal_spans_equal_their_text(nlp):
    text = "Because the bridge fell, the convoy turned back, and the shortage pushed prices up."
    doc = nlp(text)
    for c in doc._.onrecord_causal:
        for key in ("cause", "effect", "cue"):
            start, end = c[key]
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


def test_causal_pipeline_contract_has_no_problems(nlp):
    assert not nlp.analyze_pipes()["problems"].get("onrecord_causal")


def test_causal_on_the_seed_finds_most_gold_links(seed_analysis, shared):
    import yaml

    gold = yaml.safe_load((shared / "gold" / "seed.yaml").read_text(encoding="utf-8"))["causal"]
    text = seed_analysis.document.text

    def sentence(excerpt):
        i = text.find(excerpt)
        start = max(text.rfind(c, 0, i) for c in ".!?\n") + 1
        ends = [j for j in (text.find(c, i + len(excerpt)) for c in ".!?\n") if j >= 0]
        return start, min(ends) + 1

    def found(g):
        s, e = sentence(g["cause"][:30]) if g["cause"][:30] in text else sentence(g["effect"][:30])
        return any(c.polarity == g["polarity"] and any(
            getattr(c, k).start < e and s < getattr(c, k).end for k in ("cause", "effect")) for c in seed_analysis.causal)

    assert sum(found(g) for g in gold) >= 4
    assert all(re.fullmatch(r"author|[a-z0-9-]+", c.asserted_by) for c in seed_analysis.causal)


def test_causal_classifier_ships_and_scores_in_unit_range(nlp):
    from onrecord.nlp.causal import model as causal_model

    model = causal_model.load()
    assert model is not None and 0.05 <= model["link_threshold"] <= model["second_threshold"] <= 1.0
    doc = nlp("Hundreds of workers marched on Friday demanding the release of their unpaid wages.")
    assert causal_model.features(doc[:]) == causal_model.features(doc[:])  # stable ids (crc32, not hash())
    assert 0.0 <= causal_model.sentence_probability(model, doc[:]) <= 1.0



def test_quotes_and_causal_save_their_lexicons_with_the_pipeline(nlp, tmp_path):
    quotes, causal = nlp.get_pipe("onrecord_quotes"), nlp.get_pipe("onrecord_causal")
    quotes.to_disk(tmp_path / "quotes")
    causal.to_disk(tmp_path / "causal")
    assert quotes.from_disk(tmp_path / "quotes").verbs["warn"][1] == "dobj"
    loaded = causal.from_disk(tmp_path / "causal")
    assert loaded.verbs["prevent"] == [(None, "prevent")] and loaded.model is not None


def test_causal_model_ships_small_and_loads_offline(nlp, monkeypatch):
    """The trained model is a file in the package: no network, no download, a few tens of kB."""
    import socket

    from onrecord.nlp.causal import CausalLinks, model as causal_model

    assert causal_model.MODEL.stat().st_size < 200_000
    monkeypatch.setattr(socket, "socket", lambda *a, **k: pytest.fail("the causal model reached for the network"))
    causal_model.load.cache_clear()
    component = CausalLinks(nlp)
    assert component.model is not None and "ranker" in component.model
    doc = component(nlp("The port closed because the dockers went on strike."))
    assert [c["rule"] for c in doc._.onrecord_causal] == ["conj:because"]


@pytest.mark.parametrize("text, wrong", [
    ("The sanctions may also start to bite by the autumn.", "the autumn"),
    ("Prices rose sharply in the spring after the harvest failed.", "the spring"),
    ("The Chinese will not replace the gas, although Europe stops buying it.", "Europe stops buying it"),
    ("And it is waiting for the return of these territories, as they like to say in Moscow.", "they like to say in Moscow"),
    ("Restoration of its territorial integrity.", "its territorial integrity"),
    ("So don't even think about resorting to nuclear weapons.", "resorting to nuclear weapons"),
])
def test_no_link_has_a_date_a_preposition_or_a_remark_as_cause(nlp, text, wrong):
    """A cause or effect is a clause or a noun phrase that states a cause: never a bare date ("by the
    autumn"), a concession ("although ..."), an aside about who says so, or the object of "of"."""
    found = links(nlp, nlp.get_pipe("onrecord_causal"), text)
    assert all(wrong not in (c["cause"], c["effect"]) for c in found)
    for c in found:
        for side in (c["cause"], c["effect"]):
            assert re.search(r"[A-Za-z]{3}", side) and side.lower() not in {"by", "of", "in", "on", "it", "they"}


def test_only_confident_links_are_reported(nlp):
    """Every link says how sure the model is; a link without an explicit cue needs the shipped threshold,
    and raising the threshold to 1 leaves only the links an explicit cue states."""
    from onrecord.nlp.causal import CausalLinks
    from onrecord.nlp.causal.links import EXPLICIT_FLOOR

    text = ("Farmers blocked the highway on Monday, demanding higher prices for milk. The port closed because "
            "the dockers went on strike. Hundreds gathered in the square after the verdict was read.")
    component = nlp.get_pipe("onrecord_causal")
    found = component(nlp(text))._.onrecord_causal
    assert found
    for c in found:
        assert c["confidence"] >= (EXPLICIT_FLOOR if component.explicit(c) else component.threshold)
    strict = CausalLinks(nlp, threshold=1.0)
    assert {c["rule"] for c in strict(nlp(text))._.onrecord_causal} == {"conj:because"}


def test_example_article_shows_no_nonsense_links():
    """`make run`'s article: no link through a date, a byline line or a concession (each was shown once)."""
    from pathlib import Path

    import onrecord

    text = (Path(__file__).resolve().parents[2] / "examples" / "ramstein-week.txt").read_text(encoding="utf-8")
    analysis = onrecord.analyze(text)
    pairs = [(c.cause.text, c.effect.text) for c in analysis.causal]
    assert pairs, "the conditional 'If the deliveries arrive ...' is a link"
    for cause, effect in pairs:
        assert cause not in {"the autumn", "Europe", "its territorial integrity"}
        assert "Columnist" not in cause + effect and "although" not in cause
