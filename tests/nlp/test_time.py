"""onrecord_time: TIMEX3 values relative to the publication date, tense, durations, horizons, offsets."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from onrecord.nlp.time.parse import read, split_range

PUBLISHED = "2022-05-02"  # a Monday


def times(nlp, text, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.onrecord_context = {"doc_id": "t", "published": published, "title": None, "authors": []}
    return nlp(doc)._.onrecord_times


def only(nlp, text, phrase, published=PUBLISHED):
    found = [t for t in times(nlp, text, published) if phrase.lower() in t["text"].lower()]
    assert len(found) == 1, (text, times(nlp, text, published))
    return found[0]


@pytest.mark.parametrize("text, phrase, type_, value", [
    ("The ministers met on April 24 in the capital.", "April 24", "DATE", "2022-04-24"),
    ("The summit will take place on February 24.", "February 24", "DATE", "2023-02-24"),
    ("We are told the attack will come on April 24.", "April 24", "DATE", "2022-04-24"),
    ("The envoy arrived on Friday.", "Friday", "DATE", "2022-04-29"),
    ("The vote will be held on Sunday.", "Sunday", "DATE", "2022-05-08"),
    ("The talks stalled last week.", "last week", "DATE", "2022-W17"),
    ("Shelling went on throughout the last week.", "the last week", "DATE", "2022-W17"),
    ("Grain prices rose sharply last year.", "last year", "DATE", "2021"),
    ("The port reopened two years ago.", "two years ago", "DATE", "2020"),
    ("The treaty was signed in May 2010.", "May 2010", "DATE", "2010-05"),
    ("The region was annexed in the 19th century.", "the 19th century", "DATE", "18"),
    ("The 1990s were a hard decade for the fleet.", "1990s", "DATE", "199"),
    ("He has ruled the province for 15 years.", "15 years", "DURATION", "P15Y"),
    ("During these two months the army regrouped.", "these two months", "DURATION", "P2M"),
    ("In recent days the river flooded twice.", "recent days", "DURATION", "PXD"),
    ("The strike lasted almost seven years.", "seven years", "DURATION", "P7Y"),
    ("The runner finished the course in 2:41:07.", "2:41:07", "DURATION", "PT2H41M7S"),
    ("Now the coalition has to choose.", "Now", "DATE", "PRESENT_REF"),
    ("In the past, the council met in secret.", "the past", "DATE", "PAST_REF"),
    ("The market opens every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The committee reports annually to parliament.", "annually", "SET", "P1Y"),
    ("The ferry left on Friday afternoon.", "Friday afternoon", "TIME", "2022-04-29TAF"),
    ("Exports fell in the first quarter.", "first quarter", "DATE", "2022-Q1"),
    ("Profits rose in the second half of 2021.", "the second half of 2021", "DATE", "2021-H2"),
])
def test_time_reads_timex3_values_relative_to_publication(nlp, text, phrase, type_, value):
    item = only(nlp, text, phrase)
    assert (item["type"], item["value"]) == (type_, value)


@pytest.mark.parametrize("text, tense, value", [
    ("April 24", "past", "2022-04-24"),
    ("March 1", "future", "2023-03-01"),
    ("April 24", "future", "2022-04-24"),  # a week before publication: the text was written before it
    ("May 20", "past", "2022-05-20"),
    ("June", "past", "2021-06"),
    ("June", "future", "2022-06"),
    ("June", "none", "2022-06"),
    ("Friday", "past", "2022-04-29"),
    ("Friday", "future", "2022-05-06"),
    ("the autumn", "future", "2022-FA"),
    ("autumn", "past", "2021-FA"),
    ("this autumn", "none", "2022-FA"),
    ("the spring", "past", "2022-SP"),  # begun before publication
])
def test_undated_months_and_weekdays_follow_the_tense(text, tense, value):
    assert read(text, date(2022, 5, 2), tense)["value"] == value


@pytest.mark.parametrize("published, value, earliest", [
    (PUBLISHED, "2022-05-16", "2022-05-16"),
    (None, "FUTURE_REF", None),
])
def test_in_two_weeks_is_publication_plus_fourteen_days(nlp, published, value, earliest):
    item = only(nlp, "These successes will sharply increase in two weeks.", "two weeks", published)
    assert item["text"] == "in two weeks"
    assert (item["value"], item["earliest"], item["latest"]) == (value, earliest, earliest)
    assert item["relative_days"] == [14, 14] and item["horizon"] is True and item["open"] is False


@pytest.mark.parametrize("text, phrase, expected", [
    ("The deal will be signed by the end of the year.", "the end of the year",
     {"earliest": "2022-05-02", "latest": "2022-12-31", "horizon": True, "open": False}),
    ("Talks will resume next month.", "next month",
     {"value": "2022-06", "earliest": "2022-06-01", "latest": "2022-06-30", "horizon": True}),
    ("A decision is expected soon.", "soon",
     {"value": "FUTURE_REF", "earliest": "2022-05-02", "latest": None, "horizon": True, "open": True}),
    ("After the war, they will rebuild the bridges.", "after the war",
     {"horizon": True, "open": True, "condition": "the war ends", "latest": None}),
    ("After the elections, the new cabinet will cut taxes.", "after the elections",
     {"horizon": True, "open": True, "condition": "the elections take place"}),
    ("Later this year, elections will be held.", "Later this year",
     {"value": "2022", "earliest": "2022-05-02", "latest": "2022-12-31", "horizon": True}),
    ("In the long run, the reform will pay off.", "In the long run",
     {"value": "FUTURE_REF", "horizon": True, "open": True}),
    ("The army will withdraw within a month.", "a month",
     {"type": "DURATION", "value": "P1M", "earliest": "2022-05-02", "latest": "2022-06-02", "horizon": True}),
])
def test_horizons_point_past_publication(nlp, text, phrase, expected):
    item = only(nlp, text, phrase)
    assert {k: item[k] for k in expected} == expected


def test_after_the_end_of_an_event_names_the_event(nlp):
    item = only(nlp, "After the end of the war, the country will have to pay.", "after the end of the war")
    assert item["condition"] == "the war ends"


def test_users_add_events_and_time_words_with_files(nlp, tmp_path):
    from onrecord.nlp.time import TimeTagger
    from onrecord.nlp.time.parse import fixed_words, read_cached

    (tmp_path / "conditions.tsv").write_text("# ours\nfestival\t{np} is over\n", encoding="utf-8")
    (tmp_path / "words.tsv").write_text("# ours\nin the fullness of time\tDATE\tFUTURE_REF\tyes\n", encoding="utf-8")
    saved = dict(fixed_words())
    try:
        tagger = TimeTagger(nlp, conditions_path=str(tmp_path / "conditions.tsv"),
                            words_path=str(tmp_path / "words.tsv"))
        doc = nlp.make_doc("After the festival, prices will fall in the fullness of time.")
        doc._.onrecord_context = {"published": PUBLISHED}
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        found = {t["text"]: t for t in tagger(doc)._.onrecord_times}
        assert found["After the festival"]["condition"] == "the festival is over"
        assert found["in the fullness of time"]["value"] == "FUTURE_REF"
    finally:
        fixed_words().clear()
        fixed_words().update(saved)
        read_cached.cache_clear()


def test_after_the_war_in_a_past_clause_is_no_horizon(nlp):
    assert not [t for t in times(nlp, "After the war, he moved to the coast.") if t["rule"] == "after_event"]


@pytest.mark.parametrize("text, phrase, low, high", [
    ("The talks stalled last week.", "last week", -13, -1),
    ("Talks will resume next month.", "next month", 1, 61),
    ("The deal will be signed by the end of the year.", "the end of the year", 0, 364),
    ("These successes will sharply increase in two weeks.", "two weeks", 14, 14),
])
def test_without_publication_date_relative_times_keep_day_offsets(nlp, text, phrase, low, high):
    item = only(nlp, text, phrase, published=None)
    assert item["earliest"] is None and item["latest"] is None
    assert low <= item["relative_days"][0] <= item["relative_days"][1] <= high


def test_without_publication_date_absolute_dates_keep_their_day(nlp):
    item = only(nlp, "The ministers met on April 24 in the capital.", "April 24", published=None)
    assert (item["value"], item["relative_days"]) == ("XXXX-04-24", None)


@pytest.mark.parametrize("text", [
    "Raymond Vale, 48, of Harbour Town, was charged.",
    "He was found by his 22-year-old son.",
    "The vaccine is for children ages 6 months and older.",
    "The 1953 team was honoured at the club.",
])
def test_ages_and_classifying_years_are_not_times(nlp, text):
    assert times(nlp, text) == []


@pytest.mark.parametrize("text, parts", [
    ("2009-2010", ["2009", "2010"]),
    ("1957-58", ["1957", "1958"]),
    ("between 12 and 18 months", ["12 months", "18 months"]),
    ("March 3-5", ["March 3", "March 5"]),
    ("the 1990s", None),
])
def test_ranges_split_into_both_ends(text, parts):
    found = split_range(text)
    assert (found and [p for _, _, p in found]) == parts


def test_range_ends_are_separate_items(nlp):
    items = times(nlp, "The drought of 2009-2010 emptied the reservoirs.")
    assert [(t["text"], t["value"]) for t in items] == [("2009", "2009"), ("2010", "2010")]


@pytest.mark.parametrize("text", ["", "\x00\x01\x02", "-- -- --", "2022-13-45", "On the 99th of Smarch.", "ago ago"])
def test_odd_text_gives_no_times_and_no_error(nlp, text):
    doc = nlp.make_doc(text)
    doc._.onrecord_context = {"published": "not a date"}
    nlp(doc)
    assert isinstance(doc._.onrecord_times, list)


PHRASES = ["last week", "in two weeks", "April 24", "15 years", "soon", "2009-2010", "next month", "Friday",
           "after the war", "now", "the 19th century", "every Monday", "by the end of the year", "48"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4), st.sampled_from([PUBLISHED, None]))
def test_every_time_span_is_its_text(nlp, phrases, published):
    text = "They said that " + ", and ".join(f"{p} it will change" for p in phrases) + "."
    for item in times(nlp, text, published):
        assert text[item["start"]:item["end"]] == item["text"]
        assert item["type"] in ("DATE", "TIME", "DURATION", "SET") and item["value"] and item["rule"]


def test_time_component_declares_its_contract(nlp):
    assert nlp.analyze_pipes()["problems"].get("onrecord_time", []) == []


WORDS = ["April", "29", "February", "last", "next", "in", "by", "the", "end", "of", "year", "2021", "-", "weeks",
         "two", "ago", "Friday", "night", "every", "12:30", "pm", "mid", "1990s", "century", "21st", "quarter"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
       st.sampled_from([date(2022, 5, 2), date(2024, 2, 29), date(2021, 12, 31), None]),
       st.sampled_from(["past", "future", "none"]))
def test_reading_any_phrase_never_raises(words, anchor, tense):
    item = read(" ".join(words), anchor, tense)
    assert item is None or (item["value"] and item["type"] in ("DATE", "TIME", "DURATION", "SET"))


def test_a_failure_inside_the_component_becomes_a_warning(nlp, monkeypatch):
    import onrecord.nlp.time as time_module

    def broken(*args):
        raise ValueError("broken rule")
    monkeypatch.setattr(time_module, "_trim", broken)
    doc = nlp.make_doc("The envoy arrived on Friday.")
    doc._.onrecord_context = {"published": PUBLISHED}
    doc = nlp(doc)
    assert doc._.onrecord_times == []
    assert "W130" in [w["code"] for w in doc._.onrecord_warnings]


def test_before_the_end_of_a_period_ends_with_it():
    item = read("before the end of the year", date(2022, 5, 2), "none")
    assert (item["earliest"], item["latest"], item["horizon"]) == ("2022-05-02", "2022-12-31", True)


def test_a_deadline_in_a_present_tense_verdict_is_a_horizon_with_the_timeml_span(nlp):
    (item,) = times(nlp, "A settlement by the end of the year is unlikely.")
    assert (item["text"], item["horizon"], item["earliest"], item["latest"]) == \
        ("the end of the year", True, PUBLISHED, "2022-12-31")
