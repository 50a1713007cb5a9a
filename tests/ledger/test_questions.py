"""Platform questions in the ledger: imported once with their crowd series, forecasts linked to them,
the crowd's probability on a forecast's day, bulk acceptance of the platforms' resolutions, skill
against the crowd. Platform lines are real (../shared/data/outcomes); the forecasts are our own."""
from __future__ import annotations

import json

import pytest
from ledger_records import analysis, forecast

pytestmark = pytest.mark.shared

KYIV = "Russia will control Kyiv on 1 June 2022"  # our column's wording of a real Metaculus question


def platform_file(shared, tmp_path, lines_per_source: int = 3):
    """A few real lines of each platform (Metaculus with the Kyiv question, GJP, ForecastBench)."""
    outcomes = shared / "data" / "outcomes"
    lines = []
    for name in ("metaculus-iqisa", "gjp-ifps", "forecastbench-2024-07-21"):
        rows = (outcomes / name / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        lines += rows[:lines_per_source]
    kyiv = [r for r in (outcomes / "metaculus-iqisa" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if "control Kyiv on June 1, 2022" in r]
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(lines + kyiv[:1]) + "\n", encoding="utf-8")
    return path, json.loads(kyiv[0])


def test_platform_questions_are_imported_once_with_their_crowd_series(ledger, shared, tmp_path):
    path, kyiv = platform_file(shared, tmp_path)
    first = ledger.import_outcomes(str(path))
    assert first["platform_questions"] == 10
    again = ledger.import_outcomes(str(path))
    assert (again["platform_questions"], again["platform_questions_already"]) == (0, 10)
    page = ledger.question(kyiv["id"])
    assert page["question"]["outcome"] == kyiv["outcome"]
    days = {when[:10] for when, _ in kyiv["forecast_series"]}
    assert [p["on"] for p in page["crowd"]] == sorted(days)  # one point per day, in order


def test_a_linked_forecast_gets_the_crowd_of_its_day_and_the_platform_resolution_in_bulk(ledger, shared, tmp_path):
    path, kyiv = platform_file(shared, tmp_path)
    ledger.import_outcomes(str(path))
    text = f"Kyiv is holding. I doubt that {KYIV.lower()}."
    ledger.add([analysis(text, published="2022-03-10", author="Ada Writer",
                         forecasts=[forecast(text, f"I doubt that {KYIV.lower()}.", KYIV.lower(), 0.2)])])
    counts = ledger.link_questions()
    assert (counts["forecasts"], counts["linked"]) == (1, 1)
    (row,) = ledger.forecasts(origin="extracted")["forecasts"]
    links = ledger.forecast_links(row["key"])
    assert links["platform_question"]["id"] == kyiv["id"]
    before = [p for when, p in sorted(kyiv["forecast_series"]) if when[:10] <= "2022-03-10"]
    assert links["crowd"]["probability"] == pytest.approx(before[-1])
    assert links["suggested_resolution"]["outcome"] == kyiv["outcome"]
    assert ledger.forecast(row["key"])["resolution"] is None  # a suggestion until someone accepts it
    assert ledger.accept_linked(by="tester") == {"accepted": 1}
    assert ledger.accept_linked(by="tester") == {"accepted": 0}
    assert ledger.forecast(row["key"])["resolution"]["outcome"] == kyiv["outcome"]
    skill = ledger.skill_against_crowd("Ada Writer")
    truth = 1.0 if kyiv["outcome"] == "yes" else 0.0
    assert skill["brier"] == pytest.approx((0.2 - truth) ** 2)
    assert skill["crowd_brier"] == pytest.approx((before[-1] - truth) ** 2)


def test_linking_again_replaces_the_links_and_groups_repeated_forecasts(ledger, shared, tmp_path):
    path, _ = platform_file(shared, tmp_path)
    ledger.import_outcomes(str(path))
    first, second = "The grain corridor will stay open all summer.", "The grain corridor will remain open this summer."
    ledger.add([analysis(first, published="2022-06-01", title="One",
                         forecasts=[forecast(first, first, "the grain corridor will stay open all summer", 0.7)]),
                analysis(second, published="2022-06-20", title="Two", author="Bo Critic",
                         forecasts=[forecast(second, second, "the grain corridor will remain open this summer", 0.4)])])
    counts = ledger.link_questions()
    assert (counts["forecasts"], counts["questions"], counts["encoded"]) == (2, 1, 2)
    assert ledger.link_questions()["encoded"] == 0  # vectors are kept, not computed again
    (question,) = [q for q in ledger.questions() if q["source"] == "onrecord"]
    page = ledger.question(question["id"])
    assert page["holders"] == ["Ada Writer", "Bo Critic"]
    oldest = next(f for f in ledger.forecasts(origin="extracted")["forecasts"] if f["holder"] == "Ada Writer")
    assert page["question"]["title"] == oldest["question"]  # the canonical question is the oldest forecast's
