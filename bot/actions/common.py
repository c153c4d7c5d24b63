"""Helpers shared by the actions: reading the tracker, sending responses."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from bot import dialogue, texts
from bot.advice.followup import TOPICS
from bot.handoff import consent
from bot.profile import values
from bot.profile.form_logic import is_question

#: Texts that end with the offer of a person ("Wil je je advies met een medewerker
#: bespreken?"): the person's next message may be the answer, whatever its intent.
PERSON_OFFERS = frozenset(
    {"advies", "na_advies", "advies_blijft", "aanbod_medewerker", *(f"advies_{topic}" for topic in TOPICS)}
)


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, entity: str) -> Optional[Any]:
    for item in tracker.latest_message.get("entities") or []:
        if item.get("entity") == entity:
            return item.get("value")
    return None


def profile(tracker: Tracker) -> Dict[str, Any]:
    return values.profile_from(tracker.slots)


def say(dispatcher: CollectingDispatcher, key: str, **values_: Any) -> None:
    """Sends text ``key`` of bot/texts.py; the key travels along in the metadata."""
    message = texts.render(key, **values_)
    dispatcher.utter_message(text=message["text"], buttons=message.get("buttons", []), **{dialogue.TEXT_KEY: key})


def send(dispatcher: CollectingDispatcher, responses: Iterable[Tuple[str, Dict[str, Any]]]) -> None:
    for key, values_ in responses:
        say(dispatcher, key, **values_)


def faq_response(tracker: Tracker) -> Optional[str]:
    """The FAQ answer the response selector picked for the latest message."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    return (selector.get("response") or {}).get("utter_action")


def answer_to_offer(tracker: Tracker) -> Optional[bool]:
    """True or False when the latest message answers the bot's offer of a person in its
    previous turn ("ja graag", "nee hoor"), None when there was no offer or no answer.
    Only outside a form: in a form every message answers the form's question."""
    if tracker.active_loop.get("name"):
        return None
    turns = dialogue.user_turns(tracker.events)
    if len(turns) < 2 or not PERSON_OFFERS & set(turns[-2][1]):
        return None
    return consent.answer_to_offer(tracker.latest_message.get("text") or "")


def start_handoff(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A yes to the offer: the handoff starts; a question beside the yes ("Ja, graag. Kan
    dat nog voor mijn gesprek?") goes on the intaker's list."""
    if is_question(tracker.latest_message.get("text") or ""):
        say(dispatcher, "vraag_mee_naar_medewerker")
    return [FollowupAction("overdracht_form")]
