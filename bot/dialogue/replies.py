"""What the bot says, as plain data: a list of Reply (text and buttons) for each situation, in
the conversation language. Rasa actions only dispatch these, so all of it is testable without Rasa.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from bot import clock
from bot import messages as M
from bot.answers.fact_values import answer_values, fill_in
from bot.answers.library import current_answer
from bot.calculators.dates import find_date
from bot.calculators.insured_until import insured_until, run_on_days
from bot.i18n import format_day, translate
from bot.language.registry import SUPPORTED_LANGUAGES, native_name

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default=())
    # A day the bot worked out (ISO, e.g. the last insured day): the web chat offers it as an
    # "Add to calendar" file made on the phone.
    calendar: str | None = None


def language_buttons() -> tuple[Button, ...]:
    return tuple(
        Button(native_name(code), "/choose_language" + json.dumps({"lang": code}))
        for code in SUPPORTED_LANGUAGES
    )


def topic_buttons(lang: str | None, source: str | None = None) -> tuple[Button, ...]:
    """The topic menu; workers who come from a labour inspection (src=nla) see its topics first."""
    menu = M.INSPECTION_TOPIC_BUTTONS if source == "nla" else M.TOPIC_BUTTONS
    return tuple(Button(translate(lang, title), f"/{intent}") for intent, title in menu.items())


def language_menu() -> list[Reply]:
    """Nothing known about the language: ask in every language at once."""
    prompt = " / ".join(translate(code, M.CHOOSE_LANGUAGE) for code in SUPPORTED_LANGUAGES)
    return [Reply(prompt, language_buttons())]


def unsupported_language_menu() -> list[Reply]:
    return [Reply(translate("en", M.UNSUPPORTED_LANGUAGE), language_buttons())]


def topic_menu(lang: str, message: str = M.CHOOSE_TOPIC) -> list[Reply]:
    return [Reply(translate(lang, message), topic_buttons(lang))]


def faq_answer(topic: str, lang: str, today: dt.date | None = None) -> list[Reply]:
    """The checked answer for a topic with its sources and date, or an honest 'not yet'."""
    answer = current_answer(topic)
    text = answer.text(lang) if answer else None
    if answer is None or text is None:
        return topic_menu(lang, M.NO_ANSWER_YET)
    text = fill_in(text, answer_values(lang, today or clock.today()))
    footer = "\n".join([
        source_lines(lang, answer),
        translate(lang, M.LAST_CHECKED, date=format_day(lang, answer.last_checked)),
    ])
    return [Reply(f"{text}\n\n{footer}", follow_up_buttons(lang, topic))]


def source_lines(lang: str, answer) -> str:
    """ "Sources:" and one "Title: https://..." line per source: WhatsApp links the address, the
    web chat shows the title as the link (bot/web/static/chat.js), and a screen reader reads
    the title instead of a 100-character address."""
    lines = [translate(lang, M.SOURCES)]
    lines += [f"{s.title}: {s.url}" if s.title else s.url for s in answer.sources if s.url]
    return "\n".join(lines)


def topic_answer(topic: str, lang: str, text: str, today: dt.date | None = None) -> list[Reply]:
    """The answer to a topic question; numbers the user gave are worked out first."""
    today = today or clock.today()
    replies: list[Reply] = []
    if topic == "ask_health_insurance":
        ended = find_date(text, today)
        if ended:
            replies.append(insured_until_reply(lang, ended))
    return replies + faq_answer(topic, lang, today)


def insured_until_reply(lang: str, job_ended: dt.date) -> Reply:
    """The last day health insurance runs on after the job ended, in the user's language."""
    last_day = insured_until(job_ended)
    return Reply(translate(lang, M.INSURED_UNTIL, end=format_day(lang, job_ended),
                           until=format_day(lang, last_day), days=str(run_on_days())),
                 calendar=last_day.isoformat())


# Every answer ends with the offer of a person to help: the nearest help point, or a person.
FOLLOW_UPS = ("find_informatiepunt", "ask_human")
# Topics with a calculator offer it first.
CHECK_BUTTONS = {
    "ask_wage_deductions": (M.CHECK_PAY_BUTTON, '/ask_wage_deductions{"check": "pay"}'),
    "ask_health_insurance": (M.CHECK_INSURANCE_BUTTON, '/ask_health_insurance{"check": "date"}'),
}


def follow_up_buttons(lang: str, topic: str) -> tuple[Button, ...]:
    check = CHECK_BUTTONS.get(topic)
    first = (Button(translate(lang, check[0]), check[1]),) if check else ()
    return first + tuple(Button(translate(lang, M.TOPIC_BUTTONS[intent]), f"/{intent}")
                         for intent in FOLLOW_UPS if intent != topic)


def with_extra_button(answer: list[Reply], button: Button) -> list[Reply]:
    """The same messages, the last one with one more button."""
    last = answer[-1]
    return answer[:-1] + [Reply(last.text, last.buttons + (button,))]


def also_asked(lang: str, topics: list[str]) -> list[Reply]:
    """The other problems of the same message, as buttons."""
    buttons = tuple(Button(translate(lang, M.TOPIC_TITLES[t]), f"/{t}") for t in topics
                    if t in M.TOPIC_TITLES)
    return [Reply(translate(lang, M.ALSO_ASKED), buttons)] if buttons else []


def with_check_offer(lang: str, answer: list[Reply]) -> list[Reply]:
    """The deduction answer, its check button now offering the amounts already given."""
    if not answer or not answer[-1].buttons:
        return answer
    last = answer[-1]
    payload = CHECK_BUTTONS["ask_wage_deductions"][1]
    buttons = tuple(Button(translate(lang, M.CHECK_WITH_AMOUNTS), b.payload)
                    if b.payload == payload else b for b in last.buttons)
    return answer[:-1] + [Reply(last.text, buttons)]


def next_step(lang: str, topic: str, town: str | None, today: dt.date | None = None) -> list[Reply]:
    """ "And then?" after an answer: the next step, with the help near the remembered place or
    the national help, and the topic's calculator if it has one."""
    check = CHECK_BUTTONS.get(topic)
    buttons = (Button(translate(lang, check[0]), check[1]),) if check else ()
    intro = [Reply(translate(lang, M.NEXT_STEP), buttons)]
    if town:
        return intro + regional_help(lang, town, today, fuzzy=False).replies
    return intro + faq_answer("find_informatiepunt", lang, today)


def is_that_so(lang: str, topic: str, message: str = M.IS_THAT_SO) -> list[Reply]:
    """ "Really?" (or, with M.IS_IT_ALLOWED, "is that legal?"): where the answer comes from and
    when it was checked, and a person."""
    answer = current_answer(topic)
    if answer is None:
        return not_understood(lang)
    text = translate(lang, message, date=format_day(lang, answer.last_checked))
    return [Reply(f"{text}\n{source_lines(lang, answer)}", follow_up_buttons(lang, topic))]


def acknowledged(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.ACKNOWLEDGED))]


def check_ended(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.CHECK_ENDED))]


def check_intro(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.CHECK_INTRO))]


def language_confirmed(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.LANGUAGE_SET))]


SMALL_TALK = {
    "greet": M.GREETING,
    "goodbye": M.GOODBYE,
    "thank": M.THANKS,
    "bot_challenge": M.BOT_CHALLENGE,
    "affirm": M.AFFIRM,
    "deny": M.DENY,
}
# After these, the topic menu helps the user go on.
_WITH_MENU = {"greet", "bot_challenge", "affirm", "deny"}


def small_talk(intent: str, lang: str, source: str | None = None) -> list[Reply]:
    text = translate(lang, SMALL_TALK[intent])
    buttons = topic_buttons(lang, source) if intent in _WITH_MENU else ()
    return [Reply(text, buttons)]


def not_understood(lang: str, out_of_scope: bool = False) -> list[Reply]:
    return topic_menu(lang, M.OUT_OF_SCOPE if out_of_scope else M.NOT_UNDERSTOOD)


def ask_town(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.ASK_TOWN))]


def empty_message(lang: str) -> list[Reply]:
    return topic_menu(lang, M.EMPTY_MESSAGE)


@dataclass(frozen=True)
class RegionalAnswer:
    replies: list[Reply]
    municipality: str | None = None  # the place found, to remember for the conversation
    ambiguous: bool = False          # the name fits several places: the user is asked which


def regional_help(lang: str, text: str, today: dt.date | None = None,
                  fuzzy: bool = True) -> RegionalAnswer:
    """Help near the place the text names: the region's help points with their contact details
    and check dates, or, where none is on record, the municipality and the national help."""
    from bot.places.gazetteer import gazetteer  # loaded on first use: 7,000 names

    try:
        found = gazetteer().find(text, fuzzy=fuzzy)
    except Exception as error:  # noqa: BLE001 - no region data: never leave a worker without help
        logger.warning("regions unavailable (%s): giving the national help", type(error).__name__)
        return RegionalAnswer(faq_answer("find_informatiepunt", lang, today))
    if len(found) > 1:
        buttons = tuple(Button(f"{m.name}, {m.region_name}", m.name) for m in found[:10])
        return RegionalAnswer([Reply(translate(lang, M.WHICH_PLACE), buttons)], ambiguous=True)
    if not found:
        return RegionalAnswer(faq_answer("find_informatiepunt", lang, today))
    municipality = found[0]
    from bot.answers.fact_updates import point_updates, updated_point

    updates = point_updates()  # what staff changed and approved (four eyes)
    points = [p for p in (updated_point(p, updates) for p in gazetteer().help_points(municipality))
              if p.status != "closed"]
    if not points:
        intro = translate(lang, M.NO_POINT, municipality=municipality.name)
        national = faq_answer("find_informatiepunt", lang, today)
        return RegionalAnswer([Reply(intro)] + national, municipality.name)
    cards = [translate(lang, M.IN_REGION, place=municipality.name, region=municipality.region_name)]
    for point in points:
        lines = [point.name, point.where, translate(lang, M.POINT_HELPS)]
        if point.phone:
            lines.append(f"{translate(lang, M.PHONE)} {point.phone}")
        if point.opening_hours:
            lines.append(f"{translate(lang, M.OPENING_HOURS)} {point.opening_hours}")
        if point.email:
            lines.append(f"{translate(lang, M.EMAIL)} {point.email}")
        if point.website:
            lines.append(point.website)
        if point.status == "planned":
            lines.append(translate(lang, M.POINT_PLANNED,
                                   date=format_day(lang, point.source_date or point.checked)))
        elif point.status == "unconfirmed":
            lines.append(translate(lang, M.POINT_UNCONFIRMED))
        lines.append(f"{translate(lang, M.SOURCES)} {point.source}")
        lines.append(translate(lang, M.RECORD_CHECKED, date=format_day(lang, point.checked)))
        cards.append("\n".join(lines))
    return RegionalAnswer([Reply("\n\n".join(cards),
                                 follow_up_buttons(lang, "find_informatiepunt"))],
                          municipality.name)
