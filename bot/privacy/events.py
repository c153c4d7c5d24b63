"""Redaction of stored conversation events (plain Python over event dictionaries).

``redact_event`` removes personal numbers nobody asked for from every text in an event
(user and bot texts, entity and slot values). ``scrub_contacts`` replaces the contact
details given for a handoff (name, e-mail, phone) once the handoff is stored or declined:
from then on they live only in the handoff record.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Mapping, Set

from bot.privacy.redact import redact

#: Keys whose values are identifiers or names of the bot's own machinery, never personal text.
SKIP_KEYS = frozenset({"event", "timestamp", "message_id", "input_channel", "policy", "name", "intent_name",
                       "action_name", "confidence", "extractor", "processors", "start", "end", "entity",
                       "ranking", "intent_ranking", "response_selector", "utter_action", "retrieval_intent",
                       "template_name", "response_templates", "id", "intent", "action_text", "hide_rule_turn"})
CONTACT_SLOTS = ("naam", "email", "telefoon")
CONTACT_LABEL = "[contactgegevens]"
#: Actions after which the contact details are no longer needed: stored, declined, stopped.
FINISHED = frozenset({"action_overdracht_opslaan", "action_geen_toestemming", "utter_overdracht_gestopt"})
_LONG_INT = 1_000_000


def _walk(value: Any, keep: List[str]) -> Any:
    if isinstance(value, str):
        return redact(value, keep).text
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) >= _LONG_INT:
        cleaned = redact(str(value), keep).text
        return value if cleaned == str(value) else cleaned
    if isinstance(value, list):
        return [_walk(item, keep) for item in value]
    if isinstance(value, dict):
        return {k: (v if k in SKIP_KEYS else _walk(v, keep)) for k, v in value.items()}
    return value


def redact_event(event: Mapping[str, Any], keep: Iterable[str] = ()) -> Dict[str, Any]:
    """A copy of ``event`` without personal numbers (phone numbers in ``keep`` stay)."""
    keep = [k for k in keep if k]
    if event.get("event") not in {"user", "bot", "slot", "entities"}:
        return dict(event)
    return {k: (v if k in SKIP_KEYS else _walk(v, keep)) for k, v in event.items()}


def phones_given(events: Iterable[Mapping[str, Any]]) -> List[str]:
    """Phone numbers the person gave on purpose (the ``telefoon`` slot), in all spellings."""
    found: List[str] = []
    for event in events:
        if event.get("event") == "slot" and event.get("name") == "telefoon" and isinstance(event.get("value"), str):
            number = event["value"]
            found.append(number)
            if number.startswith("+31"):
                found.append("0" + number[3:])
    return found


def contact_values(events: Iterable[Mapping[str, Any]]) -> Set[str]:
    values: Set[str] = set()
    for event in events:
        if event.get("event") == "slot" and event.get("name") in CONTACT_SLOTS and isinstance(event.get("value"), str):
            values.add(event["value"])
            if event["name"] == "telefoon" and event["value"].startswith("+31"):
                values.add("0" + event["value"][3:])
    return {v for v in values if len(v) >= 2 and v != CONTACT_LABEL}


def _pattern(values: Iterable[str]) -> "re.Pattern":
    parts = []
    for value in sorted(values, key=len, reverse=True):
        digits = re.sub(r"\D", "", value)
        spaced = lambda ds: r"[ .\-/]?".join(ds)  # noqa: E731  (a phone number in any spacing)
        if value.startswith("+31") or (value.startswith("0") and not value.startswith("00") and len(digits) >= 9):
            national = digits[2:] if value.startswith("+31") else digits[1:]
            parts.append(r"(?:\+31|0031|0)[ .\-/]?(?:\(0\))?" + spaced(national))
        elif value.startswith("+") and len(digits) >= 8:
            parts.append(r"(?:\+|00)" + spaced(digits))
        else:
            parts.append(re.escape(value))
    return re.compile("|".join(parts), re.IGNORECASE)


def scrub_contacts(event: Mapping[str, Any], values: Iterable[str]) -> Dict[str, Any]:
    """A copy of ``event`` with the given contact details replaced by a label."""
    values = [v for v in values if v]
    if not values:
        return dict(event)
    pattern = _pattern(values)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(CONTACT_LABEL, value)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {k: (v if k in SKIP_KEYS else walk(v)) for k, v in value.items()}
        return value

    return {k: (v if k in SKIP_KEYS else walk(v)) for k, v in event.items()}


def handoff_finished(events: Iterable[Mapping[str, Any]]) -> bool:
    """True once a handoff was stored, declined or stopped after the last contact detail was given."""
    finished = False
    for event in events:
        if event.get("event") == "slot" and event.get("name") in CONTACT_SLOTS and event.get("value") not in (None, CONTACT_LABEL):
            finished = False
        if event.get("event") == "action" and event.get("name") in FINISHED:
            finished = True
    return finished
