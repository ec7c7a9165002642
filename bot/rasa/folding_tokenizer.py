"""WhitespaceTokenizer whose token lemmas are folded (bot.language.folding.fold_token).

The featurizers read lemmas, so 'zabrał' and 'zabral', 'паспорт' and 'pasport', '6efa' and
'shefa' share features, while token text and offsets stay the user's own for entity extraction.
Very long messages keep only their first MAX_TOKENS tokens: a 50 KB paste must not stall DIET.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.folding import fold_token

MAX_TOKENS = 200


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class FoldingWhitespaceTokenizer(WhitespaceTokenizer):
    """Whitespace tokens with diacritic-free, transliterated lemmas for featurization."""

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        if attribute != TEXT:
            return tokens
        tokens = tokens[:MAX_TOKENS]
        for token in tokens:
            token.lemma = fold_token(token.text)
        return tokens
