"""Our cheaper LogisticRegressionClassifier gives Rasa's own feature matrix (scaled to unit rows
when configured so), and its loaded weights predict exactly what Rasa's would, without the copy
per parse."""
import numpy as np
import pytest
import scipy.sparse as sp
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from bot.rasa.linear_intent_classifier import LinearIntentClassifier

pytestmark = pytest.mark.unit


def message(rng, width=40):
    m = Message(data={TEXT: "x"})
    tokens = rng.integers(1, 5)
    m.add_features(Features(sp.coo_matrix(rng.integers(0, 2, (tokens, width))),
                            FEATURE_TYPE_SEQUENCE, TEXT, "words"))
    m.add_features(Features(sp.coo_matrix(rng.integers(0, 3, (1, width))),
                            FEATURE_TYPE_SENTENCE, TEXT, "words"))
    m.add_features(Features(sp.coo_matrix(rng.integers(0, 2, (1, width))),
                            FEATURE_TYPE_SENTENCE, TEXT, "chars"))
    return m


def bare(cls, **config):
    instance = object.__new__(cls)  # _create_X reads nothing of the instance but its config
    instance.config = {**cls.get_default_config(), **config}
    return instance


def test_the_feature_matrix_is_rasas():
    rng = np.random.default_rng(7)
    messages = [message(rng) for _ in range(25)]
    ours = bare(LinearIntentClassifier)._create_X(messages)
    theirs = bare(LogisticRegressionClassifier)._create_X(messages)
    assert ours.shape == theirs.shape and (ours != theirs).nnz == 0


def test_normalized_rows_weigh_a_long_story_like_a_short_question():
    rng = np.random.default_rng(5)
    messages = [message(rng) for _ in range(25)]
    ours = bare(LinearIntentClassifier, normalize=True)._create_X(messages)
    theirs = bare(LogisticRegressionClassifier)._create_X(messages)
    lengths = np.sqrt(np.asarray(ours.multiply(ours).sum(axis=1))).ravel()
    assert np.allclose(lengths[lengths > 0], 1.0)
    # the same direction as Rasa's row: only its length changed
    dense, raw = ours.toarray(), theirs.toarray()
    for row, original in zip(dense, raw, strict=True):
        if original.any():
            assert np.allclose(row * np.linalg.norm(original), original)


def test_the_configured_regularisation_reaches_the_model():
    from rasa.engine.storage.resource import Resource

    classifier = LinearIntentClassifier({"C": 30, "normalize": True}, "intents", None,
                                        Resource("intents"))
    assert classifier.clf.C == 30 and classifier.config["normalize"] is True


def test_loaded_weights_are_column_major_and_predict_the_same(monkeypatch):
    rng = np.random.default_rng(3)
    X = sp.csr_matrix(rng.integers(0, 3, (60, 200)).astype(float))
    y = rng.choice(["a", "b", "c"], 60)
    clf = LogisticRegression(max_iter=200).fit(X, y)
    before = clf.predict_proba(X)
    loaded = bare(LinearIntentClassifier)
    loaded.clf = clf
    monkeypatch.setattr(LogisticRegressionClassifier, "load",
                        classmethod(lambda cls, *a, **k: loaded))
    assert LinearIntentClassifier.load() is loaded
    assert clf.coef_.T.flags["C_CONTIGUOUS"]  # no copy in the product any more
    assert np.array_equal(clf.predict_proba(X), before)
