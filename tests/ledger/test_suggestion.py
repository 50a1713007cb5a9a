"""Suggested resolutions: yes / no / unknown from later documents, with evidence, never recorded by themselves."""
from __future__ import annotations

import datetime as dt

import pytest
from ledger_records import analysis, seed_article

from onrecord.ledger.suggestion import stance


def due_key(ledger) -> str:
    return ledger.forecasts(status="due", today=dt.date(2022, 6, 1))["forecasts"][0]["key"]


def test_a_later_report_of_the_outcome_suggests_yes_with_its_span(ledger):
    ledger.add([seed_article()])
    report = "Ruritania held its elections on Sunday, and turnout was high, officials said."
    ledger.add([analysis(report, published="2022-05-17", title="Ruritania votes"),
                analysis("Grain prices fell in the port city as the harvest came in.", published="2022-05-18")])
    key = due_key(ledger)
    found = ledger.suggest_resolution(key)
    assert found["outcome"] == "yes" and 0 < found["confidence"] <= 1 and not found["resolved"]
    best = found["evidence"][0]
    assert best["title"] == "Ruritania votes" and best["stance"] == "reports"
    assert report[best["span"]["start"]:best["span"]["end"]] == best["span"]["text"]
    assert ledger.history(key) == []  # a suggestion resolves nothing


def test_a_later_denial_suggests_no(ledger):
    ledger.add([seed_article()])
    ledger.add([analysis("Ruritania did not hold its elections; the vote was postponed until autumn.",
                         published="2022-05-20", title="No vote")])
    assert ledger.suggest_resolution(due_key(ledger))["outcome"] == "no"


@pytest.mark.parametrize("later", [
    [],  # nothing later at all
    [("Ruritania will hold its elections soon, the government says again.", "2022-05-20")],  # only restated
    [("Ruritania held its elections on Sunday.", "2022-04-20")],  # published before the forecast was made
    [("Freedonia opened a new bridge over the river to much fanfare.", "2022-05-20")],  # unrelated
])
def test_without_later_evidence_the_outcome_stays_unknown(ledger, later):
    ledger.add([seed_article()])
    ledger.add([analysis(text, published=published, title=f"later {n}") for n, (text, published) in enumerate(later)])
    found = ledger.suggest_resolution(due_key(ledger))
    assert found["outcome"] == "unknown" and found["confidence"] == 0.0


@pytest.mark.parametrize("text, expected", [
    ("The summit took place in Helsinki on Monday.", "reports"),
    ("Today 156 people arrived in Zaporizhzhia.", "reports"),
    ("The talks did not produce a result.", "denies"),
    ("The visit was postponed until next year.", "denies"),
    ("So far we do not have the result we would like to get.", "denies"),
    ("The leaders will meet again next week.", "other"),
    ("The embargo could be applied in May.", "other"),
    ("The European Union is now agreeing on the sixth package.", "other"),
    ("First of all, we need an oil embargo.", "other"),
    ("I thank the United States for its support.", "other"),
])
def test_stance_tells_reports_from_denials_and_from_sentences_that_settle_nothing(text, expected):
    assert stance(text) == expected
