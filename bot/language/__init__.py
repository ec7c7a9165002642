"""Language: which of our languages a message is in (`detection`, with the character n-gram
model in `char_ngrams` and the word lists in data/language/), which language the conversation
keeps (`conversation_policy`), an explicit choice in the user's words (`explicit_choice`), the
registry of supported languages (`registry`) and the folding of phone-typed text (`folding`).
Imports nothing of the bot but itself; everyone may import it.
"""
