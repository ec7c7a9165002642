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
    lists = phrase_lists("follow_ups")
    forms = [message]
    # "а към кого да се обърна?", "and where can I go?": one word that only joins on ("a", "and",
    # "en") may go before the phrase.
    if len(message) > 1 and any(message[:1] == lead for leads in lists["lead_in"].values()
                                for lead in leads):
        forms.append(message[1:])
    best: tuple[int, str] | None = None
    for form in forms:
        for kind in KINDS:
            for phrases in lists[kind].values():
                for phrase in phrases:
                    fits = form[:len(phrase)] == phrase
                    if fits and len(form) - len(phrase) <= MAX_EXTRA_WORDS:
                        if best is None or len(phrase) > best[0]:
                            best = (len(phrase), kind)
    return best[1] if best else None
