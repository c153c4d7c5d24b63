"""Rasa NLU components that wrap the plain-Python profile extractor and input check."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import dialogue, input_check
from bot.nlu_entities import INPUT_KIND, NUMBER, UNCLEAR_EDUCATION
from bot.profile.extract import extract


class _StatelessComponent(GraphComponent):
    """A component without configuration or trained state."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _StatelessComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ProfileEntityExtractor(_StatelessComponent, EntityExtractorMixin):
    """Adds the profile facts of ``bot.profile.extract`` as entities."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if input_check.classify(text) in {input_check.InputKind.TOO_LONG}:
                continue
            entities = self._entities(text)
            if entities:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages

    @staticmethod
    def _entities(text: str) -> List[Dict[str, Any]]:
        found = extract(text)
        entities = [
            {
                ENTITY_ATTRIBUTE_TYPE: span.slot,
                ENTITY_ATTRIBUTE_VALUE: span.value,
                ENTITY_ATTRIBUTE_START: span.start,
                ENTITY_ATTRIBUTE_END: span.end,
                ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
            }
            for span in found.spans + found.signals
        ]
        spanned = {span.slot for span in found.spans}
        for slot, value in found.facts.items():
            if slot not in spanned:  # inferred ("Master econometrie, EUR" is a wo-master): the whole message
                entities.append(_whole(text, slot, value))
        if "vooropleiding" in found.unclear:
            entities.append(_whole(text, UNCLEAR_EDUCATION, found.unclear["vooropleiding"]))
        if found.bare_number is not None:
            entities.append(_whole(text, NUMBER, found.bare_number))
        return entities


def _whole(text: str, entity: str, value: Any) -> Dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: entity,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_START: 0,
        ENTITY_ATTRIBUTE_END: len(text),
        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
    }


HANDOFF_INTENT = "human_handoff"
RESTART_INTENT = "restart"
DENY_INTENT = "deny"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(_StatelessComponent):
    """Overrides the intent for input that has no usable words.

    Empty messages, only emoji or markup, long personal numbers and overlong messages
    become ``nlu_fallback``; English becomes ``other_language``; a request for a person,
    in any words, ``human_handoff``; and ``human_handoff`` without a word that could ask
    for a person, or ``restart`` without a word that asks to start over, gives way to the
    next intent; so does ``deny`` without a word that says no ("Noa Verhulst"). The reason is added
    as entity ``invoer_soort`` so the bot can say what went wrong.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            kind = input_check.classify(text)
            if kind in (None, input_check.InputKind.ENGLISH) and dialogue.asks_for_person(text):
                # "kan ik iemand spreken die hier meer van weet?", "Can I talk to a person?":
                # a request for a person, whatever else the words resemble.
                _override(message, HANDOFF_INTENT)
                continue
            if kind is None:
                intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
                if intent == HANDOFF_INTENT and not dialogue.may_ask_for_person(text):
                    _demote(message, HANDOFF_INTENT)
                elif intent == RESTART_INTENT and not dialogue.may_restart(text):
                    _demote(message, RESTART_INTENT)  # starting over forgets everything
                elif intent == DENY_INTENT and not dialogue.may_deny(text):
                    _demote(message, DENY_INTENT)  # "Noa Verhulst" as a name is no "nee"
                continue
            _override(message, "other_language" if kind is input_check.InputKind.ENGLISH else "nlu_fallback")
            entity = _whole(text or "", INPUT_KIND, kind.value)
            entity["extractor"] = "InputGuard"
            if kind is not input_check.InputKind.ENGLISH:
                message.set(ENTITIES, [entity], add_to_output=True)
            else:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + [entity], add_to_output=True)
        return messages


def _demote(message: Message, intent: str) -> None:
    """The next intent of the ranking instead of ``intent``."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != intent]
    if ranking:
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def _override(message: Message, intent: str) -> None:
    """Sets ``intent`` with full confidence, first in the ranking."""
    prediction = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, prediction, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != intent]
    message.set(INTENT_RANKING_KEY, [prediction] + ranking, add_to_output=True)
