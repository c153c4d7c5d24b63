"""The NLU components that wrap the extractor and the input check."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import InputGuard, ProfileEntityExtractor


def _entities(text):
    message = Message({"text": text})
    ProfileEntityExtractor.create({}, None, None, None).process([message])
    return message.get("entities") or []


def test_entities_carry_canonical_values_and_point_at_the_words():
    text = "Ik heb HBO bedrijfskunde en woon in Zwolle"
    found = {e["entity"]: e for e in _entities(text)}
    assert found["vooropleiding"]["value"] == "hbo-bachelor"
    assert text[found["vooropleiding"]["start"] : found["vooropleiding"]["end"]] == "HBO"
    assert found["provincie"]["value"] == "overijssel"
    assert text[found["provincie"]["start"] : found["provincie"]["end"]] == "Zwolle"
    assert all(e["extractor"] == "ProfileEntityExtractor" for e in found.values())


def test_unclear_level_and_bare_number_get_helper_entities():
    assert {"entity": "vooropleiding_onduidelijk", "value": "master"}.items() <= _entities("ik heb een master")[
        -1
    ].items()
    assert _entities("12")[-1]["entity"] == "getal" and _entities("12")[-1]["value"] == 12


@pytest.mark.parametrize(
    "text, intent, kind",
    [
        ("😀", "nlu_fallback", "geen_woorden"),
        ("", "nlu_fallback", "leeg"),
        ("123456782", "nlu_fallback", "persoonlijk_nummer"),
        ("hello, can you help me please", "other_language", "engels"),
    ],
)
def test_input_guard_overrides_the_intent(text, intent, kind):
    message = Message({"text": text})
    message.set("intent", {"name": "greet", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "greet", "confidence": 0.9}])
    InputGuard.create({}, None, None, None).process([message])
    assert message.get("intent") == {"name": intent, "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == intent
    assert any(e["entity"] == "invoer_soort" and e["value"] == kind for e in message.get("entities"))


def test_input_guard_leaves_ordinary_messages_alone():
    message = Message({"text": "ik heb hbo"})
    message.set("intent", {"name": "inform", "confidence": 0.9})
    InputGuard.create({}, None, None, None).process([message])
    assert message.get("intent")["name"] == "inform"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ja ze willen me aannemen als het mag", "affirm"),
        ("ik wil graag een gesprek met een medewerker", "human_handoff"),
    ],
)
def test_a_handoff_needs_a_word_that_can_ask_for_a_person(text, intent):
    message = Message({"text": text})
    ranking = [{"name": "human_handoff", "confidence": 0.6}, {"name": "affirm", "confidence": 0.3}]
    message.set("intent", dict(ranking[0]))
    message.set("intent_ranking", ranking)
    InputGuard.create({}, None, None, None).process([message])
    assert message.get("intent")["name"] == intent


@pytest.mark.parametrize("text, intent", [("Noa Verhulst", "inform"), ("nee laat maar", "deny")])
def test_a_denial_needs_a_word_that_says_no(text, intent):
    # "Noa Verhulst" as the name for the handoff was read as "nee" and ended the handoff
    message = Message({"text": text})
    ranking = [{"name": "deny", "confidence": 0.6}, {"name": "inform", "confidence": 0.3}]
    message.set("intent", dict(ranking[0]))
    message.set("intent_ranking", ranking)
    InputGuard.create({}, None, None, None).process([message])
    assert message.get("intent")["name"] == intent


def test_a_handoff_set_aside_leaves_an_unsure_next_intent_to_the_fallback():
    """ "liefst een videogesprek" (the answer about contact) once scored human_handoff first and
    restart second at 0.15: the guard set the handoff aside after the fallback had run, and the
    conversation restarted. The guard runs before the fallback, which sees the next intent."""
    from pathlib import Path

    import yaml
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    pipeline = [c["name"] for c in yaml.safe_load((Path(__file__).parents[2] / "config.yml").read_text())["pipeline"]]
    guard, fallback = pipeline.index("bot.nlu.components.InputGuard"), pipeline.index("FallbackClassifier")
    assert guard < fallback
    message = Message({"text": "liefst een videogesprek"})
    ranking = [
        {"name": "human_handoff", "confidence": 0.5},
        {"name": "restart", "confidence": 0.15},
        {"name": "inform", "confidence": 0.1},
    ]
    message.set("intent", dict(ranking[0]))
    message.set("intent_ranking", ranking)
    InputGuard.create({}, None, None, None).process([message])
    FallbackClassifier({"threshold": 0.35, "ambiguity_threshold": 0.03}).process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_a_fact_inferred_without_its_own_words_is_an_entity_of_the_whole_message():
    text = "Master econometrie, EUR. Is dat genoeg of moet het echt wiskunde zijn?"
    found = {e["entity"]: e for e in _entities(text)}
    assert found["vooropleiding"]["value"] == "wo-master"
    assert (found["vooropleiding"]["start"], found["vooropleiding"]["end"]) == (0, len(text))
    assert found["studierichting"]["value"] == "econometrie"
