"""The intent and FAQ-topic classifier, plain Python (scikit-learn, numpy).

Features: TF-IDF over words (1-2 grams) and characters within words (2-5 grams), which
cope with typos and compounds, plus the sentence embedding of an encoder
(bot/nlu/encoders.py) when one is available. A multinomial logistic regression over the
full labels ("inform", "faq/vog", ...) gives calibrated probabilities; the intent of a
FAQ label is "faq", its topic the part after the slash.

Chosen by measurement (``make bench-nlu``, README): on 5-fold cross-validation and two
held-out sets it beats DIET on the same data, trains in seconds instead of minutes and
parses a message in about a millisecond plus the encoder's time.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax

RETRIEVAL_SEPARATOR = "/"


@dataclass
class IntentModelConfig:
    #: Inverse regularisation strength of the logistic regression.
    C: float = 20.0
    #: Weight of the dense sentence embedding next to the (unit-length) TF-IDF blocks.
    dense_weight: float = 1.0
    word_ngrams: Tuple[int, int] = (1, 2)
    char_ngrams: Tuple[int, int] = (2, 5)
    class_weight: Optional[str] = "balanced"


def normalise(text: str) -> str:
    """Lower case, single spaces, no accents ("Oké, één" and "oke, een" are the same words)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass
class IntentModel:
    config: IntentModelConfig = field(default_factory=IntentModelConfig)
    labels: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._word = TfidfVectorizer(
            analyzer="word",
            ngram_range=self.config.word_ngrams,
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b",
            preprocessor=normalise,
        )
        self._char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.config.char_ngrams, sublinear_tf=True, preprocessor=normalise
        )
        self._classifier = LogisticRegression(C=self.config.C, max_iter=3000, class_weight=self.config.class_weight)
        self.uses_dense = False

    def _features(self, texts: Sequence[str], dense: Optional[np.ndarray], fit: bool = False) -> sparse.csr_matrix:
        if fit:
            blocks = [self._word.fit_transform(texts), self._char.fit_transform(texts)]
            self.uses_dense = dense is not None
            self.__dict__.pop("_fast", None)
        else:
            blocks = [self._fast_tfidf(i, vectorizer, texts) for i, vectorizer in enumerate((self._word, self._char))]
        if self.uses_dense:
            if dense is None:
                raise ValueError("dit model is getraind met zinsvectoren; geef ze ook bij het voorspellen")
            blocks.append(sparse.csr_matrix(np.asarray(dense, dtype=np.float64) * self.config.dense_weight))
        return sparse.hstack(blocks, format="csr")

    def _fast_tfidf(self, index: int, vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
        """The same rows as ``vectorizer.transform`` (sublinear tf, idf, l2 norm), without
        scikit-learn's per-call checks and its idf vector rebuilt from a diagonal matrix on
        every call: a few milliseconds per message, for a single short text."""
        fast = self.__dict__.setdefault("_fast", {})
        if index not in fast:
            fast[index] = (vectorizer.build_analyzer(), vectorizer.vocabulary_, np.asarray(vectorizer.idf_))
        analyze, vocabulary, idf = fast[index]
        indptr, indices, data = [0], [], []
        for text in texts:
            counts: dict = {}
            for term in analyze(text):
                column = vocabulary.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            columns = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
            weights = (1.0 + np.log([counts[c] for c in columns])) * idf[columns] if len(columns) else np.zeros(0)
            norm = np.sqrt(np.dot(weights, weights))
            indices.extend(columns.tolist())
            data.extend((weights / norm if norm > 0 else weights).tolist())
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (
                np.asarray(data, dtype=np.float64),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32),
            ),
            shape=(len(texts), len(idf)),
        )

    def fit(self, texts: Sequence[str], labels: Sequence[str], dense: Optional[np.ndarray] = None) -> IntentModel:
        features = self._features(list(texts), dense, fit=True)
        self._classifier.fit(features, list(labels))
        self.__dict__.pop("_weights_t", None)
        self.labels = [str(label) for label in self._classifier.classes_]
        return self

    def predict_proba(self, texts: Sequence[str], dense: Optional[np.ndarray] = None) -> np.ndarray:
        """The same probabilities as scikit-learn's ``predict_proba`` (multinomial: the softmax
        of ``X @ coef_.T + intercept_``), with the weights kept in row order once. scikit-learn
        multiplies the sparse features with ``coef_.T``, a transposed view, which scipy copies
        whole (labels x features) on every call: most of the parse time of a message."""
        features = self._features(list(texts), dense)
        if not self._multinomial():
            return self._classifier.predict_proba(features)
        scores = np.asarray(features @ self._weights()) + self._classifier.intercept_
        return softmax(scores, copy=False)

    def _multinomial(self) -> bool:
        c = self._classifier
        return len(c.classes_) > 2 and (
            c.multi_class == "multinomial" or (c.multi_class == "auto" and c.solver != "liblinear")
        )

    def _weights(self) -> np.ndarray:
        weights = self.__dict__.get("_weights_t")
        if weights is None:
            weights = self.__dict__["_weights_t"] = np.ascontiguousarray(self._classifier.coef_.T)
        return weights

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_weights_t", None)  # derived from the classifier; not stored with the model
        state.pop("_fast", None)  # derived from the vectorizers
        return state

    def predict(self, texts: Sequence[str], dense: Optional[np.ndarray] = None) -> List[str]:
        probabilities = self.predict_proba(texts, dense)
        return [self.labels[i] for i in probabilities.argmax(axis=1)]


def intent_of(label: str) -> str:
    """ "faq/vog" -> "faq"; other labels are intents already."""
    return label.split(RETRIEVAL_SEPARATOR, 1)[0]


def grouped(labels: Sequence[str], probabilities: np.ndarray, best: Optional[str] = None) -> List[Tuple[str, float]]:
    """Intent probabilities (FAQ topics summed into "faq") for one message. The intent of
    the single most likely label ``best`` comes first: thirty small FAQ topics together
    must not outweigh one clear intent."""
    totals = {}
    for label, probability in zip(labels, probabilities):
        totals[intent_of(label)] = totals.get(intent_of(label), 0.0) + float(probability)
    ranking = sorted(totals.items(), key=lambda item: -item[1])
    if best is not None:
        ranking.sort(key=lambda item: item[0] != intent_of(best))
    return ranking
