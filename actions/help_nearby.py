"""Help nearby: the help points for a place the user names, and whether a message names one."""
from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType, SlotSet

from bot.dialogue import replies
from bot.dialogue.replies import Reply
from bot.dialogue.turn import Turn


def places_named(text: str) -> bool:
    """Whether a message names a place exactly (no typo matching: "halen" is not Leudal)."""
    from bot.places.gazetteer import gazetteer

    try:
        return bool(gazetteer().find(text, fuzzy=False))
    except Exception:  # noqa: BLE001 - no region data: the town will be asked for
        return False


def give_informatiepunt(
    turn: Turn, lang: str, fuzzy: bool = True
) -> tuple[List[Reply], List[EventType]]:
    """Help for the place the user names; asks again when the name fits several places."""
    answer = replies.regional_help(lang, turn.text, fuzzy=fuzzy)
    if answer.ambiguous:
        return answer.replies, [SlotSet("awaiting_town", True)]
    events: List[EventType] = [SlotSet("awaiting_town", False)]
    if answer.municipality:
        events.append(SlotSet("town", answer.municipality))
    return answer.replies, events
