"""The dialogue without Rasa: one user turn read once (`turn`: language, place, amounts,
follow-up, topics), what the conversation already knows (`context`), follow-ups (`follow_ups`),
every problem a message raises (`several_topics`, with `phrases` for the word lists in
data/dialogue/), what the bot says (`replies`) and what a turn did (`outcome`), as plain data
that the Rasa actions only dispatch. May import every package but staff/, web/ and rasa/.
"""
