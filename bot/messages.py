"""Every string the bot says that is not an FAQ answer, in English, marked for Babel.

`N_` only marks a string for extraction (`make translations`); `bot.i18n.gettext` translates it
at the moment of speaking, into the conversation language.
"""
from __future__ import annotations


def N_(message: str) -> str:
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
# Every topic by name: the buttons that offer the other problems of a message.
TOPIC_TITLES: dict[str, str] = {
    **TOPIC_BUTTONS,
    "ask_unpaid_wages": N_("My pay is missing or too low"),
    "report_abuse": N_("Report abuse"),
    "ask_minimum_wage": N_("The minimum wage"),
    "ask_payslip": N_("My payslip"),
    "ask_holiday_allowance": N_("Holiday pay"),
    "ask_registration": N_("Registration and BSN"),
    "ask_sick_pay": N_("Pay when I am sick"),
    "ask_dismissal": N_("Dismissal"),
    "ask_work_accident": N_("An accident at work"),
    "ask_temp_agency": N_("Temp agencies"),
    "ask_homelessness": N_("No place to sleep"),
}
# Translators: above buttons with the other problems the user wrote about in the same message.
ALSO_ASKED = N_("You also wrote about this. Tap to read more:")
# Translators: the next step after an answer, before the contact details of help nearby.
NEXT_STEP = N_(
    "What you can do now: talk to people who can look at your papers with you and help you take "
    "the next step."
)
# Translators: {date} is a date already written in your language.
IS_IT_ALLOWED = N_(
    "The answer above says what the rules allow. It comes from the official sources under it. "
    "It was last checked on {date}. Whether what happens to you is allowed, a person can check "
    "with you."
)
IS_THAT_SO = N_(
    "Yes. This answer comes from the official sources under it. It was last checked on {date}. "
    "If your situation is different, ask a person to look at it."
)
ACKNOWLEDGED = N_("OK. Write to me any time if you have another question.")
CHECK_WITH_AMOUNTS = N_("Check my pay with these amounts")
# Translators: said when a new question ends the pay check or the insurance date check.
CHECK_ENDED = N_("I stopped the check to answer your question. You can start it again later.")

# After a labour inspection (QR card, src=nla) these topics come first.
INSPECTION_TOPIC_BUTTONS: dict[str, str] = {
    "ask_unpaid_wages": TOPIC_TITLES["ask_unpaid_wages"],
    "ask_passport_held": TOPIC_BUTTONS["ask_passport_held"],
    "report_abuse": TOPIC_TITLES["report_abuse"],
    "find_informatiepunt": TOPIC_BUTTONS["find_informatiepunt"],
    "ask_human": TOPIC_BUTTONS["ask_human"],
}

# Translators: follows a minimum wage whose period has ended; {until} and {next_day} are dates
# already written in your language.
WAGE_EXPIRED = N_(
    "This amount applied until {until}. Since {next_day} a new minimum wage applies, and I do not "
    "know it yet. Check the amount on rijksoverheid.nl, or ask an informatiepunt."
)
# Translators: {date} is a date in your language; {shares} is a list such as "20: 87.5%, 19: 75%".
YOUTH_PLANNED = N_(
    "From {date} the minimum wage for workers under 21 is planned to rise. As a share of the "
    "amount for 21 and older, by age: {shares}."
)

# Translators: {end} and {until} are dates already written in your language; {days} is a number.
INSURED_UNTIL = N_(
    "If you are no longer insured through work from {end}, or you leave the Netherlands: your "
    "health insurance runs on until {until} at the latest ({days} days). If you start new work, "
    "arrange new insurance before then. After that date you can still get urgent medical care. "
    "Still living in the Netherlands? You may stay insured as a resident: ask your insurer."
)

# --- Deduction check and insurance date (calculators) ---
CHECK_PAY_BUTTON = N_("Check my pay")
CHECK_INSURANCE_BUTTON = N_("Until when am I insured?")
CHECK_INTRO = N_(
    "Let's check your pay. I will ask a few short questions. Write \"stop\" to stop at any time."
)
ASK_AGE = N_("How old are you? For example: 25.")
AGE_21_PLUS = N_("21 or older")
ASK_HOURS = N_("How many hours did you work in this pay period? For example: 40 for one week.")
ASK_GROSS = N_(
    "What was your gross pay for these hours, before anything was taken off? For example: 600."
)
ASK_HOUSING = N_("How much was taken off for housing? Write 0 if nothing.")
ASK_INSURANCE = N_("How much was taken off for health insurance? Write 0 if nothing.")
ASK_OTHER = N_(
    "How much was taken off for everything else together: transport, fines, fees, other? "
    "Write 0 if nothing."
)
ASK_PERIOD = N_(
    "Which pay period is this payslip for? Tap a button, or write the month (for example: "
    "November) or a day of that week (for example: 14.11).")
THIS_WEEK = N_("This week")
THIS_MONTH = N_("This month")
LAST_MONTH = N_("Last month")
INVALID_PERIOD = N_("I could not read the pay period. Tap a button, or write the month, for "
                    "example: November.")
# Translators: {start} and {end} are dates already written in your language.
RESULT_PERIOD = N_("Pay period: {start} to {end}.")
# Translators: {example} is a number such as 600.
INVALID_NUMBER = N_("Please write one number, for example: {example}.")
# Translators: write the example date the way people in your language write it.
ASK_JOB_END = N_("On which day did your job end? For example: 14.11 or 14 November.")
INVALID_DATE = N_("I could not read that date. Please write it like this: 14.11.2026.")
CHECK_STOPPED = N_("OK, I stopped. What else would you like to know?")
# Translators: {minimum}, {hourly} are amounts, {since} a date, all already in your language.
RESULT_MINIMUM = N_(
    "For {hours} hours at age {age}, the minimum wage is {minimum} gross ({hourly} per hour, the "
    "rate from {since} to {until})."
)
# Translators: {until} is a date in your language.
RESULT_NO_RATE = N_(
    "I do not know a confirmed minimum wage for this pay period: the last amount I know applied "
    "until {until}. So I cannot say whether your pay or the deductions are too high or too low. "
    "The rules still apply: housing and health insurance only with your written consent, and "
    "other costs never below the minimum wage. Check the amount on rijksoverheid.nl, or ask an "
    "informatiepunt."
)
RESULT_UNDERPAID = N_(
    "Your gross pay of {gross} is {gap} below the minimum wage. That is not allowed."
)
# Translators: {share} is a percentage such as 25%.
RESULT_HOUSING_OK = N_(
    "Housing: {housing} is within the maximum of {cap} ({share} of the minimum wage). It is only "
    "allowed if you agreed in writing, the housing is certified, and it is not more than the "
    "real cost of the housing."
)
RESULT_HOUSING_HIGH = N_(
    "Housing: {housing} is {over} more than the maximum of {cap} ({share} of the minimum wage). "
    "That is not allowed."
)
RESULT_INSURANCE = N_(
    "Health insurance: {insurance} may only be taken off if you agreed in writing and you are "
    "the policy holder."
)
RESULT_OTHER_OK = N_(
    "Other costs: {other} stay within the part of your pay above the minimum wage ({allowed})."
)
RESULT_OTHER_HIGH = N_(
    "Other costs: {other} take your pay below the minimum wage. At most {allowed} may be taken "
    "off for these."
)
RESULT_END = N_(
    "This is a quick check, not legal advice. Get it checked: an informatiepunt, the Juridisch "
    "Loket, or the Labour Inspectorate 0800 51 51 (free)."
)

# --- A person: the worker's question left for the informatiepunt team (bot/handover/) ---
HANDOVER_OFFER = N_("Leave my question for the team")
# Translators: {team} is e.g. "the informatiepunt team for Noord-Limburg"; {days} a number;
# {when} the operator's wording from data/handover.yml, e.g. "on working days during office hours".
HANDOVER_EXPLAIN = N_(
    "You can leave your question for {team}. A person reads it and answers here, {when}.\n"
    "- What is sent: your question, your language and your region. Your last messages only if "
    "you say so.\n"
    "- It is kept for {days} days after the last answer, then deleted.\n"
    "- Changed your mind? Write \"stop\" or tap \"Withdraw my question\": it is deleted at "
    "once.\n"
    "Write your question in one message."
)
# Translators: {team} as above.
HANDOVER_CONSENT = N_("Shall I send this question to {team}?")
HANDOVER_SEND = N_("Yes, send it")
HANDOVER_SEND_ALL = N_("Yes, with my last messages")
HANDOVER_CANCEL = N_("No, do not send")
HANDOVER_CANCELLED = N_("OK, nothing was sent.")
# Translators: {team} as above.
HANDOVER_SENT = N_(
    "Your question is with {team}. You will get the answer here. Write \"stop\" to take it back."
)
HANDOVER_WITHDRAW = N_("Withdraw my question")
HANDOVER_ADD = N_("Add this to my question for the team")
HANDOVER_ADDED = N_("Added to your question. The team sees it with your question.")
HANDOVER_WITHDRAWN = N_("Your question is deleted. Nothing of it is kept.")
# Translators: {region} is the name of a Dutch region, e.g. Noord-Limburg.
TEAM_REGION = N_("the informatiepunt team for {region}")
TEAM_NATIONAL = N_("the national team of the informatiepunten")
# Translators: above a reply written by a person, not by the bot.
PERSON_REPLIED = N_("A person from the informatiepunt replied:")
# On WhatsApp, after the worker tapped "show the reply" when none is waiting any more.
PERSON_NO_REPLY_YET = N_("There is no new reply for you yet. We will send it here.")
# Translators: added to the explanation on WhatsApp only.
HANDOVER_EXPLAIN_PHONE = N_(
    "- On WhatsApp your phone number is kept with the question, only to send you the answer. "
    "It is deleted with the question."
)

# --- Web chat page ---
PAGE_TITLE = N_("Work in NL: help for workers from abroad")
PAGE_INTRO = N_(
    "Ask about pay, housing, health insurance or documents in the Netherlands. Answers come from "
    "official sources. This is an automated assistant."
)
INPUT_LABEL = N_("Your question")
SEND = N_("Send")
LANGUAGE_LABEL = N_("Language")
CHAT_ERROR = N_("Something went wrong. Please try again in a moment, or look at workinnl.nl.")
CHAT_SLOW_DOWN = N_("You are sending messages very fast. Please wait a minute, then write again.")
# Translators: read out by screen readers before each message of the chat.
SPEAKER_YOU = N_("You:")
SPEAKER_BOT = N_("Work in NL:")
TYPING = N_("Writing an answer…")
OFFLINE_QUEUED = N_(
    "No internet connection. Your message is saved on this phone and will be sent when you are "
    "online again."
)
SHARE = N_("Send to a friend")
COPIED = N_("Copied. You can paste it into a message.")
LISTEN = N_("Listen")
# A button under an answer with a day the bot worked out: a calendar file, made on the phone.
ADD_TO_CALENDAR = N_("Add to calendar")
# Translators: the title of that calendar entry (the last day of health insurance).
CALENDAR_INSURED = N_("Last day of my health insurance")
FORGET = N_("Forget this conversation")
FORGOTTEN = N_("The conversation is deleted from this phone.")
# Translators: shown when the phone's browser cannot run the chat. Keep the phone number.
NOSCRIPT = N_(
    "This chat needs JavaScript, which is switched off in your browser. For help now, call the "
    "Labour Inspectorate free on 0800 51 51, or look at workinnl.nl."
)

# Sent by the channel itself when the bot produced no answer (e.g. the action server is down).
BOT_UNAVAILABLE = N_(
    "Sorry, I cannot answer right now. Please try again in a few minutes. "
    "Information and help: workinnl.nl"
)

# --- QR cards that labour inspectors hand out (two short lines under the code) ---
CARD_LINE_1 = N_("Problems with pay, housing or your passport?")
CARD_LINE_2 = N_("Scan the code: free information in your language.")
CARD_WHATSAPP = N_("Or on WhatsApp")

# Answer to a voice note, photo or location on WhatsApp.
MEDIA_NOT_READ = N_(
    "I can only read text messages. Please write your question, or choose a topic:"
)

# --- Regional help (informatiepunten) ---
# Translators: {place} is a Dutch town, {region} a Dutch region name; keep them as they are.
IN_REGION = N_("{place} is in the region {region}. Help for labour migrants there:")
POINT_HELPS = N_("Free information and help for labour migrants.")
POINT_PLANNED = N_("Announced on {date}: check on workinnl.nl whether it is open.")
POINT_UNCONFIRMED = N_(
    "Not confirmed that this point is still open: check on workinnl.nl or call before you go.")
# Translators: the day someone checked this help point's record; {date} is already in your language.
RECORD_CHECKED = N_("Record checked on {date}")
PHONE = N_("Phone:")
OPENING_HOURS = N_("Opening hours:")
# Translators: {municipality} is a Dutch municipality name.
NO_POINT = N_(
    "I have no information point on record for this region. You can ask your municipality "
    "({municipality}), or use the national help:"
)
WHICH_PLACE = N_("There is more than one place with that name. Which one do you mean?")
EMAIL = N_("E-mail:")
