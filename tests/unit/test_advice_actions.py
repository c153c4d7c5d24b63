"""The advice actions with tracker fixtures: what they send and which slots they set."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import advice as actions
from bot.knowledge.catalog import KnowledgeBase
from bot.knowledge.load import prepare

ZWOLLE = {
    "vooropleiding": "hbo-bachelor",
    "studierichting": "bedrijfskunde",
    "sector": "po",
    "baan_op_school": "ja",
    "provincie": "overijssel",
    "diploma_buitenland": False,
    "leeftijd": 38,
}


@pytest.fixture(autouse=True)
def knowledge(tmp_path, monkeypatch):
    monkeypatch.setattr(actions, "_knowledge", KnowledgeBase(prepare(f"sqlite:///{tmp_path / 'app.db'}")))


def tracker(slots: Dict[str, Any], text: str = "", entities=None, intent: Optional[str] = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent or "advies_vraag"}, "entities": entities or []}
    return Tracker("t", slots, message, [], False, None, {}, "action_listen")


async def run(action, slots, text="", entities=None):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(slots, text, entities), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_advice_sends_text_then_payload_and_remembers_it():
    messages, slots = await run(actions.ActionGeefAdvies(), ZWOLLE)
    assert messages[0]["text"].startswith("Dit is mijn advies voor jou:")
    assert messages[-1]["custom"]["type"] == "route_suggestions"
    assert messages[-1]["custom"]["routes"][0]["id"] == "zib-po"
    assert slots == {"advies": messages[-1]["custom"], "advies_route": "zib-po", "advies_gegeven": True}
    assert messages[-2]["buttons"][-1] == {"title": "Praat met een medewerker", "payload": "/human_handoff"}


async def test_second_advice_says_it_changed():
    messages, _ = await run(actions.ActionGeefAdvies(), {**ZWOLLE, "sector": "mbo", "advies_gegeven": True})
    assert messages[0]["text"].startswith("Ik heb je advies aangepast.")
    assert messages[-1]["custom"]["routes"][0]["id"] in {"pdg-mbo", "zib-mbo"}


async def test_a_fact_that_changes_nothing_does_not_send_the_same_advice_again():
    import json

    first, slots = await run(actions.ActionGeefAdvies(), ZWOLLE)
    stored = json.loads(json.dumps(slots["advies"]))  # as the tracker keeps it
    again, events = await run(actions.ActionGeefAdvies(), {**ZWOLLE, "advies": stored, "advies_gegeven": True})
    assert len(again) == 1 and not events
    assert "blijft hetzelfde" in again[0]["text"] and "?" in again[0]["text"]
    assert [b["payload"] for b in again[0]["buttons"]] == ["/human_handoff"]
    # A fact that does change it: the new advice, as before.
    changed, events = await run(
        actions.ActionGeefAdvies(), {**ZWOLLE, "sector": "mbo", "advies": stored, "advies_gegeven": True}
    )
    assert changed[0]["text"].startswith("Ik heb je advies aangepast.") and events["advies"] != stored


async def test_advice_without_knowledge_base_says_so_and_keeps_the_conversation(monkeypatch):
    def broken():
        raise LookupError("De kennisbank is leeg.")

    monkeypatch.setattr(actions, "knowledge", broken)
    messages, slots = await run(actions.ActionGeefAdvies(), ZWOLLE)
    assert messages[0]["text"].startswith("Sorry, het lukt me nu niet om je advies te maken.")
    assert slots == {}


@pytest.mark.parametrize(
    "question, topic, expected",
    [
        ("waarom?", "waarom", "Waarom Zij-instroom"),
        ("wat kost dat?", "kosten", "De school betaalt"),
        ("hoe lang duurt het", "duur", "Maximaal 2 jaar."),
        ("kan dat in deeltijd", "deeltijd", "je werkt en leert tegelijk"),
        ("welke opleidingen zijn er in mijn buurt?", "buurt", "Hogeschool Windesheim (Zwolle)"),
        ("en als ik geen baan op een school heb?", "zonder_baan", "Verkorte pabo"),
        ("heb je een link?", "bron", "https://"),
        ("wat moet ik nu doen?", "stappen", "Vraag een VOG aan"),
    ],
)
async def test_follow_up_topics(question, topic, expected):
    messages, slots = await run(actions.ActionAdviesVraag(), {**ZWOLLE, "advies_gegeven": True}, question)
    assert expected in messages[0]["text"]
    assert messages[0]["tekst"] == f"advies_{topic}"
    assert slots == {"advies_route": "zib-po"}


async def test_button_topic_wins_over_the_words():
    messages, _ = await run(
        actions.ActionAdviesVraag(),
        {**ZWOLLE, "advies_gegeven": True},
        '/advies_vraag{"advies_onderwerp":"kosten"}',
        [{"entity": "advies_onderwerp", "value": "kosten"}],
    )
    assert messages[0]["tekst"] == "advies_kosten"


async def test_route_under_discussion_is_kept():
    slots = {**ZWOLLE, "advies_gegeven": True}
    _, set_slots = await run(actions.ActionAdviesVraag(), slots, "vertel meer over de tweede optie")
    assert set_slots == {"advies_route": "pabo-verkort"}
    messages, _ = await run(actions.ActionAdviesVraag(), {**slots, **set_slots}, "hoe lang duurt die?")
    assert "2 tot 2,5 jaar" in messages[0]["text"]


async def test_a_route_outside_the_advice_says_what_is_missing():
    messages, _ = await run(
        actions.ActionAdviesVraag(),
        {**ZWOLLE, "baan_op_school": "nee", "advies_gegeven": True},
        "waarom niet zij-instroom basisonderwijs?",
    )
    assert "past nu niet bij je" in messages[0]["text"] and "een school die je wil aannemen" in messages[0]["text"]


async def test_historical_scheme_is_explained_not_suggested():
    messages, _ = await run(actions.ActionAdviesVraag(), {**ZWOLLE, "advies_gegeven": True}, "en eerst de klas?")
    assert "bestaat niet meer" in messages[0]["text"]


async def test_question_before_any_advice():
    messages, slots = await run(actions.ActionAdviesVraag(), {"vooropleiding": "havo"}, "wat kost dat?")
    assert messages[0]["text"].startswith("Ik heb nog geen advies voor je gemaakt.")
    assert slots == {}


async def test_what_if_question_does_not_change_the_profile():
    from bot.actions.profile_form import ValidateSlotMappings

    events = [
        {"event": "slot", "name": "baan_op_school", "value": "ja"},
        {"event": "user", "text": "en als ik geen baan op een school heb?"},
        {"event": "slot", "name": "baan_op_school", "value": "nee"},
    ]
    message = {
        "text": "en als ik geen baan op een school heb?",
        "intent": {"name": "advies_vraag"},
        "entities": [{"entity": "baan_op_school", "value": "nee"}],
    }
    state = Tracker(
        "t",
        {**ZWOLLE, "baan_op_school": "nee", "advies_gegeven": True},
        message,
        events,
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    result = await ValidateSlotMappings().run(dispatcher, state, {"slots": {"baan_op_school": {}}})
    assert {"event": "slot", "timestamp": None, "name": "baan_op_school", "value": "ja"} in result
    assert dispatcher.messages == []


async def test_an_answer_during_the_form_taken_for_a_question_about_the_advice_is_kept():
    from bot.actions.profile_form import ValidateSlotMappings

    text = "ja ze bieden me een contract aan van 0,6"
    events = [{"event": "user", "text": text}, {"event": "slot", "name": "baan_op_school", "value": text}]
    message = {"text": text, "intent": {"name": "advies_vraag"}, "entities": []}
    state = Tracker(
        "t",
        {"baan_op_school": text, "requested_slot": "baan_op_school"},
        message,
        events,
        False,
        None,
        {"name": "profiel_form"},
        "action_listen",
    )
    result = await ValidateSlotMappings().run(CollectingDispatcher(), state, {"slots": {"baan_op_school": {}}})
    assert result == []  # the form's own validation reads the answer
