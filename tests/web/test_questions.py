"""Questions on the web: two columnists' forecasts linked to one platform question with the crowd's line,
the crowd's probability on each forecast's day, and a holder's skill against the crowd — through the
JSON twins and in a real browser (Debian chromium via playwright, against a real ``onrecord serve``).

The platform question and the second column are our own (tests/web/docs/); the first column is
examples/ramstein-week.txt, whose Kharkiv forecast asks the same thing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DOCS, ROOT, copy_ledger, make_client, serving
from .test_browser import shoot

QUESTION = "metaculus-test-kharkiv"


@pytest.fixture(scope="module")
def questions_ledger(tmp_path_factory, nlp) -> Path:
    """The Ramstein column (2022-05-02) and a second one (2022-05-10), our platform questions imported,
    forecasts linked, and the platform's resolution accepted in bulk."""
    from onrecord.ledger import Ledger
    from onrecord.read import read_paths
    from onrecord.scale import run_corpus

    path = tmp_path_factory.mktemp("questions") / "questions.db"
    documents = [*read_paths([str(ROOT / "examples" / "ramstein-week.txt")], published="2022-05-02"),
                 *read_paths([str(DOCS / "kharkiv-counteroffensive.txt")], published="2022-05-10")]
    with Ledger(str(path)) as ledger:
        assert run_corpus(ledger, documents).ingested == 2
        assert ledger.import_outcomes(str(DOCS / "platform-questions.jsonl"))["platform_questions"] == 2
        assert ledger.link_questions()["linked"] == 2
        assert ledger.accept_linked(by="test")["accepted"] == 2
    return path


def test_question_twin_lists_both_holders_with_the_crowd_on_their_day(questions_ledger, tmp_path):
    with make_client(copy_ledger(questions_ledger, tmp_path / "q.db")) as client:
        data = client.get(f"/api/questions/{QUESTION}").json()
        assert data["holders"] == ["Lena Okafor", "Maria Ellison"]
        crowd = {f["holder"]: f["crowd"] for f in data["forecasts"]}
        assert crowd["Maria Ellison"] == {"on": "2022-05-01", "probability": 0.5}  # the last point before 2022-05-02
        assert crowd["Lena Okafor"] == {"on": "2022-05-08", "probability": 0.58}
        assert [f["outcome"] for f in data["forecasts"]] == ["yes", "yes"]  # accepted from the platform
        (key,) = [f["key"] for f in data["forecasts"] if f["holder"] == "Maria Ellison"]
        forecast = client.get(f"/api/forecasts/{key}").json()
        assert forecast["questions"]["platform_question"]["id"] == QUESTION
        assert forecast["questions"]["suggested_resolution"]["outcome"] == "yes"
        card = client.get("/api/scores/holder/Maria Ellison").json()["against_crowd"]
        assert (card["questions"], card["crowd_brier"]) == (1, pytest.approx(0.25))
        assert card["brier"] < card["crowd_brier"]


def test_a_question_page_with_two_holders_and_the_crowd_leads_to_skill_against_the_crowd(page, questions_ledger,  # noqa: F811
                                                                                           tmp_path):
    with serving(copy_ledger(questions_ledger, tmp_path / "served.db")) as server:
        page.goto(server + "/questions")
        page.get_by_role("link", name="Will Ukrainian forces push Russian troops back from Kharkiv before June 2022?").click()
        assert page.locator("#question-outcome").inner_text().startswith("yes")
        rows = page.locator("table.question-forecasts tbody tr")
        assert rows.count() == 2
        assert page.locator("table.question-forecasts td.crowd").all_inner_texts() == ["50%", "58%"]
        picture = page.locator("figure.chart img")
        page.wait_for_load_state("networkidle")
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
        svg = page.request.get(server + picture.get_attribute("src")).text()
        assert "crowd" in svg and "Lena Okafor" in svg and "Maria Ellison" in svg
        shoot(page, "question-1280")

        page.get_by_role("link", name="Maria Ellison").first.click()
        assert page.locator("#crowd-questions").inner_text() == "1"
        assert page.locator("#crowd-brier").inner_text() == "0.250"
        assert float(page.locator("#crowd-skill").inner_text()) > 0
        shoot(page, "scorecard-against-crowd-1280")
