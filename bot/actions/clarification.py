"""What the bot says when it did not understand a message."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import dialogue
from bot.actions.common import answer_to_offer, latest_entity, say, start_handoff
from bot.nlu_entities import INPUT_KIND
from bot.profile.form_logic import answers, is_question, says_dont_know


class ActionVerduidelijk(Action):
    """Asks the person to rephrase; after repeated misses offers a human."""

    def name(self) -> Text:
        return "action_verduidelijk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        kind = latest_entity(tracker, INPUT_KIND)
        if not kind and dialogue.noted_this_turn(tracker.events):
            return []
        if not kind and answer_to_offer(tracker):  # "nou ja, doe maar wel"
            return start_handoff(dispatcher, tracker)
        if not kind and tracker.active_loop.get("name") and is_question(tracker.latest_message.get("text") or ""):
            return []  # the form passes the question on to the intaker and asks again
        if not kind and tracker.active_loop.get("name") and says_dont_know(tracker.latest_message.get("text") or ""):
            return []  # "idk": the form takes it as "weet ik niet"
        if kind:
            say(dispatcher, f"invoer_{kind}")
        elif tracker.active_loop.get("name"):
            say(dispatcher, "verduidelijk_vraag")
        elif all(intent == "greet" for intent, _ in dialogue.user_turns(tracker.events)[:-1]):
            # the first message, in words the bot cannot place ("hoi ik twijfel of ik juf wil worden,
            # waar moet ik beginnen"): a welcome, and the questions start; no "sorry"
            say(dispatcher, "verduidelijk_begin")
            return []
        else:
            say(dispatcher, "verduidelijk")
        previous = dialogue.trailing_misses(dialogue.user_turns(tracker.events)[:-1])
        if dialogue.offer_human(previous + 1):
            say(dispatcher, "aanbod_medewerker")
        return []


class ActionAndereTaal(Action):
    """A message in another language: asks for Dutch, unless the bot could already take
    facts from it (a Dutch story with an English greeting) or it answers the question
    asked ("master degree, university in Krakow"): the form then takes the answer."""

    def name(self) -> Text:
        return "action_andere_taal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot("requested_slot") if tracker.active_loop.get("name") == "profiel_form" else None
        text = tracker.latest_message.get("text") or ""
        if answer_to_offer(tracker):  # "Yes please" to the offer of a person
            return start_handoff(dispatcher, tracker)
        if requested and answers(requested, text, tracker.get_slot("vooropleiding_hint")):
            return []
        if not dialogue.noted_this_turn(tracker.events):
            say(dispatcher, "andere_taal")
        return []


class ActionRestart(Action):
    """Starts the conversation over: says so and forgets everything."""

    def name(self) -> Text:
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, "restart")
        return [Restarted()]


class ActionGaVerder(Action):
    """ "ja", "oké", "ga door" without an open question: a yes to the offer of a person
    starts the handoff; otherwise, before the advice the intake goes on with its next
    question (the profile form), and after it the bot says what the person can do next."""

    def name(self) -> Text:
        return "action_ga_verder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        accepted = answer_to_offer(tracker)
        if accepted:
            return start_handoff(dispatcher, tracker)
        if tracker.get_slot("advies_gegeven"):
            if accepted is False or dialogue.last_bot_response(tracker.events) == "na_advies":
                # Asked already: no second time the same question, but a way to round off.
                say(dispatcher, "na_advies_afronding")
            else:
                say(dispatcher, "na_advies")
            return []
        dispatcher.utter_message(response="utter_oke_verder")
        return [FollowupAction("profiel_form")]


class ActionAanbodNaAdvies(Action):
    """After a side answer that follows the advice (an FAQ, "ben je een bot?"): the way on,
    more questions or a person, so the conversation never stops at the answer."""

    def name(self) -> Text:
        return "action_aanbod_na_advies"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, "na_advies")
        return []
