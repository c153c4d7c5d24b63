"""The offer of a person after the advice: a yes in any words starts the handoff, a no
rounds off, and a question beside the yes goes on the intaker's list."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import dialogue
from bot.actions import advice, clarification
from bot.actions.common import answer_to_offer
from bot.advice.render import OFFER
from bot.handoff import consent
from bot.handoff.summary import open_questions
from bot.knowledge.catalog import KnowledgeBase
from bot.knowledge.load import prepare


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ja graag", True),
        ("Ja, graag. Kan dat voor mijn tweede gesprek nog?", True),
        ("ja doe maar", True),
        ("graag ja, liefst via mail", True),
        ("Yes please", True),
        ("Sure, video call", True),
        ("oké", True),
        ("Dat hoeft eigenlijk niet... nou ja, doe maar wel", True),
        ("nee hoor", False),
        ("nee dank je, ik heb genoeg info", False),
        ("nou nee", False),
        ("wat kost dat?", None),
        ("ik heb ook nog bijles gegeven", None),
        ("", None),
    ],
)
def test_answer_to_the_offer_of_a_person(text, expected):
    assert consent.answer_to_offer(text) is expected


def _events(bot_keys: List[str], text: str, intent: str) -> List[Dict[str, Any]]:
    return [
        {"event": "user", "text": "ja, klopt", "parse_data": {"intent": {"name": "affirm"}}},
        *({"event": "bot", "text": "...", "metadata": {dialogue.TEXT_KEY: key}} for key in bot_keys),
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
    ]


def tracker(bot_keys: List[str], text: str, intent: str, advised: bool = True, loop: Optional[str] = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    slots = {"advies_gegeven": advised, "vooropleiding": "hbo-bachelor", "sector": "po", "provincie": "utrecht"}
    active = {"name": loop} if loop else {}
    return Tracker("t", slots, message, _events(bot_keys, text, intent), False, None, active, "action_listen")


async def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return dispatcher.messages, events


@pytest.mark.parametrize("keys", [["advies", "advies"], ["advies_kosten"], ["na_advies"], ["advies_blijft"]])
async def test_a_yes_after_the_offer_starts_the_handoff(keys):
    messages, events = await run(clarification.ActionGaVerder(), tracker(keys, "ja graag", "affirm"))
    assert messages == []
    assert events == [{"event": "followup", "name": "overdracht_form", "timestamp": None}]


async def test_a_yes_to_the_offer_after_misses_starts_the_handoff_before_the_advice():
    t = tracker(["verduidelijk", "aanbod_medewerker"], "ja", "affirm", advised=False)
    _, events = await run(clarification.ActionGaVerder(), t)
    assert events[0]["name"] == "overdracht_form"


async def test_a_no_after_the_offer_rounds_off_and_keeps_the_way_open():
    messages, events = await run(clarification.ActionGaVerder(), tracker(["advies"], "nee hoor", "deny"))
    assert [m[dialogue.TEXT_KEY] for m in messages] == ["na_advies_afronding"] and events == []
    assert any(b["payload"] == "/human_handoff" for b in messages[0]["buttons"])


async def test_a_yes_without_an_offer_gets_the_offer_as_a_question():
    messages, events = await run(clarification.ActionGaVerder(), tracker(["advies_historisch"], "ja", "affirm"))
    assert [m[dialogue.TEXT_KEY] for m in messages] == ["na_advies"] and events == []
    assert messages[0]["text"].endswith("?") and "medewerker" in messages[0]["text"]


async def test_in_a_form_a_yes_answers_the_form():
    assert answer_to_offer(tracker(["advies"], "ja", "affirm", loop="profiel_form")) is None


async def test_a_yes_with_a_question_starts_the_handoff_and_keeps_the_question(tmp_path, monkeypatch):
    monkeypatch.setattr(advice, "_knowledge", KnowledgeBase(prepare(f"sqlite:///{tmp_path / 'app.db'}")))
    text = "Ja, graag. Kan dat voor mijn tweede gesprek nog?"
    t = tracker(["advies"], text, "advies_vraag")
    messages, events = await run(advice.ActionAdviesVraag(), t)
    assert [m[dialogue.TEXT_KEY] for m in messages] == ["vraag_mee_naar_medewerker"]
    assert events[0]["name"] == "overdracht_form"
    bot = {"event": "bot", "text": messages[0]["text"], "metadata": {dialogue.TEXT_KEY: messages[0][dialogue.TEXT_KEY]}}
    assert open_questions([*t.events, bot]) == [text]


async def test_an_english_yes_to_the_offer_starts_the_handoff():
    t = tracker(["advies"], "Yes please", "other_language")
    _, events = await run(clarification.ActionAndereTaal(), t)
    assert events[0]["name"] == "overdracht_form"


async def test_the_advice_and_every_answer_about_it_end_with_the_offer(tmp_path, monkeypatch):
    monkeypatch.setattr(advice, "_knowledge", KnowledgeBase(prepare(f"sqlite:///{tmp_path / 'app.db'}")))
    slots = {
        "vooropleiding": "hbo-bachelor",
        "sector": "po",
        "baan_op_school": "ja",
        "provincie": "overijssel",
        "diploma_buitenland": False,
        "advies_gegeven": True,
    }
    dispatcher = CollectingDispatcher()
    await advice.ActionGeefAdvies().run(
        dispatcher, Tracker("t", {**slots, "advies_gegeven": False}, {}, [], False, None, {}, "action_listen"), {}
    )
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert texts[-1].endswith(OFFER)
    dispatcher = CollectingDispatcher()
    message = {"text": "wat kost dat?", "intent": {"name": "advies_vraag"}, "entities": []}
    await advice.ActionAdviesVraag().run(
        dispatcher, Tracker("t", slots, message, [], False, None, {}, "action_listen"), {}
    )
    assert dispatcher.messages[-1]["text"].endswith(OFFER)


async def test_a_yes_with_a_question_about_the_route_gets_the_answer_first(tmp_path, monkeypatch):
    monkeypatch.setattr(advice, "_knowledge", KnowledgeBase(prepare(f"sqlite:///{tmp_path / 'app.db'}")))
    t = tracker(["advies"], "ja, en wat kost dat?", "advies_vraag")
    messages, events = await run(advice.ActionAdviesVraag(), t)
    assert not any(e.get("event") == "followup" for e in events)
    assert messages[-1]["text"].endswith(OFFER)


async def test_a_first_message_the_bot_cannot_place_gets_a_welcome_not_a_sorry():
    text = "hoi ik twijfel of ik juf wil worden, waar moet ik beginnen"
    message = {"text": text, "intent": {"name": "nlu_fallback"}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    first = Tracker("t", {}, message, events, False, None, {}, "action_listen")
    messages, _ = await run(clarification.ActionVerduidelijk(), first)
    assert [m[dialogue.TEXT_KEY] for m in messages] == ["verduidelijk_begin"]
    assert "Sorry" not in messages[0]["text"] and "vragen" in messages[0]["text"]
    later = Tracker("t", {}, message, [*events, *events], False, None, {}, "action_listen")
    messages, _ = await run(clarification.ActionVerduidelijk(), later)
    assert [m[dialogue.TEXT_KEY] for m in messages][0] == "verduidelijk"
