"""The Dutch spaCy language model, optional.

``nl_core_news_sm`` is the production model. When it is not installed (it cannot be
downloaded everywhere), the bot falls back to spaCy's blank Dutch pipeline: the same
Dutch tokenizer rules, no tagger and no vectors. The rest of the NLU pipeline
(count vectors, lexical features, DIET) works the same way on both.

The model to load is, in order: the environment variable ``ONDERWIJSLOKET_SPACY_MODEL``
(a package name or a path to a saved pipeline), else ``model`` from ``config.yml``.
Which model was used is part of the fingerprint, so installing the model later makes
``rasa train`` retrain instead of reusing a model trained without it.

The loader keeps the class name ``SpacyNLP``: Rasa finds the provider of the spaCy
model for ``SpacyTokenizer`` and featurizers by that class name.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS, SPACY_DOCS
from rasa.nlu.featurizers.dense_featurizer.spacy_featurizer import SpacyFeaturizer
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot.settings import current

logger = logging.getLogger(__name__)

BLANK_DUTCH = "blank:nl"


def configured_model(config: Dict[Text, Any]) -> Text:
    """The model name or path to try: ONDERWIJSLOKET_SPACY_MODEL wins over ``config.yml``."""
    return current().nlu.spacy_model or config.get("model") or "nl_core_news_sm"


def resolve_model(name: Text) -> SpacyModel:
    """Loads ``name``; falls back to a blank Dutch pipeline when it is missing.

    A model that exists but is broken or built for another spaCy version is an error,
    not a reason to fall back.
    """
    import spacy

    if name != BLANK_DUTCH:
        try:
            spacy.util.get_lang_class("nl")
            if spacy.util.is_package(name) or os.path.exists(name):
                return spacy_utils.SpacyNLP.load_model(name)
        except (OSError, ImportError) as error:  # pragma: no cover - depends on install
            raise InvalidConfigException(f"spaCy-model '{name}' kan niet laden: {error}") from error
        logger.warning(
            "spaCy-model '%s' is niet geïnstalleerd; de bot gebruikt de lege Nederlandse "
            "pijplijn (tokenizer zonder vectoren). Zie README: nl_core_news_sm installeren.",
            name,
        )
    return SpacyModel(model=spacy.blank("nl"), model_name=BLANK_DUTCH)


def model_fingerprint(name: Text) -> Text:
    """Identifies the model that ``name`` resolves to (name and version)."""
    import spacy

    try:
        if spacy.util.is_package(name):
            return f"{name}=={spacy.util.get_package_version(name)}"
        if os.path.isdir(name):
            meta = spacy.util.load_meta(os.path.join(name, "meta.json"))
            stamp = max(os.path.getmtime(os.path.join(root, f)) for root, _, files in os.walk(name) for f in files)
            return f"{os.path.abspath(name)}:{meta.get('name')}=={meta.get('version')}@{stamp}"
    except (OSError, ValueError):
        pass
    return f"{BLANK_DUTCH}@spacy=={spacy.about.__version__}"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Provides ``nl_core_news_sm`` when installed, else a blank Dutch pipeline."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**spacy_utils.SpacyNLP.get_default_config(), "model": "nl_core_news_sm"}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyNLP:
        config = {**cls.get_default_config(), **config}
        model = resolve_model(configured_model(config))
        logger.info("spaCy-model in gebruik: %s", model.model_name)
        return cls(model, config)

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        return model_fingerprint(configured_model({**cls.get_default_config(), **config}))

    @staticmethod
    def ensure_proper_language_model(nlp: Any) -> None:
        if nlp is None:
            raise InvalidConfigException("Het spaCy-model is niet geladen.")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SpacyContextFeaturizer(SpacyFeaturizer):
    """Dense features from spaCy: static vectors, or else the context tensor.

    ``nl_core_news_sm`` has no static vectors but a tok2vec layer whose output
    (``doc.tensor``) is a useful dense feature; Rasa's own ``SpacyFeaturizer`` ignores
    it. Without either (the blank pipeline) no dense features are added.
    """

    @classmethod
    def required_components(cls) -> List[type]:
        return SpacyFeaturizer.required_components()

    @staticmethod
    def _vectors(doc: Any) -> Optional[np.ndarray]:
        tokens = [t for t in doc if t.text and t.text.strip()]
        if doc.vocab.vectors_length > 0:
            return np.array([t.vector for t in tokens])
        tensor = getattr(doc, "tensor", None)
        if tensor is not None and getattr(tensor, "size", 0) and len(tensor.shape) == 2:
            return np.array([tensor[t.i] for t in tokens])
        return None

    def _set_spacy_features(self, message: Message, attribute: Text = "text") -> None:
        doc = message.get(SPACY_DOCS[attribute])
        if doc is None:
            return
        sequence = self._vectors(doc)
        if sequence is None or sequence.size == 0:
            return
        sentence = self.aggregate_sequence_features(sequence, self.pooling_operation)
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, attribute, alias))
        message.add_features(Features(sentence, FEATURE_TYPE_SENTENCE, attribute, alias))
