"""The optional Dutch spaCy model: both paths through the real loading code.

The production model nl_core_news_sm cannot be downloaded here, so the tests build
small spaCy pipelines themselves, save them to disk and load them the way the bot
does: through ``ONDERWIJSLOKET_SPACY_MODEL`` and ``bot.nlu.language_model.SpacyNLP``.
"""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_model import BLANK_DUTCH, SpacyContextFeaturizer, SpacyNLP

CONTEXT = ExecutionContext(GraphSchema({}), "test")
#: The environment variable of the model (bot/settings.py, Nlu.spacy_model).
MODEL_ENV = "ONDERWIJSLOKET_SPACY_MODEL"


def _featurize(text: str, config: dict):
    component = SpacyNLP.create(config, None, None, CONTEXT)
    message = Message({TEXT: text})
    component.process([message], component.provide())
    SpacyTokenizer(SpacyTokenizer.get_default_config()).process([message])
    featurizer = SpacyContextFeaturizer.create(SpacyContextFeaturizer.get_default_config(), None, None, CONTEXT)
    featurizer.process([message])
    return component, message


def test_missing_model_falls_back_to_blank_dutch(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    component, message = _featurize("ik heb een hbo'er als collega", {"model": "nl_model_dat_niet_bestaat"})
    assert component.provide().model_name == BLANK_DUTCH
    assert component.provide().model.lang == "nl"
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence is None and sentence is None


def test_saved_pipeline_with_vectors_is_loaded_and_used(tmp_path, monkeypatch):
    nlp = spacy.blank("nl")
    rng = np.random.default_rng(7)
    for word in ["ik", "wil", "leraar", "worden"]:
        nlp.vocab.set_vector(word, rng.random(8, dtype=np.float32))
    path = tmp_path / "nl_vectors"
    nlp.to_disk(path)
    monkeypatch.setenv(MODEL_ENV, str(path))

    component, message = _featurize("ik wil leraar worden", {"model": "nl_core_news_sm"})

    assert component.provide().model_name == str(path)
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence.features.shape == (4, 8)
    assert sentence.features.shape == (1, 8)
    assert np.allclose(sequence.features[2], nlp.vocab.get_vector("leraar"))


def test_saved_pipeline_with_tok2vec_gives_context_features(tmp_path, monkeypatch):
    nlp = spacy.blank("nl")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    path = tmp_path / "nl_tok2vec"
    nlp.to_disk(path)
    monkeypatch.setenv(MODEL_ENV, str(path))

    _, message = _featurize("ik heb twaalf jaar gewerkt", {"model": "nl_core_news_sm"})

    sequence, _ = message.get_dense_features(TEXT)
    assert sequence.features.shape[0] == 5
    assert sequence.features.shape[1] == nlp.get_pipe("tok2vec").model.get_dim("nO")


def test_fingerprint_follows_the_model(tmp_path, monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    blank = SpacyNLP.fingerprint_addon({"model": "nl_model_dat_niet_bestaat"})
    nlp = spacy.blank("nl")
    nlp.to_disk(tmp_path / "m")
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "m"))
    saved = SpacyNLP.fingerprint_addon({})
    assert blank.startswith(BLANK_DUTCH)
    assert str(tmp_path / "m") in saved and saved != blank


def test_broken_model_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text("{}")
    monkeypatch.setenv(MODEL_ENV, str(broken))
    with pytest.raises(Exception):  # noqa: B017 - spaCy raises several kinds
        SpacyNLP.create({}, None, None, CONTEXT)
