"""Readers' corrections: they override the extraction everywhere, survive re-analysis, export as gold.
Also: an author's forecasts are held by the author's actor, and who gets ranked on the score cards."""
from __future__ import annotations

import pytest
import yaml
from ledger_records import TEXT, actor, analysis, forecast, seed_article

from onrecord.errors import OnrecordError
from onrecord.evaluate.forecasts import _corpus_cases
from onrecord.ledger.corrections import gold_yaml
from onrecord.model import Actor, Span


def key_of(ledger, probability: float) -> str:
    return next(f["key"] for f in ledger.forecasts(per_page=None)["forecasts"] if f["probability"] == probability)


def test_a_correction_overrides_the_extraction_in_lists_pages_and_scores(ledger):
    ledger.add([seed_article()])
    key = key_of(ledger, 0.9)
    ledger.resolve(key, "no", evidence="no elections were held", on="2022-05-20")
    assert ledger.scores()["cards"][0]["brier"] == pytest.approx(0.81)
    out = ledger.correct(key, by="ann", probability=0.2, question="Will Ruritania vote by 16 May?")["forecast"]
    assert (out["probability"], out["question"]) == (0.2, "Will Ruritania vote by 16 May?")
    assert out["corrected"]["by"] == "ann" and out["corrected"]["original"]["probability"] == 0.9
    listed = next(f for f in ledger.forecasts()["forecasts"] if f["key"] == key)
    assert listed["probability"] == 0.2 and listed["corrected"]["fields"]["probability"] == 0.2
    assert ledger.scores()["cards"][0]["brier"] == pytest.approx(0.04)
    assert next(r for r in ledger.export("forecasts") if r["key"] == key)["probability"] == 0.2


def test_later_corrections_add_to_earlier_ones_and_the_latest_value_wins(ledger):
    ledger.add([seed_article()])
    key = key_of(ledger, 0.9)
    ledger.correct(key, by="ann", probability=0.6)
    ledger.correct(key, by="bob", holder="Freedonia")
    forecast = ledger.correct(key, by="cy", probability=0.7)["forecast"]
    assert (forecast["holder"], forecast["probability"], forecast["holder_id"]) == ("Freedonia", 0.7, "freedonia")
    assert [c["corrected_by"] for c in ledger.corrections(key)] == ["ann", "bob", "cy"]


def test_not_a_forecast_leaves_every_list_and_score_but_keeps_its_page(ledger):
    ledger.add([seed_article()])
    key = key_of(ledger, 0.05)
    ledger.correct(key, by="ann", not_forecast=True, note="a description, not a prediction")
    assert [f["probability"] for f in ledger.forecasts()["forecasts"]] == [0.9]
    assert ledger.scores()["everyone"]["forecasts"] == 1
    page = ledger.forecast(key)["forecast"]
    assert page["retired"] and page["corrected"]["not_forecast"]


def test_corrections_survive_re_analysis_and_follow_a_forecast_whose_key_changed(ledger):
    ledger.add([seed_article()])
    first, second = key_of(ledger, 0.9), key_of(ledger, 0.05)
    ledger.correct(first, by="ann", probability=0.4)
    ledger.correct(second, by="ann", not_forecast=True)
    ledger.store([(seed_article().document, seed_article())], replace=True)  # `onrecord reanalyze --all`
    assert ledger.forecast(first)["forecast"]["probability"] == 0.4
    assert [f["key"] for f in ledger.forecasts()["forecasts"]] == [first]
    # a new pipeline names another holder: the key changes, the span does not
    sentence = "Ruritania will hold elections in two weeks."
    changed = analysis(TEXT, forecasts=[forecast(TEXT, sentence, "Ruritania will hold elections", 0.9,
                                                 latest="2022-05-16", holder="ruritania")],
                       actors=[actor(TEXT, "ruritania", "Ruritania", "Ruritania")])
    ledger.store([(changed.document, changed)], replace=True)
    (now,) = ledger.forecasts()["forecasts"]
    assert now["key"] != first and now["holder"] == "Ruritania" and now["probability"] == 0.4
    assert [c["forecast"] for c in ledger.corrections(now["key"])] == [now["key"]]


def test_corrections_export_as_gold_that_the_trainer_reads(ledger, tmp_path):
    ledger.add([seed_article()])
    ledger.correct(key_of(ledger, 0.9), by="ann", probability=0.7, holder="Freedonia")
    ledger.correct(key_of(ledger, 0.05), by="ann", not_forecast=True)
    path = tmp_path / "forecasts-corrections.yaml"
    path.write_text(gold_yaml(ledger.corrections_gold()), encoding="utf-8")
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    ((document, forecasts, nons, ignore),) = list(_corpus_cases(gold, path))  # checks every excerpt's offset
    assert document.text == TEXT and ignore == []
    assert forecasts == [{"at": 0, "excerpt": "Ruritania will hold elections in two weeks.", "holder": "Freedonia",
                          "probability": [0.7, 0.7], "note": "corrected by ann: holder, probability"}]
    assert [n["excerpt"] for n in nons] == ["The army of Ruritania will certainly not intervene."]


@pytest.mark.parametrize("changes, code", [({"probability": 1.5}, "E144"), ({}, "E144"), ({"due_on": "May 5"}, "E108"),
                                           ({"holder": "x" * 301}, "E144")])
def test_a_bad_correction_is_refused_with_a_code(ledger, changes, code):
    ledger.add([seed_article()])
    with pytest.raises(OnrecordError, match=code):
        ledger.correct(key_of(ledger, 0.9), by="ann", **changes)
    assert ledger.corrections() == []


def test_an_authors_forecasts_are_held_by_the_authors_actor_whatever_the_spelling(ledger):
    text = TEXT + " Volodymyr Zelensky spoke."
    start = text.index("Volodymyr Zelensky")
    zelensky = Actor(id="volodymyr-zelensky", name="Volodymyr Zelensky", kind="person",
                     aliases=("Zelenskyy",), mentions=(Span(start, start + 18, "Volodymyr Zelensky"),))
    ledger.add([analysis(text, author="Volodymyr Zelenskyi", actors=[zelensky], forecasts=seed_article().forecasts)])
    holders = {(f["holder"], f["holder_id"]) for f in ledger.forecasts()["forecasts"]}
    assert holders == {("Volodymyr Zelensky", "volodymyr-zelensky")}
    page = ledger.actor("volodymyr-zelensky")
    assert page["held_total"] == 2 and [d["author"] for d in page["written"]] == ["Volodymyr Zelenskyi"]


def resolved_ledger(ledger):
    """The author (Ada Writer) with two resolved forecasts; "the region" (no actor) with one."""
    text = TEXT
    sentence = "Trade between Ruritania and Freedonia is growing."
    ledger.add([analysis(text, forecasts=[*seed_article().forecasts, forecast(
        text, sentence, "trade will grow", 0.8, holder="the-region", fid="f3")])])
    for f in ledger.forecasts(per_page=None)["forecasts"]:
        ledger.resolve(f["key"], "yes", evidence="it happened")


def test_only_actors_with_enough_resolved_forecasts_are_ranked(ledger):
    resolved_ledger(ledger)
    scores = ledger.scores(min_resolved=2)
    assert [c["holder"] for c in scores["cards"]] == ["Ada Writer"]
    assert [(c["holder"], c["not_ranked_because"]) for c in scores["not_ranked"]] == [("the region", "not an actor")]
    assert ledger.scores(min_resolved=3)["cards"] == []
    assert ledger.scores(min_resolved=3)["not_ranked"][0]["not_ranked_because"] == "fewer than 3 resolved"
    assert ledger.scorecard("holder", "the region")["ranked"] is False


@pytest.mark.parametrize("sort, expected", [("brier", ["bob", "ann"]), ("name", ["ann", "bob"]),
                                            ("count", ["ann", "bob"]), ("skill", ["bob", "ann"])])
def test_ranked_cards_sort_and_page(ledger, tmp_path, sort, expected):
    import json
    questions = [{"id": f"q{i}", "source": "Mine", "question": f"Will thing {i} happen?", "close_time": "2020-12-31",
                  "outcome": "yes" if i % 2 else "no",
                  "forecasts": [{"holder": "ann", "probability": 0.5, "timestamp": "2020-01-01"}]
                  + ([{"holder": "bob", "probability": 0.9 if i % 2 else 0.1, "timestamp": "2020-01-02"}] if i < 3 else [])}
                 for i in range(4)]
    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    ledger.import_outcomes(str(path))
    scores = ledger.scores(sort=sort, origin="imported", basis="stated")
    assert [c["holder"] for c in scores["cards"]] == expected
    paged = ledger.scores(sort=sort, per_page=1, page=2)
    assert [c["holder"] for c in paged["cards"]] == expected[1:] and paged["ranking"]["pages"] == 2
    assert ledger.scores(origin="extracted")["cards"] == []
