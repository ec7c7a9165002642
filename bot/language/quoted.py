"""The worker's own words: a message without the passages it quotes. Workers paste the letter or
the coordinator's WhatsApp they do not understand ("ce inseamna?? 'Beste bewoners, vanaf 1 juli
wordt de huur ...'"): the quote is Dutch or English, the question around it is in the language
the worker reads."""
from __future__ import annotations

import re

# A quoted passage: a quote mark after a space, a colon or the start, words, the closing mark
# before a space, punctuation or the end ("don't" and "i'm" are no quotes).
_QUOTED = re.compile(r"""(?:^|(?<=[\s:(]))(['"“”„«»‘’]{1,2})(?=\S)(.+?)(?<=\S)['"“”„«»‘’]{1,2}"""
                     r"""(?=[\s.,;:!?)]|$)""", re.DOTALL)
_WORDS = re.compile(r"[^\W\d_]+")
# A quote of fewer words is a term the worker asks about ("what is 'inhouding'?"): theirs.
QUOTE_MIN_WORDS = 4
# What is left must be this many words to be read alone.
OWN_MIN_WORDS = 2
# Longer texts are read as they are: the search for quotes grows with the square of the length
# (2,500 characters of quote marks cost about 10 ms; detection reads 2,000 characters).
OWN_WORDS_MAX_CHARS = 2500


def own_words(text: str) -> str:
    """The text without quoted passages of QUOTE_MIN_WORDS words or more, where enough is left."""
    if not text or len(text) > OWN_WORDS_MAX_CHARS \
            or not any(mark in text for mark in "'\"“”„«»‘’"):
        return text
    rest = _QUOTED.sub(lambda m: " " if len(_WORDS.findall(m.group(2))) >= QUOTE_MIN_WORDS
                       else m.group(0), text)
    return rest if rest != text and len(_WORDS.findall(rest)) >= OWN_MIN_WORDS else text
