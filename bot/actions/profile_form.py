"""Validation of the profile form and of facts given outside it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction, ValidationAction
from rasa_sdk.types import DomainDict

from bot import dialogue
from bot.actions.common import faq_response, latest_entity, latest_intent, profile, say, send
from bot.input_check import InputKind
from bot.nlu_entities import INPUT_KIND
from bot.privacy.redact import redact
from bot.profile import values
from bot.profile.form_logic import answer_taken_for_goodbye, answers, is_question, process_turn

FORM = "profiel_form"
#: Texts of the validation itself: no answer to a question the person asked.
OWN_TEXTS = dialogue.NOTED_TEXTS | {"persoonlijk_nummer_in_bericht"}


def validate_profile(
    dispatcher: CollectingDispatcher, tracker: Tracker, requested: Optional[str], answered: bool = False
) -> List[EventType]:
    """Runs the form logic on the latest message and returns the slot events."""
    candidates = {k: v for k, v in tracker.slots_to_validate().items() if k in values.PROFILE_SLOTS}
    text = tracker.latest_message.get("text") or ""
    ranking = tracker.latest_message.get("intent_ranking") or []
    if (
        requested
        and requested not in candidates
        and latest_intent(tracker) == "goodbye"
        and answer_taken_for_goodbye(requested, text, ranking)
    ):
        # An answer the NLU read as goodbye (see answer_taken_for_goodbye) fills its slot and the
        # form goes on; a goodbye fills nothing, the form rejects and the goodbye rule ends the intake.
        candidates[requested] = text
    skipped = list(tracker.get_slot("overgeslagen") or [])
    hint = tracker.get_slot("vooropleiding_hint")
    age = tracker.get_slot("leeftijd")
    message_id = tracker.latest_message.get("message_id") or str(tracker.latest_message.get("text"))
    turn = process_turn(
        profile=profile(tracker),
        candidates=candidates,
        requested=requested,
        text=text,
        intent=latest_intent(tracker),
        skipped=skipped,
        hint=hint,
        previous=values.profile_from(dialogue.slots_before_latest_message(tracker.events)),
        input_kind=latest_entity(tracker, INPUT_KIND),
        prior_misses=dialogue.trailing_misses(dialogue.user_turns(tracker.events)[:-1]),
        asked_in_a_row=dialogue.asked_in_a_row(tracker.events, requested) if requested else 0,
        side_answered=answered or dialogue.answered_since_latest_message(tracker.events, OWN_TEXTS),
        advice_given=bool(tracker.get_slot("advies_gegeven") or tracker.get_slot("toestemming_gevraagd")),
        age=age if isinstance(age, int) else None,
        age_asked_for=dialogue.answer_before_follow_up(tracker.events, AGE_QUESTION) if requested else None,
    )
    already_told = tracker.get_slot("laatste_bevestiging") == message_id
    responses = [r for r in turn.responses if not (already_told and r[0] in {"genoteerd", "aangepast"})]
    found = redact(text).found
    # A message that is only a personal number already got its own reply (invoer_...).
    bare_number = latest_entity(tracker, INPUT_KIND) == InputKind.PERSONAL_NUMBER.value
    if not already_told and not bare_number and found:
        responses.insert(0, ("persoonlijk_nummer_in_bericht", {}))
    send(dispatcher, responses)
    if turn.explain:
        dispatcher.utter_message(response=f"utter_faq/{turn.explain}")

    events: List[EventType] = [SlotSet(slot, value) for slot, value in turn.slots.items()]
    if turn.skipped != skipped:
        events.append(SlotSet("overgeslagen", turn.skipped))
    if turn.hint != hint:
        events.append(SlotSet("vooropleiding_hint", turn.hint))
    if turn.acknowledged and not already_told:
        events.append(SlotSet("laatste_bevestiging", message_id))
    return events


class ValidateProfielForm(FormValidationAction):
    """Maps answers to canonical values, skips "weet ik niet", acknowledges facts."""

    def name(self) -> Text:
        return "validate_profiel_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        return values.required_slots(profile(tracker), tracker.get_slot("overgeslagen") or [])

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Optional[EventType]:
        missing = values.missing_slots(profile(tracker), tracker.get_slot("overgeslagen") or [])
        return SlotSet(REQUESTED_SLOT, missing[0] if missing else None)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # A question that also states facts ("ik heb hbo, wat is zij-instroom?") fills
        # slots, so the form runs instead of the FAQ rule: answer the question here.
        # Without facts the form rejects and the FAQ rule answers.
        facts = any(slot in values.PROFILE_SLOTS for slot in tracker.slots_to_validate())
        text = tracker.latest_message.get("text") or ""
        answered = bool(
            facts
            and latest_intent(tracker) == "faq"
            and is_question(text)
            and faq_response(tracker)
            and not _faq_handled(tracker)
        )
        if answered:
            dispatcher.utter_message(response=faq_response(tracker))
        events = validate_profile(dispatcher, tracker, tracker.get_slot(REQUESTED_SLOT), answered)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + [next_slot]


class ValidateSlotMappings(ValidationAction):
    """Facts given outside the form (a correction after the read-back, say)."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        what_if = (
            latest_intent(tracker) == "advies_vraag"
            and not tracker.active_loop.get("name")
            and bool(tracker.get_slot("advies_gegeven"))
        )
        if what_if or tracker.is_paused():
            # "En als ik geen baan heb?" after the advice is a what-if question about it, not a
            # new fact (before the advice, a message taken for such a question is an answer).
            # While an intaker has taken over, the bot stays silent. Either way the profile
            # stays as it was.
            before = dialogue.slots_before_latest_message(tracker.events)
            return [SlotSet(slot, before.get(slot)) for slot in tracker.slots_to_validate()]
        if not dialogue.slot_mappings_checked_outside_form(tracker.active_loop.get("name"), tracker.is_paused()):
            return []  # the form's validation handles them
        return validate_profile(dispatcher, tracker, None)


class ActionAskProfileSlot(Action, ABC):
    """Asks the form question for one profile slot (``action_ask_<slot>``)."""

    slot: Text = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        say(dispatcher, self.question(tracker))
        return []

    @abstractmethod
    def question(self, tracker: Tracker) -> str:
        """The key of the question text in bot/texts.py."""


class _PlainQuestion:
    def question(self, tracker: Tracker) -> str:
        return f"vraag_{self.slot}"  # type: ignore[attr-defined]


class ActionAskVooropleiding(ActionAskProfileSlot):
    """Asks for the education level, or the follow-up after an unclear answer."""

    slot = "vooropleiding"

    def question(self, tracker: Tracker) -> str:
        hint = tracker.get_slot("vooropleiding_hint")
        return f"vraag_niveau_{hint}" if hint else "vraag_vooropleiding"


class ActionAskNederlandsNiveau(ActionAskProfileSlot):
    """Asks for the level of Dutch; after a Dutch diploma first whether it is the mother tongue."""

    slot = "nederlands_niveau"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if "vraag_nederlands_niveau" in dialogue.texts_since_latest_message(tracker.events):
            return []  # "nee" to the mother-tongue question: the level was just asked
        return await super().run(dispatcher, tracker, domain)

    def question(self, tracker: Tracker) -> str:
        if (
            tracker.get_slot("diploma_buitenland") is False
            and dialogue.last_bot_response(tracker.events) != "vraag_nederlands_niveau"
        ):
            return "vraag_moedertaal"
        return "vraag_nederlands_niveau"


#: Asked instead of the experience question when an answer counts from an age ("vanaf mijn zeventiende").
AGE_QUESTION = "vraag_leeftijd_werkervaring"


class ActionAskWerkervaringJaren(ActionAskProfileSlot):
    """Asks for the years of work experience; after an answer that counts from an age the
    bot does not know, for the person's age."""

    slot = "werkervaring_jaren"

    def question(self, tracker: Tracker) -> str:
        if "werkervaring_leeftijd_onbekend" in dialogue.texts_since_latest_message(tracker.events):
            return AGE_QUESTION
        return "vraag_werkervaring_jaren"


# One ask action per remaining profile slot; the action server registers each class.
for _slot in values.PROFILE_SLOTS:
    if _slot not in ("vooropleiding", "nederlands_niveau", "werkervaring_jaren"):
        _name = "ActionAsk" + "".join(part.title() for part in _slot.split("_"))
        globals()[_name] = type(
            _name, (_PlainQuestion, ActionAskProfileSlot), {"slot": _slot, "__doc__": f"Asks for {_slot}."}
        )


def _faq_handled(tracker: Tracker) -> bool:
    """The FAQ question of the latest message was already answered (or judged to be an
    answer to the form) in this turn."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") in {"utter_faq", "action_faq_tijdens_profiel"}:
            return True
    return False


class ActionFaqTijdensProfiel(Action):
    """A message taken for an FAQ question while the form asks something: the FAQ answer,
    unless the message is simply the answer to the question asked ("sociaal pedagogische
    hulpverlening" to "welke studie heb je gedaan?"); the form then takes it."""

    def name(self) -> Text:
        return "action_faq_tijdens_profiel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        text = tracker.latest_message.get("text") or ""
        if requested and answers(requested, text, tracker.get_slot("vooropleiding_hint")):
            return []
        response = faq_response(tracker)
        if response:
            dispatcher.utter_message(response=response)
        return []
