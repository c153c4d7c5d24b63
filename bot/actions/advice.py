"""The advice in the conversation: after the confirmed profile, and follow-up questions.

Thin adapters: the knowledge base and the advice engine (bot.knowledge, bot.advice) do
the work; these actions read the tracker and send the messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import dialogue
from bot.actions.common import answer_to_offer, latest_entity, say, start_handoff
from bot.advice import AdviceProfile, advise, followup, render
from bot.advice.result import Advice
from bot.knowledge.catalog import Catalog, KnowledgeBase
from bot.knowledge.load import prepare
from bot.profile.form_logic import is_question

logger = logging.getLogger(__name__)

_knowledge: Optional[KnowledgeBase] = None
#: Under every follow-up answer: the way on.
NEXT_STEPS = [{"title": "Praat met een medewerker", "payload": "/human_handoff"}]
_lock = threading.Lock()


def knowledge() -> KnowledgeBase:
    """The process-wide knowledge base; migrates and loads the database on first use."""
    global _knowledge
    with _lock:
        if _knowledge is None:
            _knowledge = KnowledgeBase(prepare())
        return _knowledge


def _advise(slots: Dict[str, Any]) -> Tuple[Advice, Catalog]:
    catalog = knowledge().catalog()
    return advise(AdviceProfile.from_mapping(slots), catalog), catalog


async def compute(tracker: Tracker) -> Tuple[Advice, Catalog]:
    """Runs the engine (and its small database read) off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(None, _advise, dict(tracker.slots))


def _utter(dispatcher: CollectingDispatcher, key: str, message: Dict[str, Any]) -> None:
    dispatcher.utter_message(text=message["text"], buttons=message.get("buttons", []), **{dialogue.TEXT_KEY: key})


class ActionGeefAdvies(Action):
    """Gives the personal advice: short Dutch text plus the route_suggestions payload."""

    def name(self) -> Text:
        return "action_geef_advies"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        try:
            advice, _catalog = await compute(tracker)
        except Exception:  # the database is down or empty: say so, keep the conversation
            logger.exception("Advies maken mislukt")
            say(dispatcher, "advies_niet_beschikbaar")
            return []
        updated = bool(tracker.get_slot("advies_gegeven"))
        body = render.payload(advice)
        if updated and json.loads(json.dumps(body)) == tracker.get_slot("advies"):
            # A fact after the advice that changes nothing: say so once instead of sending the
            # same advice again as "new" (and again, for every such message).
            say(dispatcher, "advies_blijft")
            return []
        for message in render.messages(advice, updated=updated):
            _utter(dispatcher, "advies", message)
        dispatcher.utter_message(json_message=body)
        return [SlotSet("advies", body), SlotSet("advies_route", advice.route_ids[0]), SlotSet("advies_gegeven", True)]


class ActionAdviesVraag(Action):
    """Answers a question about the advice for the route under discussion."""

    def name(self) -> Text:
        return "action_advies_vraag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        message = tracker.latest_message.get("text") or ""
        if answer_to_offer(tracker) and followup.topic_of(message) == "meer":
            # "Ja, graag. Kan dat nog voor volgende week?"; but "ja, en wat kost dat?" is
            # answered first (under the answer the offer comes back).
            return start_handoff(dispatcher, tracker)
        if not tracker.get_slot("advies_gegeven"):
            # A question about the advice before there is one ("wat kost dat?") is kept.
            say(dispatcher, "advies_nog_niet_vraag" if is_question(message) else "advies_nog_niet")
            return []
        try:
            advice, catalog = await compute(tracker)
        except Exception:
            logger.exception("Advies maken mislukt")
            say(dispatcher, "advies_niet_beschikbaar")
            return []
        historic = followup.historic_of(message, catalog)
        if historic is not None:
            for answer in followup.historic_answer(historic):
                dispatcher.utter_message(text=answer, **{dialogue.TEXT_KEY: "advies_historisch"})
            return []
        topic = latest_entity(tracker, "advies_onderwerp")
        if topic not in followup.TOPICS:
            topic = followup.topic_of(message)
        route_id = followup.route_of(message, advice.route_ids, catalog)
        if route_id is None:
            current = tracker.get_slot("advies_route")
            route_id = current if current in catalog.routes else advice.route_ids[0]
        profile = AdviceProfile.from_mapping(dict(tracker.slots))
        answers = list(followup.answer(topic, route_id, profile, advice, catalog))
        for index, answer in enumerate(answers):
            # The last part carries the way on: more questions, or a person.
            last = index == len(answers) - 1
            text = f"{answer}\n\n{render.OFFER}" if last else answer
            buttons = NEXT_STEPS if last else []
            dispatcher.utter_message(text=text, buttons=buttons, **{dialogue.TEXT_KEY: f"advies_{topic}"})
        return [SlotSet("advies_route", route_id)]
