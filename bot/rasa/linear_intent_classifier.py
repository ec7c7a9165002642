"""Rasa's LogisticRegressionClassifier with the same model and the same predictions, made
cheaper per message (benchmarks/nlu_pipelines.py, parse p95):

- Its weights are kept column-major after loading. scikit-learn multiplies the features by
  `coef_.T`; for a row-major `coef_` SciPy copied the whole weight matrix (classes x 50,000
  features) on every parse to make that transpose contiguous.
- Without dense features (we have none: no model downloads), a message's sparse features are
  used as they are, instead of being stacked beside an empty dense matrix first.

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

from bot.rasa.clause_intents import CLAUSE_INTENTS, best_per_clause, clause_rows, clause_spans


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """See the module docstring."""

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            if message.get_dense_features(attribute=TEXT)[1] is not None:
                return super()._create_X(messages)  # Rasa's own way for dense features
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            rows.append(csr_matrix(sparse.features) if sparse else csr_matrix([]))
        return vstack(rows, format="csr")

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
        probabilities = self.clf.predict_proba(clause_rows(sequence.features, spans))
        clauses = best_per_clause(probabilities, list(self.clf.classes_))
        message.set(CLAUSE_INTENTS, clauses, add_to_output=True)

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LinearIntentClassifier:
        loaded = super().load(*args, **kwargs)
        clf = getattr(loaded, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)
        return loaded
