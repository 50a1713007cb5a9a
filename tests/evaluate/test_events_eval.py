"""Event evaluation: dataset detection, CAMEO->PLOVER mapping, and floors under the reported scores."""
from __future__ import annotations

from onrecord.evaluate import events as ev


def test_cameo_actor_codes_give_countries_and_igo():
    assert ev.code_country("IRQGOVMIL") == "IRQ"
    assert ev.code_country("---REB") is None
    assert ev.code_country("JAP") == "JPN"
    assert ev.actor_code({"kind": "organization", "sector": "international organization"}) == "IGO"


def test_a_reciprocal_event_counts_both_directions():
    event = {"type": "CONSULT", "source": [], "target": [], "reciprocal": True,
             "source_countries": ["USA"], "target_countries": ["LBN"]}
    assert ev.event_pairs(event, {}, ev.Countries()) == {("CONSULT", "USA", "LBN"), ("CONSULT", "LBN", "USA")}


def test_cameo_codes_map_to_plover_types_and_statements_have_none(shared):
    table = ev.cameo_to_plover(shared / "data/events/plover-gsr/CAMEO2PLOVER-2021.txt")
    assert ev.plover_type("042", table) == "CONSULT"
    assert ev.plover_type("0352", table) == "AGREE"
    assert ev.plover_type("190", table) == "ASSAULT"
    assert ev.plover_type("015", table) is None


def test_petrarch_records_are_read_despite_malformed_xml(shared):
    sentences = ev.read_petrarch(shared / "data/events/petrarch2-gsr-ud/PETR2_GSR_validation.xml")
    assert len(sentences) == 78 and sum(len(s["gold"]) for s in sentences) >= 60


def test_plover_gold_scores_stay_above_their_floor(shared):
    scores = ev.evaluate(str(shared / "data/events/plover-gsr"))
    assert scores["dataset"] == "plover-gsr" and scores["records"] == 322
    assert scores["type_accuracy"] >= 0.75
    assert scores["source_country_accuracy"] >= 0.80
    assert scores["target_country_accuracy"] >= 0.80


def test_petrarch_folder_is_detected_and_codes_fewer_spurious_events_than_gold(shared):
    scores = ev.evaluate(str(shared / "data/events/petrarch2-gsr-ud"))
    assert scores["dataset"] == "petrarch2-gsr"
    assert scores["spurious_events"] < scores["gold_events"]
    assert scores["fully_right"] >= 0.60
