"""The dialogue without Rasa: one user turn read once (`turn`) and what the bot says to it
(`replies`), as plain data that the Rasa actions only dispatch.
"""
