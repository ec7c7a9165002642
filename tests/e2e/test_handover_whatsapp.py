"""A worker on WhatsApp leaves a question for the team and gets the staff reply on WhatsApp:
as a normal message within 24 hours of their last message, else an approved template first and
the reply when they write back; each reply once, marked as a person's, recorded in the Rasa
conversation. The number is kept only encrypted, and only with the handover."""
import datetime as dt
import time

import pytest
import requests
from test_handover import csrf, login
from test_whatsapp_channel import message_body, new_phone, signed_post, text

from bot import messages as M
from bot.i18n import translate

pytestmark = pytest.mark.e2e
PSEUDONYM_KEY = "test-pseudonym-key"  # as the bot fixture gives the Rasa server


def sent_to(graph, phone, after, at_least=1, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = graph.to(phone)[after:]
        if len(got) >= at_least:
            return got
        time.sleep(0.2)
    return graph.to(phone)[after:]


def body_text(message):
    if message["type"] == "text":
        return message["text"]["body"]
    if message["type"] == "interactive":
        return message["interactive"]["body"]["text"]
    return ""


def say(bot, graph, phone, words):
    """Sends a WhatsApp text and waits for the bot's messages."""
    before = len(graph.to(phone))
    assert signed_post(bot, text(phone, words)).status_code == 200
    return sent_to(graph, phone, before)


def tap(bot, graph, phone, payload):
    before = len(graph.to(phone))
    assert signed_post(bot, message_body(phone, {"type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": {"id": payload, "title": "x"}}})).status_code \
        == 200
    return sent_to(graph, phone, before)


def step(messages, name):
    """The payload of the button for one handover step (WhatsApp cuts titles at 20)."""
    found = [b["reply"]["id"] for m in messages if m["type"] == "interactive"
             for b in m["interactive"]["action"].get("buttons", [])
             if f'"handover": "{name}"' in b["reply"]["id"]]
    assert found, messages
    return found[0]


def handover_of(conversation):
    from sqlalchemy import select

    from bot.db.handover_models import Handover
    from bot.db.session import engine_from_url, session_scope

    engine = engine_from_url()
    with session_scope(engine, expire_on_commit=False) as session:
        found = session.execute(select(Handover).where(
            Handover.conversation == conversation)).scalars().all()
    engine.dispose()
    return found


def leave_question_on_whatsapp(bot, graph, phone, question):
    offer = say(bot, graph, phone, "chce porozmawiac z czlowiekiem")
    explained = tap(bot, graph, phone, step(offer, "start"))
    assert translate("pl", M.HANDOVER_EXPLAIN_PHONE) in "\n".join(map(body_text, explained))
    consent = say(bot, graph, phone, question)
    sent = tap(bot, graph, phone, step(consent, "send"))
    assert translate("pl", M.HANDOVER_SENT, team=translate("pl", M.TEAM_NATIONAL)) in \
        "\n".join(map(body_text, sent))
    from bot.channels.whatsapp_cloud import pseudonym

    conversation = pseudonym(PSEUDONYM_KEY, phone)
    time.sleep(0.5)  # the channel keeps the number after the bot has answered
    [handover] = handover_of(conversation)
    return conversation, handover


def staff_reply(web, staff, public_id, words):
    editor = login(web, staff[("editor", "national")])
    page = editor.get(f"{web.url}/staff/handovers/{public_id}", timeout=10).text
    r = editor.post(f"{web.url}/staff/handovers/{public_id}/reply", timeout=30,
                    data={"csrf": csrf(page), "text": words})
    assert r.ok
    return r.text


def person_events(bot, conversation):
    tracker = requests.get(f"{bot.url}/conversations/{conversation}/tracker",
                           params={"token": bot.token}, timeout=10).json()
    return [e["text"] for e in tracker["events"] if e.get("event") == "bot"
            and (e.get("metadata") or {}).get("from_person")]


def test_a_reply_within_24_hours_goes_out_on_whatsapp_once(bot, web, graph, staff):
    phone = new_phone("48")
    conversation, handover = leave_question_on_whatsapp(
        bot, graph, phone, "agencja trzyma moj paszport, co robic")
    assert handover.channel == "whatsapp" and handover.language == "pl"
    assert handover.contact and phone not in handover.contact  # kept, but only encrypted
    before = len(graph.to(phone))
    page = staff_reply(web, staff, handover.public_id, "Dzień dobry, zadzwoń do nas jutro o 10.")
    [reply] = sent_to(graph, phone, before)
    assert reply["type"] == "text"
    assert reply["text"]["body"] == (translate("pl", M.PERSON_REPLIED)
                                     + "\n\nDzień dobry, zadzwoń do nas jutro o 10.")
    assert "delivered" in page
    assert person_events(bot, conversation) == ["Dzień dobry, zadzwoń do nas jutro o 10."]
    # The worker writes again: the reply is not sent a second time.
    later = say(bot, graph, phone, "dziekuje")
    assert not [m for m in later if translate("pl", M.PERSON_REPLIED) in body_text(m)]


def test_outside_24_hours_a_template_first_and_the_reply_when_the_worker_writes(
        bot, web, graph, staff):
    from sqlalchemy import update

    from bot.db.handover_models import Handover
    from bot.db.session import engine_from_url, session_scope
    from bot.handover.delivery import SHOW_REPLY

    phone = new_phone("40")  # a Romanian number, a Polish conversation: Polish replies
    conversation, handover = leave_question_on_whatsapp(
        bot, graph, phone, "nie dostalem wyplaty za pazdziernik")
    engine = engine_from_url()
    with session_scope(engine) as session:  # the worker last wrote 25 hours ago
        session.execute(update(Handover).where(Handover.id == handover.id).values(
            last_worker_at=dt.datetime.utcnow() - dt.timedelta(hours=25)))
    engine.dispose()
    before = len(graph.to(phone))
    page = staff_reply(web, staff, handover.public_id, "Prosimy o kontakt, pomożemy.")
    [template] = sent_to(graph, phone, before)
    assert template["type"] == "template"
    assert template["template"]["name"] == "wnl_reply_waiting"
    assert template["template"]["language"] == {"code": "pl"}
    assert template["template"]["components"][0]["parameters"][0]["payload"] == SHOW_REPLY
    assert "a reply waits" in page and person_events(bot, conversation) == []
    time.sleep(1)
    assert len(graph.to(phone)) == before + 1  # only the template: no free text outside 24 h
    # The worker taps the template's button: the reply, and no bot answer to the tap.
    got = tap(bot, graph, phone, SHOW_REPLY)
    time.sleep(1)
    got = graph.to(phone)[before + 1:]
    assert [m["text"]["body"] for m in got] == [
        translate("pl", M.PERSON_REPLIED) + "\n\nProsimy o kontakt, pomożemy."]
    assert person_events(bot, conversation) == ["Prosimy o kontakt, pomożemy."]
    # Tapped again: nothing new is waiting, and the worker is told so.
    again = tap(bot, graph, phone, SHOW_REPLY)
    assert [body_text(m) for m in again] == [translate("pl", M.PERSON_NO_REPLY_YET)]


def test_withdrawing_on_whatsapp_deletes_the_number_with_the_question(bot, graph):
    phone = new_phone("48")
    conversation, handover = leave_question_on_whatsapp(
        bot, graph, phone, "chce zapytac o ubezpieczenie")
    assert handover.contact
    gone = say(bot, graph, phone, "stop")
    assert translate("pl", M.HANDOVER_WITHDRAWN) in "\n".join(map(body_text, gone))
    time.sleep(0.5)
    assert handover_of(conversation) == []


def test_after_a_whole_handover_and_the_purge_no_text_or_number_is_left(
        bot, web, graph, staff, monkeypatch, capsys, tmp_path):
    from sqlalchemy import update
    from test_privacy import everything_stored

    from bot.__main__ import main
    from bot.db.handover_models import Handover
    from bot.db.session import engine_from_url, session_scope

    marker = "ZQX-handover-marker"
    phone = new_phone("48")
    conversation, handover = leave_question_on_whatsapp(
        bot, graph, phone, f"szef trzyma moj paszport {marker}")
    staff_reply(web, staff, handover.public_id, f"Zadzwoń do nas {marker}-reply")
    engine = engine_from_url()
    stored = everything_stored(engine)
    assert marker in stored and phone not in stored  # the question, kept; the number, sealed
    with session_scope(engine) as session:
        session.execute(update(Handover).where(Handover.id == handover.id).values(
            updated_at=dt.datetime.utcnow() - dt.timedelta(days=31)))
    monkeypatch.setenv("RETENTION_DAYS", "30")
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert main(["purge"]) == 0
    capsys.readouterr()
    stored = everything_stored(engine)
    engine.dispose()
    for secret in (marker, phone, conversation, handover.contact):
        assert secret not in stored
    for log in (*bot.logs, web.log):
        text_of_log = log.read_text(errors="replace")
        assert marker not in text_of_log and phone not in text_of_log
