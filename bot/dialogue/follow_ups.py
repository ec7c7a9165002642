"""Short follow-ups ("and then?", "where can I go with this?", "really?", "ok"), recognised from
the phrase lists in data/dialogue/follow_ups.yml in any of our languages, whatever the classifier
made of them: on their own they look like greetings, goodbyes or nothing at all."""
from __future__ import annotations

from bot.dialogue.phrases import phrase_lists, words

# A follow-up phrase may be followed by a few more words ("a potem co?", "ok dzieki za pomoc").
MAX_EXTRA_WORDS = 2
KINDS = ("next", "where", "is_that_so", "thanks", "how_much")
# "How much?" after a topic: the answer that holds its amounts.
AMOUNTS_OF = {
    "ask_wage_deductions": "ask_wage_deductions", "ask_housing_contract": "ask_wage_deductions",
    "ask_minimum_wage": "ask_minimum_wage", "ask_unpaid_wages": "ask_minimum_wage",
    "ask_payslip": "ask_minimum_wage", "ask_holiday_allowance": "ask_holiday_allowance",
    "ask_sick_pay": "ask_sick_pay", "ask_temp_agency": "ask_minimum_wage",
}


def follow_up_kind(text: str) -> str | None:
    """The kind of follow-up a message is, or None. The longest phrase that fits wins."""
    message = words(text)
    if not message or (text or "").lstrip().startswith("/"):
        return None
    best: tuple[int, str] | None = None
    for kind, by_lang in phrase_lists("follow_ups").items():
        for phrases in by_lang.values():
            for phrase in phrases:
                fits = message[:len(phrase)] == phrase
                if fits and len(message) - len(phrase) <= MAX_EXTRA_WORDS:
                    if best is None or len(phrase) > best[0]:
                        best = (len(phrase), kind)
    return best[1] if best else None
