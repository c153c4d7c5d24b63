"""The handoff to a human intaker: contact details, what will be shared, consent, storing.

Thin adapters over bot.handoff (contact checks, summary) and bot.handoff.outbox (the durable
outbox). The bot confirms only after the handoff and its deliveries are committed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot import dialogue
from bot.actions.common import faq_response, latest_intent, say
from bot.actions.profile_form import validate_profile
from bot.handoff import consent, contact
from bot.handoff import settings as handoff_settings
from bot.handoff.outbox import store_handoff
from bot.handoff.schema import InvalidSummary, validator
from bot.handoff.summary import PREFERENCE_TEXT, build_summary, readable
from bot.profile import values
from bot.profile.form_logic import is_question
from bot.store import db

logger = logging.getLogger(__name__)
# Built now, while the action server starts in one thread (bot/handoff/schema.py).
validator()
FORM = "overdracht_form"
#: True while the bot waits for a yes or no to sharing the summary.
CONSENT_ASKED = "toestemming_gevraagd"

_engine = None
_lock = threading.Lock()


def engine():
    """The application database, migrated once per process."""
    global _engine
    with _lock:
        if _engine is None:
            candidate = db.get_engine()
            db.upgrade(candidate)
            _engine = candidate
        return _engine


def needed_slots(preference: Optional[str]) -> List[str]:
    """Only the contact details needed: e-mail for e-mail and video, a number for phone."""
    slots = ["naam", "contactvoorkeur"]
    if preference == "telefoon":
        slots.append("telefoon")
    elif preference in {"email", "video"}:
        slots.append("email")
    return slots


def details_in_same_message(preference: str, text: Optional[str]) -> Dict[str, str]:
    """ "bellen, 06 12345678": the number (or address) typed with the choice is kept, so the
    bot does not ask for it again."""
    if preference == "telefoon":
        number = contact.parse_phone(text or "")
        return {"telefoon": number} if number else {}
    if preference in {"email", "video"}:
        address = contact.parse_email(text or "")
        return {"email": address} if address else {}
    return {}


def summary_for(tracker: Tracker) -> Dict[str, Any]:
    return build_summary(tracker.sender_id, tracker.slots, tracker.events)


class ValidateOverdrachtForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_overdracht_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        if not set(tracker.slots_to_validate()) & set(values.PROFILE_SLOTS):
            return events
        # A profile fact in a message during the handoff (or in the request that starts it: "... voor
        # het gesprek met mijn directeur") is checked as outside a form: said back, or kept as it was.
        contact_events = [e for e in events if not (e.get("event") == "slot" and e.get("name") in values.PROFILE_SLOTS)]
        return validate_profile(dispatcher, tracker, None) + contact_events

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        return needed_slots(tracker.get_slot("contactvoorkeur"))


#: How each contact answer is read, and what the bot says when it cannot be used.
CHECKS = {
    "naam": (contact.parse_name, "fout_naam"),
    "contactvoorkeur": (contact.parse_preference, "fout_contactvoorkeur"),
    "email": (contact.parse_email, "fout_email"),
    "telefoon": (contact.parse_phone, "fout_telefoon"),
}


#: Contact detail -> (the other contact preference, what the bot says) after two bad answers.
SWITCH = {"telefoon": ("email", "telefoon_lukt_niet"), "email": ("telefoon", "email_lukt_niet")}


def _validator(slot: str):
    parse, error = CHECKS[slot]

    async def validate(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        parsed = parse(str(value or ""))
        if parsed is None and slot == "naam" and dialogue.asked_in_a_row(tracker.events, slot) >= 2:
            # Twice no name ("liever niet"): go on without one instead of asking a third time.
            say(dispatcher, "naam_overgeslagen")
            return {slot: contact.NO_NAME}
        if (
            parsed is None
            and slot == "contactvoorkeur"
            and (contact.indifferent(str(value or "")) or dialogue.asked_in_a_row(tracker.events, slot) >= 2)
        ):
            # "maakt niet uit", or twice no choice: e-mail, instead of the same question again
            say(dispatcher, "contactvoorkeur_email")
            return {slot: "email"}
        if parsed is None and slot in SWITCH and dialogue.asked_in_a_row(tracker.events, slot) >= 2:
            # Twice a number or address that cannot be used: the other way, instead of a third time.
            other, text = SWITCH[slot]
            say(dispatcher, text)
            return {slot: None, "contactvoorkeur": other}
        if parsed is None:
            say(dispatcher, error)
            return {slot: parsed}
        if is_question((tracker.latest_message or {}).get("text") or ""):
            # "Video is prima, teams of zo?": the answer counts, the question goes to the intaker
            say(dispatcher, "vraag_mee_naar_medewerker")
        if slot == "contactvoorkeur":
            return {slot: parsed, **details_in_same_message(parsed, (tracker.latest_message or {}).get("text"))}
        return {slot: parsed}

    validate.__name__ = f"validate_{slot}"
    return validate


for _slot in CHECKS:  # validate_naam, validate_contactvoorkeur, validate_email, validate_telefoon
    setattr(ValidateOverdrachtForm, f"validate_{_slot}", _validator(_slot))


class _Ask(Action):
    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def key(self, tracker: Tracker) -> str:
        return f"vraag_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, self.key(tracker))
        return []


class ActionAskNaam(_Ask):
    slot = "naam"

    def key(self, tracker: Tracker) -> str:
        # The introduction only the first time; after a wrong answer just the question.
        before = dialogue.slots_before_latest_message(tracker.events)
        return "vraag_naam_opnieuw" if before.get(REQUESTED_SLOT) == "naam" else "vraag_naam"


class ActionAskContactvoorkeur(_Ask):
    slot = "contactvoorkeur"


class ActionAskEmail(_Ask):
    slot = "email"

    def key(self, tracker: Tracker) -> str:
        return "vraag_email_video" if tracker.get_slot("contactvoorkeur") == "video" else "vraag_email"


class ActionAskTelefoon(_Ask):
    slot = "telefoon"


class ActionToonOverdracht(Action):
    """Shows exactly what will be shared (readable text + handoff_summary payload), asks consent."""

    def name(self) -> Text:
        return "action_toon_overdracht"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        summary = summary_for(tracker)
        # The payload first, then the question with the consent buttons right under it.
        dispatcher.utter_message(json_message={"type": "handoff_summary", "summary": summary})
        say(dispatcher, "overdracht_tonen", regels="\n".join(f"- {line}" for line in readable(summary)))
        return [SlotSet("toestemming_overdracht", False), SlotSet("overdracht_id", None), SlotSet(CONSENT_ASKED, True)]


class ActionOverdrachtOpslaan(Action):
    """After an explicit yes: stores the handoff and its outbox rows in one transaction."""

    def name(self) -> Text:
        return "action_overdracht_opslaan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        stored = tracker.get_slot("overdracht_id")
        if stored:
            say(dispatcher, "overdracht_al_opgeslagen", kenmerk=stored[:8])
            return []
        summary = summary_for(tracker)
        try:
            settings = handoff_settings.from_env()
            problems = settings.problems()
            if problems:
                raise handoff_settings.ConfigError("; ".join(problems))

            def store() -> str:
                with engine().begin() as connection:
                    return store_handoff(connection, summary, settings.connectors)

            handoff_id = await asyncio.get_running_loop().run_in_executor(None, store)
        except (InvalidSummary, handoff_settings.ConfigError, Exception) as error:  # nothing was stored
            logger.exception("Overdracht opslaan mislukt: %s", error)
            say(dispatcher, "overdracht_mislukt")
            return []
        preference = summary["contact"].get("contactvoorkeur")
        say(dispatcher, "overdracht_opgeslagen", contact=PREFERENCE_TEXT.get(preference, ""), kenmerk=handoff_id[:8])
        # The contact details now live in the handoff record only.
        return [
            SlotSet("toestemming_overdracht", True),
            SlotSet("overdracht_id", handoff_id),
            SlotSet(CONSENT_ASKED, False),
        ] + [SlotSet(slot, None) for slot in values.CONTACT_SLOTS]


class ActionGeenToestemming(Action):
    """No consent: nothing is sent; the contact details are forgotten."""

    def name(self) -> Text:
        return "action_geen_toestemming"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("overdracht_id"):
            say(dispatcher, "overdracht_al_opgeslagen", kenmerk=tracker.get_slot("overdracht_id")[:8])
            return []
        say(dispatcher, "overdracht_geen_toestemming")
        return [SlotSet("toestemming_overdracht", False), SlotSet(CONSENT_ASKED, False)] + [
            SlotSet(slot, None) for slot in values.CONTACT_SLOTS
        ]


def _answer_or_pass_on(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A question beside the answer on the consent screen: the FAQ answer when there is one
    ("Wat gebeurt er met mijn gegevens?"), else it goes to the intaker."""
    response = faq_response(tracker) if latest_intent(tracker) == "faq" else None
    if response:
        dispatcher.utter_message(response=response)
    else:
        say(dispatcher, "vraag_mee_naar_medewerker")


class ActionToestemmingVraag(Action):
    """Every answer on the consent screen.

    "Akkoord, ga je gang" is a yes and "laat maar" a no, whatever the intent; without such
    words the intent decides (the buttons send /affirm and /deny); a corrected
    fact ("mijn mail is ...", "ik heb toch hbo") shows the summary again with the change;
    a question goes to the intaker's list. Otherwise the bot asks once more with buttons,
    and the second time says that nothing is shared until the person says yes.
    """

    def name(self) -> Text:
        return "action_toestemming_vraag"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        answer = consent.answer(text)
        if answer is None and consent.answer_beside_question(text) is not None:
            # "Ja, akkoord. Hoe snel hoor ik iets?": the answer counts, the question goes along
            answer = consent.answer_beside_question(text)
            _answer_or_pass_on(dispatcher, tracker)
        if answer is None:
            # The buttons, or words the reader does not know: the intent decides.
            answer = {"affirm": True, "deny": False}.get((tracker.latest_message.get("intent") or {}).get("name"))
            if answer is not None and is_question(text):
                _answer_or_pass_on(dispatcher, tracker)  # no question is lost behind a yes
        if answer is True:
            return [FollowupAction("action_overdracht_opslaan")]
        if answer is False:
            return [FollowupAction("action_geen_toestemming")]
        if dialogue.noted_this_turn(tracker.events):
            return [FollowupAction("action_toon_overdracht")]
        if is_question(text):
            say(dispatcher, "vraag_voor_medewerker")
        turns = dialogue.user_turns(tracker.events)
        before = turns[-2][1] if len(turns) > 1 else []
        if "toestemming_vraag" in before:
            # Asked twice: the screen ends; the buttons still give a yes.
            say(dispatcher, "toestemming_nog_niet")
            return [SlotSet(CONSENT_ASKED, False)]
        say(dispatcher, "toestemming_vraag")
        return []
