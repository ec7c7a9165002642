"""Every string the bot says that is not an FAQ answer, in English, marked for Babel.

`N_` only marks a string for extraction (`make translations`); `bot.i18n.gettext` translates it
at the moment of speaking, into the conversation language.
"""
from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    return message


GREETING = N_(
    "Hello! I answer questions about work and life in the Netherlands for workers from abroad. "
    "Write your question in your own words, or choose a topic."
)
GOODBYE = N_("Goodbye, and take care. You can write to me again at any time.")
THANKS = N_("You are welcome. Can I help you with something else?")
# Translators: said when the user asks whether they talk to a robot or a person. Keep it honest.
BOT_CHALLENGE = N_(
    "I am an automated assistant: a computer program, not a person. My answers come from "
    "official Dutch sources. If you want to talk to a person, choose \"Talk to a person\"."
)
AFFIRM = N_("Good. What else would you like to know?")
DENY = N_("All right. Choose a topic or write your question in your own words.")
NOT_UNDERSTOOD = N_(
    "Sorry, I did not understand that. Choose a topic, or write your question in other words."
)
OUT_OF_SCOPE = N_(
    "Sorry, I can only help with work, pay, housing, health insurance and documents in the "
    "Netherlands. Choose a topic:"
)
CHOOSE_TOPIC = N_("Choose a topic:")
# Translators: shown above the language buttons; it is shown in all languages at once.
CHOOSE_LANGUAGE = N_("Choose your language:")
# Translators: confirms the switch; write it in your own language ("I will write in Polish").
LANGUAGE_SET = N_("OK, from now on I will write in English.")
UNSUPPORTED_LANGUAGE = N_(
    "Sorry, I do not speak that language yet. Please choose one of these languages:"
)
ASK_TOWN = N_(
    "In which town or municipality do you live or work? You can also write your postcode."
)
NO_ANSWER_YET = N_(
    "I do not have a checked answer on this topic yet. Please look at workinnl.nl, or ask an "
    "informatiepunt for labour migrants or the Juridisch Loket (free legal advice)."
)
EMPTY_MESSAGE = N_("Your message was empty. Please write your question.")
# Translators: label before the links to official sources of an answer.
SOURCES = N_("Sources:")
# Translators: {date} is a date already written in your language, e.g. "3 lutego 2026".
LAST_CHECKED = N_("Last checked: {date}")

# Topic buttons of the menu, in menu order.
TOPIC_BUTTONS: dict[str, str] = {
    "ask_wage_deductions": N_("Deductions from my pay"),
    "ask_housing_contract": N_("Rent contract and housing"),
    "ask_health_insurance": N_("Health insurance"),
    "ask_passport_held": N_("My passport is being kept"),
    "find_informatiepunt": N_("Help near me"),
    "ask_human": N_("Talk to a person"),
}

# Translators: follows the latest known minimum wage when the date is past its known period.
WAGE_NOT_CURRENT = N_(
    "This is the latest amount I know. It changes on 1 January and 1 July: check today's amount "
    "on rijksoverheid.nl."
)

# Translators: {end} and {until} are dates already written in your language; {days} is a number.
INSURED_UNTIL = N_(
    "Your job ended on {end}: your health insurance runs on until {until} at the latest "
    "({days} days). If you start new work, arrange new insurance before then. After that date "
    "you can still get urgent medical care."
)
