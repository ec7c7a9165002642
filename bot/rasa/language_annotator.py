"""Adds `language` to every parse result: {"code": "pl", "confidence": 0.97} (design §2).

`code` is one of the supported languages or None; `unsupported` appears when the message looks
like a language we do not speak. Detection itself is bot.language.detection; this is only the Rasa
glue.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.detection import DETECT_MAX_CHARS, detect

LANGUAGE_KEY = "language"

@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class LanguageAnnotator(GraphComponent):
    """Annotates each message with its detected language."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageAnnotator:
        detect("warm up")  # build the n-gram model now, not on a user's first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            guess = detect(text[:DETECT_MAX_CHARS])
            message.set(LANGUAGE_KEY, guess.as_dict(), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
