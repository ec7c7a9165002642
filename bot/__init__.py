"""The Work in NL chatbot's own logic, independent of Rasa where it can be.

Rasa-specific glue lives in `bot.nlu` (NLU components) and in the top-level `actions/` package.
"""
