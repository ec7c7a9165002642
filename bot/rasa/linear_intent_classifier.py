"""Rasa's LogisticRegressionClassifier with the same model and the same predictions, made
cheaper per message (benchmarks/nlu_pipelines.py, parse p95):

- Its weights are kept column-major after loading. scikit-learn multiplies the features by
  `coef_.T`; for a row-major `coef_` SciPy copied the whole weight matrix (classes x 50,000
  features) on every parse to make that transpose contiguous.
- Without dense features (we have none: no model downloads), a message's sparse features are
  used as they are, instead of being stacked beside an empty dense matrix first.

Unlike Rasa's, each message's feature counts are scaled to unit length (`normalize`) before the
model sees them, with a weaker regularisation (`C`) to match: a six-sentence story and a
three-word question then weigh the same, so a long story is no longer pulled towards whichever
topic owns its most frequent words (independent first messages, 5 languages: 0.944 -> 0.960).

It also classifies each clause of a long message (bot/rasa/clause_intents.py), so that a second
problem told in the same story is seen.
"""
from __future__ import annotations

from typing import Any, List

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, vstack
from sklearn.preprocessing import normalize

from bot.rasa.clause_intents import CLAUSE_INTENTS, best_per_clause, clause_rows, clause_spans


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """See the module docstring."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "normalize": False}

    def __init__(self, config: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.clf.C = self.config["C"]

    def _scaled(self, rows: csr_matrix) -> csr_matrix:
        return normalize(rows) if self.config["normalize"] else rows

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            if message.get_dense_features(attribute=TEXT)[1] is not None:
                return self._scaled(super()._create_X(messages))  # Rasa's way for dense features
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            rows.append(csr_matrix(sparse.features) if sparse else csr_matrix([]))
        return self._scaled(vstack(rows, format="csr"))

    def process(self, messages: List[Message]) -> List[Message]:
        messages = super().process(messages)
        for message in messages:
            self._classify_clauses(message)
        return messages

    def _classify_clauses(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        sequence = message.get_sparse_features(attribute=TEXT)[0]
        if sequence is None or len(tokens) != sequence.features.shape[0]:
            return
        spans = clause_spans(message.get(TEXT) or "", tokens)
        if len(spans) < 2:
            return
        probabilities = self.clf.predict_proba(self._scaled(clause_rows(sequence.features, spans)))
        clauses = best_per_clause(probabilities, list(self.clf.classes_))
        message.set(CLAUSE_INTENTS, clauses, add_to_output=True)

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LinearIntentClassifier:
        loaded = super().load(*args, **kwargs)
        clf = getattr(loaded, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)
        return loaded
