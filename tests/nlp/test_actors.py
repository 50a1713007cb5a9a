"""onrecord_actors: who is mentioned, resolved to one actor each, on sentences of our own and on the seed."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from onrecord.nlp.context import actors_in


def run(nlp, text, authors=()):
    doc = nlp.make_doc(text)
    doc._.onrecord_context = {"doc_id": "t", "published": None, "title": None, "authors": list(authors)}
    return nlp(doc)


def by_id(doc):
    return {a["id"]: a for a in doc._.onrecord_actors}


def mention_texts(doc, actor):
    return [doc.text[s:e] for s, e in actor["mentions"]]


@pytest.mark.parametrize("text, actor_id, country, sector, role", [
    ("U.S. Secretary of Defense Lloyd Austin landed in Warsaw on Monday.", "lloyd-austin", "USA", "military",
     "Secretary of Defense"),
    ("Yesterday the head of the U.S. State Department Antony Blinken flew home.", "antony-blinken", "USA",
     "government", "head of the U.S. State Department"),
    ("Chairman of the Joint Chiefs of Staff Mark Milley spoke to reporters.", "mark-milley", "USA", "military",
     "Chairman of the Joint Chiefs of Staff"),
    ("Ukrainian President Volodymyr Zelensky addressed the parliament.", "volodymyr-zelensky", "UKR", "government",
     "President"),
    ("Finnish Defence Minister Pekka Korhonen visited the border.", "pekka-korhonen", "FIN", "military",
     "Defence Minister"),
    ("Brazil's Foreign Minister Carla Mendes criticized the plan.", "carla-mendes", "BRA", "government",
     "Foreign Minister"),
])
def test_actors_read_name_country_sector_and_role_from_a_title(nlp, text, actor_id, country, sector, role):
    actor = by_id(run(nlp, text))[actor_id]
    assert (actor["kind"], actor["country"], actor["sector"]) == ("person", country, sector)
    assert role in actor["roles"]


@pytest.mark.parametrize("text, actor_id, country, role", [
    ("Jan Kowalczyk, Poland's deputy foreign minister, declined to comment.", "jan-kowalczyk", "POL",
     "Poland's deputy foreign minister"),
    ("Kenya's trade minister, Ruth Wanjiku, signed the deal.", "ruth-wanjiku", "KEN", "Kenya's trade minister"),
])
def test_actors_read_roles_from_appositions(nlp, text, actor_id, country, role):
    actor = by_id(run(nlp, text))[actor_id]
    assert actor["country"] == country and role in actor["roles"]


@pytest.mark.parametrize("text, mention, actor_id", [
    ("The Americans hesitated for weeks before sending tanks.", "The Americans", "united-states"),
    ("Many Chinese remember the treaty differently.", "Chinese", "china"),
    ("The Germans and the French disagreed on the budget.", "the French", "france"),
    ("What is happening suits Beijing perfectly.", "Beijing", "china"),
    ("Moscow denied any involvement in the attack.", "Moscow", "russia"),
    ("The Kremlin denied the report on Tuesday.", "The Kremlin", "russia"),
    ("The West has finally stated its goals.", "The West", "the-west"),
    ("The free world will not accept this.", "The free world", "the-west"),
    ("NATO leaders gathered in Vilnius.", "NATO", "nato"),
    ("The U.S. ambassador left the room.", "U.S.", "united-states"),
    ("Officials in the European Union were divided.", "the European Union", "european-union"),
    # names the tokenizer cuts inside: a possessive, a hyphen
    ("The Democratic People's Republic of Korea fired a missile.", "The Democratic People's Republic of Korea",
     "north-korea"),
    ("Troops from Guinea-Bissau joined the mission.", "Guinea-Bissau", "guinea-bissau"),
])
def test_actors_resolve_demonyms_capitals_blocs_and_organizations(nlp, text, mention, actor_id):
    actor = by_id(run(nlp, text))[actor_id]
    assert mention in mention_texts(run(nlp, text), actor)


@pytest.mark.parametrize("text, not_a_mention", [
    ("Russian troops crossed the river at dawn.", "Russian"),  # an adjective is not the state
    ("The summit took place in Kyiv last spring.", "Kyiv"),  # a capital as a place
    ("Shipping in the South China Sea slowed down.", "China"),  # part of a longer place name
    ("He grew up in the West Bank.", "West"),
])
def test_actors_skip_adjectives_places_and_parts_of_place_names(nlp, text, not_a_mention):
    doc = run(nlp, text)
    assert not_a_mention not in [doc.text[m["start"]:m["end"]] for m in doc._.onrecord_mentions]


@pytest.mark.parametrize("text, actor_id, mentions", [
    ("Defense Minister Rustam Khalilov arrived late. Khalilov said the talks had failed.", "rustam-khalilov",
     ["Rustam Khalilov", "Khalilov"]),
    ("Hillary Clinton arrived in Ohio. Hillary said the money was clean.", "hillary-clinton",
     ["Hillary Clinton", "Hillary"]),
])
def test_actors_join_a_short_name_to_the_full_name_in_the_same_document(nlp, text, actor_id, mentions):
    doc = run(nlp, text)
    assert mention_texts(doc, by_id(doc)[actor_id]) == mentions


@pytest.mark.parametrize("text, actor_id, name", [
    ("Sergei Lavrov's remarks angered Israel.", "sergei-lavrov", "Sergei Lavrov"),
    ("The board regretted Daniel Okafor's sudden departure.", "daniel-okafor", "Daniel Okafor"),
])
def test_actors_keep_possessives_out_of_names(nlp, text, actor_id, name):
    doc = run(nlp, text)
    actor = by_id(doc)[actor_id]
    assert actor["name"] == name and all("'s" not in m for m in mention_texts(doc, actor))


@pytest.mark.parametrize("text, mention, actor_id, kind, country", [
    ("The Russian authorities banned the rally.", "The Russian authorities", "kremlin-elite", "group", "RUS"),
    ("Powerful people in the Kremlin are losing patience.", "Powerful people in the Kremlin", "kremlin-elite",
     "group", "RUS"),
    ("The Chinese authorities closed the port.", "The Chinese authorities", "chinese-authorities", "group", "CHN"),
    ("Retired generals warned against the invasion.", "Retired generals", "retired-generals", "group", None),
    ("Russian soldiers left the village.", "Russian soldiers", "russian-soldiers", "group", "RUS"),
    ("Defense ministers of the seven largest economies in the world met in Bonn.",
     "Defense ministers of the seven largest economies", "defense-ministers-of-the-seven-largest-economies",
     "group", None),
])
def test_actors_find_collective_groups_the_text_makes_explicit(nlp, text, mention, actor_id, kind, country):
    doc = run(nlp, text)
    actor = by_id(doc)[actor_id]
    assert (actor["kind"], actor["country"]) == (kind, country)
    assert mention in mention_texts(doc, actor)


@pytest.mark.parametrize("text, actor_id, sector", [
    ("The people's deputies voted against the budget.", "peoples-deputies", "legislature"),
    ("Retired generals warned against the invasion.", "retired-generals", "military"),
])
def test_collective_groups_get_the_sector_of_their_noun(nlp, text, actor_id, sector):
    assert by_id(run(nlp, text))[actor_id]["sector"] == sector


@pytest.mark.parametrize("byline", ["Volodymyr Zelenskyj", "Volodymyr Zelenskij", "Volodimir Zelensky"])
def test_a_byline_in_another_romanization_is_the_same_actor_as_the_lexicon_person(nlp, byline):
    """None of these spellings is an alias in persons.tsv; the name key finds the person anyway."""
    doc = run(nlp, f"Address to the nation\n\n{byline}\n\nWe will win. Zelensky thanked the allies.",
              authors=[{"name": byline, "role": None}])
    actor = by_id(doc)["volodymyr-zelensky"]
    assert actor["rule"] == "author" and actor["name"] == "Volodymyr Zelensky"


def test_actors_include_the_author_with_the_byline_role(nlp):
    doc = run(nlp, "Why the talks failed\n\nMaria Lindqvist\n\nSwedish historian\n\nThe talks failed.",
              authors=[{"name": "Maria Lindqvist", "role": "Swedish historian"}])
    actor = by_id(doc)["maria-lindqvist"]
    assert (actor["kind"], actor["country"], actor["roles"], actor["rule"]) == (
        "person", "SWE", ["Swedish historian"], "author")
    assert mention_texts(doc, actor) == ["Maria Lindqvist"]


def test_actors_in_returns_the_actors_of_a_character_range_in_order(nlp):
    text = "Moscow warned NATO. Then Israel spoke."
    doc = run(nlp, text)
    assert actors_in(doc, 0, text.index(".") + 1) == ["russia", "nato"]
    assert actors_in(doc, text.index("Then"), len(text)) == ["israel"]


def test_actors_write_plain_values_and_sorted_mentions(nlp):
    doc = run(nlp, "Moscow and Washington traded accusations while Beijing watched.")
    starts = [m["start"] for m in doc._.onrecord_mentions]
    assert starts == sorted(starts)
    assert [m["rule"].split(":")[0] for m in doc._.onrecord_mentions] == ["metonym"] * 3
    for actor in doc._.onrecord_actors:
        assert set(actor) >= {"id", "name", "kind", "country", "sector", "roles", "aliases", "mentions", "rule"}
        assert all(isinstance(pair, list) and len(pair) == 2 for pair in actor["mentions"])
        assert re.fullmatch(r"[a-z0-9-]+", actor["id"])


def test_actors_read_a_user_lexicon_file(tmp_path, nlp):
    import spacy

    from onrecord.nlp.pipeline import MODEL

    path = tmp_path / "mine.tsv"
    path.write_text("# my actors\nname\tkind\tcountry\tsector\taliases\n"
                    "Zorbania\tstate\tZRB\t\tZorbanian Republic\n", encoding="utf-8")
    extra = spacy.load(MODEL)
    extra.add_pipe("onrecord_actors", config={"extra_lexicons": [str(path)]})
    doc = extra("The Zorbanian Republic closed its embassy.")
    assert [(a["id"], a["country"]) for a in doc._.onrecord_actors] == [("zorbania", "ZRB")]
    extra.to_disk(tmp_path / "saved")  # the user's rows travel with a saved pipeline
    path.unlink()
    reloaded = spacy.load(tmp_path / "saved")
    assert [a["id"] for a in reloaded("Zorbania said no.")._.onrecord_actors] == ["zorbania"]


def test_actors_never_raise_on_odd_text(nlp):
    for text in ["", "   \n\n", "'s 's 's", "The the the of of", "U.S. U.S. U.S.", "\u200b" * 5]:
        doc = run(nlp, text, authors=[{"name": "", "role": None}])
        assert isinstance(doc._.onrecord_actors, list)


def test_actors_find_at_least_15_gold_actors_of_the_seed(seed_analysis, shared):
    """The seed's reference actors, matched as seedcheck does: by canonical name, alias or mention text."""
    gold = yaml.safe_load((shared / "gold" / "seed.yaml").read_text(encoding="utf-8"))["actors"]

    def norm(s):
        return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()

    found = []
    for g in gold:
        for a in seed_analysis.actors:
            names = {norm(a.name), *map(norm, a.aliases), *(norm(m.text) for m in a.mentions)}
            if norm(g["name"]) in names and a.kind == g["kind"] and (not g.get("country") or a.country == g["country"]):
                found.append(g["name"])
                break
    assert len(found) >= 15, sorted({g["name"] for g in gold} - set(found))


def test_actors_read_files_named_in_the_environment(tmp_path, monkeypatch, nlp):
    from onrecord.nlp.actors import ActorRecognizer

    path = tmp_path / "env.tsv"
    path.write_text("Quorvian Guard\torganization\tQRV\tmilitary\tthe Guard of Quorvia\n", encoding="utf-8")
    monkeypatch.setenv("ONRECORD_ACTORS", str(path))
    component = ActorRecognizer(nlp)
    doc = component(nlp("Officers of the Quorvian Guard refused to march."))
    actor = by_id(doc)["quorvian-guard"]
    assert (actor["kind"], actor["country"], actor["sector"]) == ("organization", "QRV", "military")


WORDS = ["Putin", "the", "Americans", "Moscow", "'s", "U.S.", "Secretary", "of", "Defense", "General", "NATO", "West",
         "retired", "generals", "in", "Kremlin", ",", ".", "\n", "Lloyd", "Austin", "said", "Chinese", "authorities"]


@given(st.lists(st.sampled_from(WORDS), max_size=40))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_actors_mentions_stay_inside_the_text_for_any_word_salad(nlp, words):
    doc = run(nlp, " ".join(words), authors=[{"name": "Lloyd Austin", "role": "U.S. general"}])
    mentions = doc._.onrecord_mentions
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    assert all(0 <= m["start"] < m["end"] <= len(doc.text) for m in mentions)
    ids = {a["id"] for a in doc._.onrecord_actors}
    assert {m["actor"] for m in mentions} <= ids and not doc._.onrecord_warnings


def test_actors_take_an_org_named_like_a_person_seen_alone_for_that_person():
    from onrecord.nlp.actors.rules import Candidate
    from onrecord.nlp.actors import people_not_orgs

    org = Candidate(0, 2, "nikki-haley", "Nikki Haley", "organization", "ner-org:ORG")
    lone = Candidate(9, 10, "haley", "Haley", "person", "title", role="Ambassador")
    shop = Candidate(12, 14, "acme-trading", "Acme Trading", "organization", "ner-org:ORG")
    people_not_orgs([org, lone, shop])
    assert (org.kind, shop.kind) == ("person", "organization")
