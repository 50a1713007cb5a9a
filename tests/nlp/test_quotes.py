"""onrecord_quotes: direct, reported and mixed speech; speakers, cues, addressees; odd quotation marks."""
from __future__ import annotations

import pytest

from onrecord.nlp.quotes.marks import quoted_spans
from onrecord.nlp.quotes.speakers import resolve_actor


def quotes(nlp, text):
    doc = nlp(text)
    return doc, [{**q, "content_text": text[q["content"][0]:q["content"][1]],
                  "cue_text": text[q["cue"][0]:q["cue"][1]] if q["cue"] else None} for q in doc._.onrecord_quotes]


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("“We will not retreat,” the minister said.", "the minister", "said", "“We will not retreat,”"),
    ('The mayor replied: "The bridge stays closed until spring."', "The mayor", "replied",
     '"The bridge stays closed until spring."'),
    ("The envoy said: «Talks will resume next week in Geneva.»", "The envoy", "said",
     "«Talks will resume next week in Geneva.»"),
    ("„We have enough grain for the winter“, the farmer insisted.", "the farmer", "insisted",
     "„We have enough grain for the winter“"),
])
def test_quotes_read_direct_speech_with_any_quotation_marks(nlp, text, speaker, cue, content):
    _, found = quotes(nlp, text)
    assert [(q["kind"], q["speaker_text"], q["cue_text"], q["content_text"]) for q in found] == \
        [("direct", speaker, cue, content)]


@pytest.mark.parametrize("text", [
    "The general said: “We are ready to hold the line for as long as it takes.\n\nThe rest of the day was quiet.",
    "Nobody knew what ” meant in the telegram, the clerk said.",
    '"""',
])
def test_quotes_survive_unbalanced_marks_with_a_warning(nlp, text):
    doc, _ = quotes(nlp, text)
    assert any(w["code"] == "W102" for w in doc._.onrecord_warnings or [])


def test_quotes_close_an_unbalanced_quote_at_the_paragraph_end(nlp):
    text = "The general said: “We are ready to hold the line for as long as it takes.\n\nThe rest of the day was quiet."
    _, found = quotes(nlp, text)
    assert found[0]["content_text"] == "“We are ready to hold the line for as long as it takes."
    assert found[0]["speaker_text"] == "The general"


def test_quote_running_over_paragraphs_is_not_unbalanced():
    text = "“The first part ends here.\n\n“And the second part ends here.”"
    spans, broken = quoted_spans(text)
    assert broken == 0 and len(spans) == 2


@pytest.mark.parametrize("text, speaker, cue, addressee, content", [
    ("The senator warned the president that the deal would collapse.", "The senator", "warned",
     "the president", "that the deal would collapse"),
    ("Anna Berg met the ambassador and told him that the border would stay open.", "Anna Berg", "told",
     "him", "that the border would stay open"),
    ("The admiral made it clear to his counterpart that the fleet would stay in port.", "The admiral",
     "made it clear", "his counterpart", "that the fleet would stay in port"),
    ("The farmers' union argued that prices had fallen too far.", "The farmers' union", "argued", None,
     "that prices had fallen too far"),
])
def test_quotes_read_reported_speech_from_the_parse(nlp, text, speaker, cue, addressee, content):
    _, found = quotes(nlp, text)
    assert [(q["kind"], q["speaker_text"], q["cue_text"], q["addressee_text"], q["content_text"]) for q in found] == \
        [("indirect", speaker, cue, addressee, content)]


def test_quote_split_by_its_attribution_is_one_statement(nlp):
    text = "“We will not sign,” the delegate said. “Not this year, and not under pressure.”"
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["content_text"]) for q in found] == [("the delegate", text[text.index("“"):])]


def test_quotes_read_according_to(nlp):
    _, found = quotes(nlp, "According to the ministry, the convoy reached the city at dawn.")
    assert [(q["speaker_text"], q["cue_text"], q["content_text"]) for q in found] == \
        [("the ministry", "According to", "the convoy reached the city at dawn")]


def test_reported_clause_holding_a_short_quote_is_mixed(nlp):
    _, found = quotes(nlp, 'The minister said the plan was "dead on arrival" and would be dropped.')
    assert [q["kind"] for q in found] == ["mixed"]
    assert found[0]["content_text"].startswith("the plan was")


@pytest.mark.parametrize("text", [
    "I think the war will end before the winter.",
    'The so-called "peace plan" was rejected.',
    "When asked about the budget, the governor smiled.",
])
def test_quotes_skip_hedges_scare_quotes_and_questions_put_to_someone(nlp, text):
    _, found = quotes(nlp, text)
    assert found == []


def test_pronoun_speaker_resolves_to_the_last_person_not_the_subject(nlp):
    text = "Maria Stone called Ivan Petrov and told him that the talks were over."
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names:
        if name in {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}:
            doc = nlp.get_pipe(name)(doc)
    doc._.onrecord_actors = [{"id": "maria-stone", "kind": "person"}, {"id": "ivan-petrov", "kind": "person"}]
    doc._.onrecord_mentions = [{"start": 0, "end": 11, "actor": "maria-stone"},
                               {"start": 19, "end": 30, "actor": "ivan-petrov"}]
    him = doc[[t.text for t in doc].index("him"):][:1]
    assert resolve_actor(doc, him, exclude="maria-stone") == "ivan-petrov"
    assert resolve_actor(doc, doc[0:2]) == "maria-stone"


def test_quotes_pipeline_contract_has_no_problems(nlp):
    assert not nlp.analyze_pipes()["problems"].get("onrecord_quotes")


def test_quotes_on_the_seed(seed_analysis):
    actors = {a.id: a.name for a in seed_analysis.actors}
    found = {(q.kind, q.speaker, q.addressee) for q in seed_analysis.quotes}
    by_name = {(k, actors.get(s, s), actors.get(a, a)) for k, s, a in found}
    assert ("direct", "Lloyd Austin", None) in by_name
    assert any(k == "indirect" and s == "Mark Milley" and a == "Valery Gerasimov" for k, s, a in by_name)
    assert any(k == "indirect" and a == "Vladimir Putin" and "general" in (s or "").lower() for k, s, a in by_name)


from hypothesis import given, settings, strategies as st  # noqa: E402

PIECES = st.lists(st.sampled_from(['"', "“", "”", "«", "»", "„", "\n\n", " said ", "He", " told him that ",
                                   "the plan", " failed", ".", ",", ": ", "Anna Berg", " because ", "'"]), max_size=30)


@given(PIECES)
def test_quote_marks_never_fail_and_stay_in_bounds(pieces):
    text = "".join(pieces)
    spans, broken = quoted_spans(text)
    assert broken >= 0
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=25, deadline=None)
@given(PIECES)
def test_quotes_and_causal_spans_stay_inside_any_text(nlp, pieces):
    text = "".join(pieces)
    doc = nlp(text)
    for item in (doc._.onrecord_quotes or []) + (doc._.onrecord_causal or []):
        for key in ("content", "cue", "cause", "effect"):
            if item.get(key):
                start, end = item[key]
                assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("The governor vowed to rebuild the flooded bridge.", "The governor", "vowed", "to rebuild the flooded bridge"),
    ("The union wants to renegotiate the whole contract.", "The union", "wants", "to renegotiate the whole contract"),
    ("The party leader opposed the new pension reform.", "The party leader", "opposed", "the new pension reform"),
    ("Her warning that the dam could fail went unheeded.", "Her", "warning", "that the dam could fail"),
    ("Their disdain for the new curfew grew.", "Their", "disdain", "the new curfew"),
    ("The senator called the new tariff an utter disaster.", "The senator", "called",
     "the new tariff an utter disaster"),
    ("The council called for cutting the water fees.", "The council", "called", "cutting the water fees"),
])
def test_quotes_read_intentions_stances_and_noun_cues_as_attributions(nlp, text, speaker, cue, content):
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["cue_text"], q["content_text"]) for q in found] == [(speaker, cue, content)]


def test_quote_cut_by_its_attribution_stays_one_item_when_the_second_part_is_short(nlp):
    text = "“The water is rising,” the ranger said, pointing at the river. “Move now.”"
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["content_text"]) for q in found] == [("the ranger", text)]


def test_reported_clause_keeps_a_subjectless_conjunct(nlp):
    text = "The farmers said they liked the new plan, but could not afford the fees."
    _, found = quotes(nlp, text)
    assert [q["content_text"] for q in found if not q["within"]] == \
        ["they liked the new plan, but could not afford the fees"]


def test_stance_noun_without_a_holder_is_no_attribution(nlp):
    _, found = quotes(nlp, "There was some disdain for the new curfew.")
    assert found == []


def test_attribution_inside_reported_content_is_marked_as_nested(nlp):
    _, found = quotes(nlp, "The mayor said the council plans to raise the parking fees.")
    outer = [q for q in found if q["within"] is None]
    assert [(q["speaker_text"], q["content_text"]) for q in outer] == \
        [("The mayor", "the council plans to raise the parking fees")]
    assert [q["within"] for q in found if q not in outer] == [outer[0]["id"]]


def test_doubled_apostrophes_are_quotation_marks():
    text = "''We will win the league,'' the coach said. ''Nobody doubts it.''"
    spans, broken = quoted_spans(text)
    assert [text[s:e] for s, e in spans] == ["''We will win the league,''", "''Nobody doubts it.''"]
    assert broken == 0


@pytest.mark.parametrize("text, content", [
    ("The senator called the new tariff “a complete disaster.”", "the new tariff “a complete disaster.”"),
    ("The coach tweeted that the referee was “blind as a bat.”", "that the referee was “blind as a bat.”"),
    ("The minister dismissed the plan, saying it was “a fantasy.”", "it was “a fantasy.”"),
])
def test_reported_clause_around_a_quote_is_one_mixed_item_to_the_closing_mark(nlp, text, content):
    _, found = quotes(nlp, text)
    assert (("mixed", content) in [(q["kind"], q["content_text"]) for q in found])
    assert not [q for q in found if q["kind"] == "direct"]


@pytest.mark.parametrize("text, speaker, content, rule", [
    ("Rivera: Talks Will Resume Next Week\n\nThe talks stalled in May.", "Rivera", "Talks Will Resume Next Week",
     "label-headline"),
    ('"MODERATOR: Let us begin with the economy tonight."', "MODERATOR",
     "Let us begin with the economy tonight.", "label-transcript"),
])
def test_speaker_labels_attribute_the_rest_of_the_line(nlp, text, speaker, content, rule):
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["content_text"], q["rule"]) for q in found] == [(speaker, content, rule)]


def test_headings_and_notes_are_no_speaker_labels(nlp):
    _, found = quotes(nlp, "Update: The coastal road has reopened after the storm.")
    assert not [q for q in found if q["rule"].startswith("label")]


def test_quote_running_over_paragraphs_is_one_item(nlp):
    text = "The coach said: “We will stay here all season.\n\n“And we will fight for every point in every game.”"
    _, found = quotes(nlp, text)
    assert [q["content_text"] for q in found] == [text[text.index("“"):]]


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("The vote is expected to slip into next year.", None, "expected", "The vote is expected to slip into next year"),
    ("The proposal was rejected by the city council.", "the city council", "rejected", "The proposal"),
    ("The governor urged residents to leave the coast.", "The governor", "urged", "residents to leave the coast"),
    ("The union blamed the company for the long delays.", "The union", "blamed",
     "the company for the long delays"),
    ("The ministry did not respond to requests for comment.", "The ministry", "respond", "to requests for comment"),
])
def test_quotes_read_passives_objects_with_complements_and_prepositional_contents(nlp, text, speaker, cue, content):
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["cue_text"], q["content_text"]) for q in found] == [(speaker, cue, content)]


def test_participle_after_a_report_keeps_its_own_content(nlp):
    text = "The minister mocked the report, saying it was full of errors."
    _, found = quotes(nlp, text)
    assert sorted((q["cue_text"], q["content_text"]) for q in found) == \
        [("mocked", "the report"), ("saying", "it was full of errors")]


def test_dash_signature_names_the_speaker_of_a_quote(nlp):
    text = "“We will rebuild the school before winter comes.” ― Ana Ruiz.\n\nThe town voted in March."
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["rule"]) for q in found] == [("Ana Ruiz", "direct-signed")]


def test_paragraph_opened_with_a_closing_mark_is_a_quote():
    text = "”We will rebuild the school before winter comes.” ― Ana Ruiz."
    spans, broken = quoted_spans(text)
    assert [text[s:e] for s, e in spans] == ["”We will rebuild the school before winter comes.”"] and broken == 0


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Many farmers are worried about the new water rules.", "Many farmers", "worried", "the new water rules"),
    ("The mayor was determined to finish the tunnel.", "The mayor", "determined", "to finish the tunnel"),
    ("The mayor's plan to close the bridge drew protests.", "The mayor's", "plan", "to close the bridge"),
])
def test_quotes_read_attitude_adjectives_and_nouns_of_intention(nlp, text, speaker, cue, content):
    _, found = quotes(nlp, text)
    assert [(q["speaker_text"], q["cue_text"], q["content_text"]) for q in found] == [(speaker, cue, content)]


def test_short_title_case_quote_is_a_title_not_a_quote(nlp):
    _, found = quotes(nlp, 'The senator appeared on "Meet the Press" on Sunday.')
    assert found == []


@pytest.mark.parametrize("text", [
    "Nobody knows who wrote the leaflet.",
    "No one said the bridge would reopen.",
])
def test_no_one_reported_is_no_quote(nlp, text):
    _, found = quotes(nlp, text)
    assert found == []
