"""Reading the profile back and recording the person's confirmation."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import profile, say
from bot.profile.describe import read_back


class ActionLeesProfielVoor(Action):
    """Reads the whole profile back in plain Dutch and asks whether it is right."""

    def name(self) -> Text:
        return "action_lees_profiel_voor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        lines = read_back(profile(tracker), tracker.get_slot("overgeslagen") or [])
        say(dispatcher, "profiel_voorlezen", profiel="\n".join(f"- {line}" for line in lines))
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
