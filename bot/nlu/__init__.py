"""Rasa NLU components of ours. The logic they call lives in bot/ and is tested without Rasa."""
