"""Reading the profile back and recording the person's confirmation."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import dialogue
from bot.actions.advice import ActionGeefAdvies
from bot.actions.common import profile, say
from bot.profile.describe import read_back


class ActionLeesProfielVoor(Action):
    """Reads the whole profile back in plain Dutch and asks whether it is right.

    Read again after an answer to the read-back (a correction), it does not ask a third
    time: a "ja" beside the correction ("ja, 4 jaar dus. klopt") confirms, and after two
    read-backs without a yes the bot goes on with what it has, saying it can still change.
    Either way the advice follows in the same turn."""

    def name(self) -> Text:
        return "action_lees_profiel_voor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        answered = dialogue.read_backs_answered_in_a_row(tracker.events)
        confirmed = answered and dialogue.confirms_read_back(tracker.latest_message.get("text") or "")
        if confirmed or answered >= dialogue.MAX_READ_BACKS:
            say(dispatcher, "profiel_compleet" if confirmed else "profiel_aangenomen")
            events = [SlotSet("profiel_bevestigd", True)]
            tracker.add_slots(events)
            return events + await ActionGeefAdvies().run(dispatcher, tracker, domain)
        lines = read_back(profile(tracker), tracker.get_slot("overgeslagen") or [])
        say(dispatcher, dialogue.READ_BACK, profiel="\n".join(f"- {line}" for line in lines))
        return [SlotSet("profiel_bevestigd", False)]


class ActionProfielBevestigd(Action):
    """The person confirmed the profile."""

    def name(self) -> Text:
        return "action_profiel_bevestigd"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, "profiel_compleet")
        return [SlotSet("profiel_bevestigd", True)]
