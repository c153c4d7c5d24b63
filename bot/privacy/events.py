"""Redaction of stored conversation events (plain Python over event dictionaries).

``redact_event`` removes personal numbers (BSN, IBAN, card numbers) from what the person
typed: user messages, their entities and slots filled from user text; never from the bot's
own texts, ids or timestamps. ``scrub_contacts`` replaces the contact
details given for a handoff (name, e-mail, phone) once the handoff is stored or declined:
from then on they live only in the handoff record; and when the form is left behind (a
restart, a new session, or the session expired: bot/privacy/sweep.py). ``ExportCleaner`` goes further, for
what leaves the store (review exports, test stories): also e-mail addresses, phone numbers
and names in free text, in every text of the conversation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, Mapping, Set

import yaml

from bot.privacy.names import names_in, replace_names
from bot.privacy.redact import redact, redact_contact_details
from bot.profile import values
from bot.settings import ROOT

#: Keys whose values are identifiers or names of the bot's own machinery, never personal text.
SKIP_KEYS = frozenset(
    {
        "event",
        "timestamp",
        "message_id",
        "input_channel",
        "policy",
        "name",
        "intent_name",
        "action_name",
        "confidence",
        "extractor",
        "processors",
        "start",
        "end",
        "entity",
        "ranking",
        "intent_ranking",
        "response_selector",
        "utter_action",
        "retrieval_intent",
        "template_name",
        "response_templates",
        "id",
        "intent",
        "action_text",
        "hide_rule_turn",
    }
)
#: The contact slots that hold personal details (the preferred channel does not).
CONTACT_SLOTS = tuple(slot for slot in values.CONTACT_SLOTS if slot != "contactvoorkeur")
CONTACT_LABEL = "[contactgegevens]"
#: Actions after which the contact details are no longer needed: stored, declined, stopped.
FINISHED = frozenset({"action_overdracht_opslaan", "action_geen_toestemming", "utter_overdracht_gestopt"})


@lru_cache(maxsize=1)
def user_text_slots() -> FrozenSet[str]:
    """Slots whose value comes from what the person typed: those filled from the text or an
    entity (domain.yml). Slots the bot fills itself (ids, the advice) are never redacted."""
    slots = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["slots"]
    return frozenset(
        name
        for name, slot in slots.items()
        if any(m.get("type") in {"from_text", "from_entity"} for m in slot.get("mappings") or [])
    )


def _clean(value: Any) -> Any:
    """A string or number from user text without personal numbers (a number stays a number
    unless it was one)."""
    if isinstance(value, str):
        return redact(value).text
    if isinstance(value, int) and not isinstance(value, bool):
        cleaned = redact(str(value)).text
        return value if cleaned == str(value) else cleaned
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _entities(entities: Any) -> Any:
    if not isinstance(entities, list):
        return entities
    return [{**e, "value": _clean(e.get("value"))} if isinstance(e, dict) and "value" in e else e for e in entities]


def redact_event(event: Mapping[str, Any]) -> Dict[str, Any]:
    """A copy of ``event`` without personal numbers in what the person typed: the text of a
    user message, its entity values and slots filled from user text. Everything else (bot
    texts, ids, timestamps, the bot's own slots) is left exactly as it is."""
    data = dict(event)
    kind = data.get("event")
    if kind == "user":
        if "text" in data:
            data["text"] = _clean(data["text"])
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse = dict(parse)
            if "text" in parse:
                parse["text"] = _clean(parse["text"])
            if "entities" in parse:
                parse["entities"] = _entities(parse["entities"])
            data["parse_data"] = parse
    elif kind == "entities":
        data["entities"] = _entities(data.get("entities"))
    elif kind == "slot" and data.get("name") in user_text_slots():
        data["value"] = _clean(data.get("value"))
    return data


def contact_values(events: Iterable[Mapping[str, Any]]) -> Set[str]:
    values: Set[str] = set()
    for event in events:
        if event.get("event") == "slot" and event.get("name") in CONTACT_SLOTS and isinstance(event.get("value"), str):
            values.add(event["value"])
            if event["name"] == "telefoon" and event["value"].startswith("+31"):
                values.add("0" + event["value"][3:])
    return {v for v in values if len(v) >= 2 and v != CONTACT_LABEL}


def _pattern(values: Iterable[str]) -> re.Pattern:
    parts = []
    for value in sorted(values, key=len, reverse=True):
        digits = re.sub(r"\D", "", value)
        spaced = lambda ds: r"[ .\-/]?".join(ds)  # noqa: E731  (a phone number in any spacing)
        if value.startswith("+31") or (value.startswith("0") and not value.startswith("00") and len(digits) >= 9):
            national = digits[2:] if value.startswith("+31") else digits[1:]
            parts.append(r"(?<![\d+])(?:\+31|0031|0)[ .\-/]?(?:\(0\))?" + spaced(national) + r"(?!\d)")
        elif value.startswith("+") and len(digits) >= 8:
            parts.append(r"(?<![\d+])(?:\+|00)" + spaced(digits) + r"(?!\d)")
        else:  # a whole word: the name "Jan" is not scrubbed from "januari"
            parts.append(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
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


#: Events after which contact details typed into an unfinished handoff form are no longer
#: needed either: the conversation restarted or a new session began (the old one expired).
ABANDONED = frozenset({"restart", "session_started"})


def handoff_finished(events: Iterable[Mapping[str, Any]]) -> bool:
    """True once a handoff was stored, declined or stopped after the last contact detail was
    given, or the form was left behind: a restart or a new session came after it."""
    finished = False
    for event in events:
        if (
            event.get("event") == "slot"
            and event.get("name") in CONTACT_SLOTS
            and event.get("value") not in (None, CONTACT_LABEL)
        ):
            finished = False
        if event.get("event") == "action" and event.get("name") in FINISHED or event.get("event") in ABANDONED:
            finished = True
    return finished


_PARTICLES = frozenset({"van", "der", "den", "de", "ter", "ten", "het"})


class ExportCleaner:
    """Cleans the texts of one conversation for an export: control characters out, the
    handoff's contact details, personal numbers, e-mail addresses, phone numbers and the
    names the person gave ("mijn naam is ...", "ik ben ...") replaced, in user and bot texts."""

    def __init__(self, history: Iterable[Mapping[str, Any]]) -> None:
        from bot.privacy.exports import strip_control

        self._strip = strip_control
        history = list(history)
        contacts = contact_values(history)
        self._contacts = _pattern(contacts) if contacts else None
        given = {
            e["value"]
            for e in history
            if e.get("event") == "slot"
            and e.get("name") == "naam"
            and isinstance(e.get("value"), str)
            and e["value"] != CONTACT_LABEL
        }
        # the name given for a handoff, and each of its words ("Bram" of "Bram Bakker")
        names: Set[str] = set(given) | {
            word for name in given for word in name.split() if len(word) >= 3 and word.lower() not in _PARTICLES
        }
        for event in history:
            if event.get("event") == "user":
                names.update(names_in(self._strip(event.get("text"))))
        self.names = {n for n in names if len(n) >= 2}

    def text(self, value: Any) -> str:
        text = self._strip(value)
        if self._contacts is not None:
            text = self._contacts.sub(CONTACT_LABEL, text)
        return replace_names(redact_contact_details(text), self.names)

    def value(self, value: Any) -> Any:
        """An entity value: strings cleaned, numbers that were a personal number too."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int) and not isinstance(value, bool):
            cleaned = self.text(str(value))
            return value if cleaned == str(value) else cleaned
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value
