"""onrecord_events: PLOVER types from the lexicons, participants, negation, modality, reporter, date, place."""
from __future__ import annotations

import pytest

from onrecord.nlp.events.lexicon import LEXICON_DIR, PLOVER_TYPES, trigger_rows

PUBLISHED = "2022-05-02"


def events(nlp, text, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.onrecord_context = {"doc_id": "t", "published": published, "title": None, "authors": []}
    return nlp(doc)._.onrecord_events


def event(nlp, text, type_):
    found = [e for e in events(nlp, text) if e["type"] == type_]
    assert found, (text, events(nlp, text))
    return found[0]


def names(e, side):
    return " | ".join(e[f"{side}_text"])


def test_every_plover_type_has_a_lexicon_file_with_a_cited_source():
    assert {r.type for r in trigger_rows()} == set(PLOVER_TYPES)
    for path in LEXICON_DIR.glob("*.tsv"):
        header = path.read_text(encoding="utf-8")[:600]
        assert "PLOVER" in header and "CC BY-SA" in header, path


@pytest.mark.parametrize("text, type_", [
    ("Norway agreed to supply fuel to Poland.", "AGREE"),
    ("The Kenyan president met the Somali prime minister in Nairobi.", "CONSULT"),
    ("Brazil praised Argentina for its handling of the crisis.", "SUPPORT"),
    ("Chile and Peru will cooperate on border policing, the ministers announced.", "AGREE"),
    ("Finland and Sweden formed a defence alliance last year.", "COOPERATE"),
    ("Japan sent humanitarian aid to Turkey after the earthquake.", "AID"),
    ("The junta capitulated to the protesters' demands.", "CONCEDE"),
    ("Rwanda withdrew its troops from Congo.", "RETREAT"),
    ("Germany urged Serbia to recognize Kosovo.", "REQUEST"),
    ("Ukraine accused Russia of shelling the power plant.", "ACCUSE"),
    ("Hungary rejected the European Commission's proposal.", "REJECT"),
    ("Turkey threatened to expel the Dutch ambassador.", "THREATEN"),
    ("Thousands of students protested in Tehran on Sunday.", "PROTEST"),
    ("Hundreds of farmers protested in Poland, Warsaw radio said.", "PROTEST"),
    ("Armenia deployed troops along the border with Azerbaijan.", "MOBILIZE"),
    ("Canada imposed sanctions on Belarus.", "SANCTION"),
    ("Egyptian police arrested three Sudanese journalists.", "COERCE"),
    ("Russian jets bombed a market in Idlib.", "ASSAULT"),
])
def test_events_are_coded_with_the_plover_type_of_their_trigger(nlp, text, type_):
    assert event(nlp, text, type_)


def test_verbal_events_take_subject_as_source_and_object_as_target(nlp):
    e = event(nlp, "Ukraine accused Russia of shelling the power plant.", "ACCUSE")
    assert "Ukraine" in names(e, "source") and "Russia" in names(e, "target")
    assert not [x for x in events(nlp, "Ukraine accused Russia of shelling the power plant.") if x["type"] == "ASSAULT"]


def test_passive_voice_swaps_source_and_target(nlp):
    e = event(nlp, "Kenyan soldiers were attacked by Houthi rebels.", "ASSAULT")
    assert "Houthi rebels" in names(e, "source") and "Kenyan soldiers" in names(e, "target")


@pytest.mark.parametrize("text, type_, source, targets", [
    ("Macron's meeting with Scholz and Sanchez in Paris was short.", "CONSULT", "Macron", ["Scholz", "Sanchez"]),
    ("The Iranian invasion of Kuwait never happened.", "ASSAULT", "Iranian", ["Kuwait"]),
    ("A meeting of NATO defence ministers in Brussels ended without a deal.", "CONSULT", "NATO defence ministers", []),
])
def test_nominal_events_find_possessor_adjective_and_prepositional_participants(nlp, text, type_, source, targets):
    e = event(nlp, text, type_)
    assert source in names(e, "source")
    for t in targets:
        assert t in names(e, "target")


def test_a_meeting_in_a_named_place_has_that_location(nlp):
    assert event(nlp, "Macron's meeting with Scholz in Brussels lasted two hours.", "CONSULT")["location"] == "Brussels"


@pytest.mark.parametrize("text, type_, polarity, modality", [
    ("India is not going to rush to the aid of Nepal.", "AID", "negated", "future"),
    ("Spain did not send weapons to Morocco.", "AID", "negated", "actual"),
    ("Spain sent weapons to Morocco.", "AID", "asserted", "actual"),
    ("If Serbia attacks Kosovo, the alliance would respond.", "ASSAULT", "asserted", "hypothetical"),
    ("Vietnam might deploy ships to the reef.", "MOBILIZE", "asserted", "hypothetical"),
    ("Peru will meet Bolivia in La Paz.", "CONSULT", "asserted", "future"),
    ("The ministers did not attend the summit in Lima.", "CONSULT", "negated", "actual"),
    ("The delegates argued that the rules were not fair at the summit in Lima.", "CONSULT", "asserted", "actual"),
])
def test_polarity_and_modality_come_from_negation_auxiliaries_and_conditions(nlp, text, type_, polarity, modality):
    e = event(nlp, text, type_)
    assert (e["polarity"], e["modality"]) == (polarity, modality)


def test_a_reported_future_attack_is_the_speakers_hypothetical_threat(nlp):
    text = "General Okafor phoned Colonel Diallo to tell his commander that they will strike the rebel bases."
    e = event(nlp, text, "THREATEN")
    assert e["modality"] == "hypothetical" and "Okafor" in names(e, "source") and e["rule"].startswith("intent:ASSAULT")


def test_a_reported_refusal_is_coded_reject(nlp):
    e = event(nlp, "Poland said it will not accept the migrants.", "REJECT")
    assert e["rule"].startswith("refusal") and e["polarity"] == "asserted"


def test_reported_past_events_name_who_reports_them(nlp):
    e = event(nlp, "Officials said that Sudanese soldiers killed four villagers.", "ASSAULT")
    assert e["modality"] == "reported" and e["reported_by_text"] == "Officials"


@pytest.mark.parametrize("text, type_", [
    ("Israel lifted the curfew in Hebron.", "CONCEDE"),
    ("Washington suspended military aid to Egypt.", "SANCTION"),
    ("Police prevented the demonstration in Minsk.", "COERCE"),
    ("Greece and Turkey failed to reach an agreement on the islands.", "REJECT"),
])
def test_acts_that_undo_or_prevent_an_event_are_coded_as_their_own_type(nlp, text, type_):
    assert event(nlp, text, type_)


def test_an_event_is_dated_by_the_time_expression_of_its_clause(nlp):
    e = event(nlp, "The Kenyan president met the Somali prime minister in Nairobi on April 24.", "CONSULT")
    assert e["date"] and e["date"]["start"] == "2022-04-24" and e["date"]["precision"] == "day"


def test_text_without_actors_gives_no_events_and_spans_match_the_text(nlp):
    assert events(nlp, "The weather was cold and the soup was warm.") == []
    text = "Russian jets bombed a market in Idlib, and Turkey condemned the attack."
    doc = nlp(text)
    for e in doc._.onrecord_events:
        assert text[e["trigger"][0]:e["trigger"][1]] and e["sentence"][0] <= e["trigger"][0] < e["trigger"][1]


def test_odd_text_never_raises(nlp):
    for text in ["", "   ", "...!!!", "attack " * 200, "“"]:
        assert isinstance(events(nlp, text), list)


def test_seed_events_have_type_source_negation_modality_and_date(seed_analysis):
    a = seed_analysis.to_dict()
    actors = {x["id"]: x["name"] for x in a["actors"]}

    def get(type_, word):
        hits = [e for e in a["events"] if e["type"] == type_ and word in e["sentence"]["text"]]
        assert hits, (type_, word, [(e["type"], e["trigger"]["text"]) for e in a["events"]])
        return hits[0]

    kyiv = get("CONSULT", "Zelensky")
    assert kyiv["date"]["start"] == "2022-04-24" and kyiv["location"] == "Kyiv"
    assert "Zelensky" in " ".join(actors.get(i, i) for i in kyiv["source"])
    assert get("AID", "China")["polarity"] == "negated"
    assert get("THREATEN", "retaliate")["modality"] == "hypothetical"
    assert "Milley" in " ".join(actors.get(i, i) for i in get("THREATEN", "retaliate")["source"])


@pytest.mark.parametrize("text, type_, source, target", [
    ("Norway said that Denmark must return the fishing boats.", "REQUEST", "Norway", "Denmark"),
    ("Chad claimed that Libyan troops had attacked its border posts.", "ACCUSE", "Chad", "Libyan troops"),
    ("Mali said Algerian soldiers had fired at it.", "ACCUSE", "Mali", "Algerian soldiers"),
    ("Bolivia wants to help Paraguay.", "AGREE", "Bolivia", "Paraguay"),
    ("Kurdish fighters received weapons from the Iraqi government.", "AID", "the Iraqi government", "Kurdish fighters"),
    ("Iran threatened to deliver heavy blows to Iraq.", "THREATEN", "Iran", "Iraq"),
])
def test_speech_intent_and_giving_rules_set_type_and_direction(nlp, text, type_, source, target):
    e = event(nlp, text, type_)
    assert source in names(e, "source") and target in names(e, "target")


def test_compound_subjects_of_a_meeting_are_each_others_partners_and_the_place_hosts(nlp):
    e = event(nlp, "Ghana, Togo and Benin met in Accra.", "CONSULT")
    assert e["reciprocal"] and "Togo" in names(e, "source")
    assert e["target_text"] == [*e["source_text"], "Accra"] and e["location"] == "Accra"
    e = event(nlp, "Chile and Peru will meet in Geneva next week.", "CONSULT")
    assert {"CHL", "PER", "CHE"} <= set(e["target_countries"])


def test_a_visit_is_reciprocal_because_the_place_hosts_the_visitor(nlp):
    e = event(nlp, "The Kenyan foreign minister paid a visit to Uganda on Monday.", "CONSULT")
    assert e["mode"] == "visit" and e["reciprocal"] and "Uganda" in names(e, "target")


def test_a_passive_conjunct_takes_its_by_phrase_as_source(nlp):
    e = event(nlp, "The farmers arrested for the riot were freed on Friday by the Malian president.", "RETREAT")
    assert "president" in names(e, "source") and e["source_countries"] == ["MLI"]


@pytest.mark.parametrize("text, type_, source, target", [
    ("Canada advised against travel to Haiti after the riots.", "SANCTION", "Canada", "Haiti"),
    ("Lithuania presented evidence against Belarus at the hearing.", "ACCUSE", "Lithuania", "Belarus"),
    ("Farmers received assurances from the Indian government.", "AGREE", "the Indian government", "Farmers"),
    ("The Omani sultan received a delegation from Yemen.", "CONSULT", "The Omani sultan", "a delegation"),
])
def test_cameo_phrases_for_travel_warnings_evidence_assurances_and_hosting(nlp, text, type_, source, target):
    e = event(nlp, text, type_)
    assert source in names(e, "source") and target in names(e, "target"), e


@pytest.mark.parametrize("text, type_, target_country", [
    ("Moroccan police seized rifles from Algerian smugglers.", "COERCE", "DZA"),
    ("Lebanon condemned the killings by Syrian troops.", "ACCUSE", "SYR"),
    ("Students marched in Tunis in defiance of Libyan officials.", "PROTEST", "LBY"),
    ("Kenya vetoed an African Union resolution on the fighting in Sudan.", "REJECT", None),
])
def test_targets_from_seizure_sources_perpetrators_defiance_and_a_modifier_owner(nlp, text, type_, target_country):
    e = event(nlp, text, type_)
    assert (e["target_countries"] == [target_country]) if target_country else ("SDN" not in e["target_countries"]), e


def test_a_wire_dateline_is_no_participant_and_names_no_country(nlp):
    text = "BAMAKO, Mali: Three farmers were wounded by Burkinabe soldiers on Monday, officials said."
    e = event(nlp, text, "ASSAULT")
    assert "BAMAKO" not in names(e, "source") + names(e, "target")
    from onrecord.nlp.events.countries import DATELINE
    assert DATELINE.sub("", "KABUL (Reuters) - Troops left.") == "Troops left."
    assert DATELINE.sub("", "NATO said: no.") == "NATO said: no."


def test_country_names_match_whole_historic_and_possessive_forms():
    from onrecord.nlp.events.countries import countries_in
    assert countries_in("the Democratic People's Republic of Korea") == ["PRK"]
    assert countries_in("Kampuchean guerrillas in Northern Ireland and Ceylon") == ["KHM", "GBR", "LKA"]
    assert countries_in("troops in South Sudan") == ["SSD"]


def test_a_person_in_an_international_office_acts_for_that_body():
    from onrecord.nlp.events.countries import acts_for_international_body, side_countries
    actors = {"un": {"kind": "organization", "sector": "international organization", "name": "United Nations",
                     "aliases": ["U.N."]},
              "x": {"kind": "person", "country": "ECU"}, "y": {"kind": "person", "country": "FRA"}}
    assert acts_for_international_body(["U.N. mediator Diego Perez"], actors)
    assert acts_for_international_body(["Ana Diaz, the United Nations relief coordinator"], actors)
    assert not acts_for_international_body(["the French envoy to the United Nations"], actors)
    assert side_countries(["x"], ["U.N. mediator Diego Perez"], actors)[1] is True
    assert side_countries(["y"], ["the French envoy to the U.N. Anne Roux"], actors) == (["FRA"], False)


def test_a_saved_pipeline_keeps_the_lexicon_files(nlp, tmp_path):
    import spacy

    from onrecord.nlp.events import EventCoder

    coder = nlp.get_pipe("onrecord_events")
    coder.to_disk(tmp_path / "events")
    assert sorted(p.name for p in (tmp_path / "events").glob("*.tsv")) == sorted(p.name for p in LEXICON_DIR.glob("*.tsv"))
    copy = EventCoder(spacy.blank("en")).from_disk(tmp_path / "events")
    assert [r.pattern for r in copy.rows] == [r.pattern for r in coder.rows]


def test_the_component_declares_what_it_needs_and_assigns(nlp):
    problems = nlp.analyze_pipes()["problems"]
    assert not problems.get("onrecord_events")


@pytest.mark.parametrize("text, type_, source, target", [
    ("Chilean officials accused the Peruvian government of fraud.", "ACCUSE", ["CHL"], ["PER"]),
    ("Rebels killed three soldiers near the town of Mosul on Friday.", "ASSAULT", ["IRQ"], ["IRQ"]),
    ("Police arrested dozens of students in Nairobi.", "COERCE", ["KEN"], ["KEN"]),
    ("Norway will send 300 tons of food aid to Yemen.", "AID", ["NOR"], ["YEM"]),
])
def test_participants_without_a_dictionary_country_take_one_from_their_words_or_the_place(nlp, text, type_, source,
                                                                                            target):
    e = event(nlp, text, type_)
    assert e["source_countries"] == source and e["target_countries"] == target


def test_country_lookup_prefers_the_longest_name_and_needs_a_capital():
    from onrecord.nlp.events.countries import countries_in
    assert countries_in("talks in North Korea with Kenyan envoys") == ["PRK", "KEN"]
    assert countries_in("a chad of paper") == []
    assert countries_in("an anti-Iran cleric and ethnic Kurds in Turkey") == ["TUR"]


def test_a_domestic_event_gives_both_sides_the_one_country_named():
    from onrecord.nlp.events.countries import code_countries
    text = "Police dispersed the protesters in Lagos."
    event = {"sentence": [0, len(text)], "location": "Lagos", "source": [], "target": [],
             "source_text": ["Police"], "target_text": ["the protesters"]}
    code_countries(event, text, {})
    assert event["source_countries"] == ["NGA"] and event["target_countries"] == ["NGA"]


def test_one_actor_named_with_two_nationalities_keeps_both_countries():
    from onrecord.nlp.events.countries import side_countries
    actors = {"x": {"id": "x", "kind": "group", "country": "CAN"}}
    assert side_countries(["x"], ["Canadian and Mexican farmers"], actors) == (["CAN", "MEX"], False)
