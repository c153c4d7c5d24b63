"""Helpers shared by the actions: reading the tracker, sending responses."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import dialogue, texts
from bot.profile import values


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
