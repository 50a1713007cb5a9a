"""The temporal evaluation: TimeML reading, one-to-one matching, and a floor on the TempEval-3 scores."""
from __future__ import annotations

from onrecord.evaluate.temporal import _match, evaluate, read_tml

OUR_TML = """<?xml version="1.0" ?><TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-05-02" functionInDocument="CREATION_TIME">May 2, 2022</TIMEX3></DCT>
<TEXT>
The ferry &amp; the barge <EVENT eid="e1">left</EVENT> <TIMEX3 tid="t1" type="DATE" value="2022-04-29">Friday</TIMEX3>
and will return in <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT></TimeML>"""


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path):
    path = tmp_path / "ours.tml"
    path.write_text(OUR_TML, encoding="utf-8")
    gold = read_tml(path)
    assert gold.dct == "2022-05-02"
    assert "<" not in gold.text and "&amp;" not in gold.text
    assert [(gold.text[t["start"]:t["end"]], t["value"]) for t in gold.timexes] == \
        [("Friday", "2022-04-29"), ("two weeks", "P2W")]


def test_matching_is_one_to_one_and_prefers_exact_spans():
    gold = [{"start": 0, "end": 4}, {"start": 5, "end": 9}]
    system = [{"start": 0, "end": 9}, {"start": 5, "end": 9}]
    pairs = _match(gold, system)
    assert sorted((g["start"], s["start"], s["end"]) for g, s in pairs) == [(0, 0, 9), (5, 5, 9)]


def test_tempeval3_scores_stay_above_measured_floor(shared):
    """Measured 2026-11-25: relaxed span F1 0.952, value F1 0.877 (HeidelTime: 0.907 / 0.781)."""
    scores = evaluate(str(shared / "data" / "temporal" / "te3-platinum"))
    assert scores["gold"] == 138
    assert scores["span_f1"] >= 0.93
    assert scores["value_f1"] >= 0.86
    assert scores["strict_f1"] >= 0.87
    assert scores["type_accuracy"] >= 0.95
