"""Help nearby: the help points for a place the user names or named before, or the question
"which town?" when no place is known yet."""
from __future__ import annotations

from bot.dialogue import replies
from bot.dialogue.outcome import Outcome
from bot.dialogue.turn import Turn

HELP_NEARBY = "find_informatiepunt"


def give_informatiepunt(turn: Turn, lang: str, fuzzy: bool = True) -> Outcome:
    """Help for the place the user names; asks again when the name fits several places."""
    answer = replies.regional_help(lang, turn.text, fuzzy=fuzzy)
    if answer.ambiguous:
        return Outcome.of(answer.replies, slots={"awaiting_town": True})
    slots = {"awaiting_town": False}
    if answer.municipality:
        slots["town"] = answer.municipality
    return Outcome.of(answer.replies, slots=slots, topic=HELP_NEARBY, place=answer.municipality)


def help_for_remembered_town(lang: str, town: str | None) -> Outcome:
    """The help points of the place named earlier, without asking again; or "which town?"."""
    if town:
        return Outcome.of(replies.regional_help(lang, town, fuzzy=False).replies,
                          topic=HELP_NEARBY, place=town)
    return Outcome.of(replies.ask_town(lang), slots={"awaiting_town": True})
