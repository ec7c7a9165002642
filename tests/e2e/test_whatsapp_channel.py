"""The WhatsApp Cloud API channel against the running bot and a recording fake Graph API,
with requests signed as Meta signs them."""
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

from bot import messages as M
from bot.answers.library import load_library
from bot.i18n import translate

pytestmark = pytest.mark.e2e
# The same values the bot fixture gives the Rasa server (tests/e2e/conftest.py).
WHATSAPP_SECRET = "test-app-secret"
WHATSAPP_VERIFY = "test-verify-token"


def webhook(bot):
    return f"{bot.url}/webhooks/whatsapp/webhook"


def signed_post(bot, body: bytes, secret=WHATSAPP_SECRET):
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return requests.post(webhook(bot), data=body, timeout=60, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": signature})


def message_body(phone, message):
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp", "messages": [
            {"from": phone, "id": f"wamid.{uuid.uuid4().hex}", "timestamp": "1", **message}]}}]}]}
    ).encode()


def text(phone, body):
    return message_body(phone, {"type": "text", "text": {"body": body}})


def replies(graph, phone, at_least, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = graph.to(phone)
        if len(got) >= at_least:
            return got
        time.sleep(0.2)
    return graph.to(phone)


def new_phone(country="48"):
    return country + str(uuid.uuid4().int)[:9]


def test_verification_needs_the_right_token(bot):
    ok = requests.get(webhook(bot), params={"hub.mode": "subscribe",
                                            "hub.verify_token": WHATSAPP_VERIFY,
                                            "hub.challenge": "12345"}, timeout=10)
    assert (ok.status_code, ok.text) == (200, "12345")
    bad = requests.get(webhook(bot), params={"hub.mode": "subscribe", "hub.verify_token": "wrong",
                                             "hub.challenge": "12345"}, timeout=10)
    assert bad.status_code == 403


def test_unsigned_or_wrongly_signed_posts_are_refused(bot):
    body = text(new_phone(), "hello")
    assert requests.post(webhook(bot), data=body, timeout=10).status_code == 403
    assert signed_post(bot, body, secret="not-the-secret").status_code == 403
    assert signed_post(bot, b"not json").status_code == 400


def test_a_polish_question_gets_the_polish_answer_and_the_number_stays_private(bot, graph):
    phone = new_phone("48")
    assert signed_post(bot, text(phone,
                                 "szef zabral mi paszport i nie chce oddac")).status_code == 200
    sent = replies(graph, phone, 1)
    first_line = load_library()["ask_passport_held"].text("pl").splitlines()[0]
    bodies = [m.get("text", {}).get("body") or m["interactive"]["body"]["text"] for m in sent]
    assert any(first_line in b for b in bodies)
    assert all(m["messaging_product"] == "whatsapp" for m in sent)
    # The tracker knows the conversation only by a keyed hash of the number.
    conversations = requests.get(f"{bot.url}/conversations", params={"token": bot.token},
                                 timeout=10)
    if conversations.ok:
        assert phone not in conversations.text


def test_reply_buttons_and_a_button_reply(bot, graph):
    phone = new_phone("40")
    signed_post(bot, text(phone, "nu am primit salariul de doua saptamani de la agentie"))
    sent = replies(graph, phone, 1)
    interactive = [m for m in sent if m["type"] == "interactive"]
    assert interactive and interactive[-1]["interactive"]["type"] == "button"
    buttons = interactive[-1]["interactive"]["action"]["buttons"]
    assert len(buttons) <= 3 and all(len(b["reply"]["title"]) <= 20 for b in buttons)
    person = next(b for b in buttons if b["reply"]["id"] == "/ask_human")
    before = len(graph.to(phone))
    signed_post(bot, message_body(phone, {"type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": person["reply"]}}))
    sent = replies(graph, phone, before + 1)
    assert any(load_library()["ask_human"].text("ro").splitlines()[0]
               in json.dumps(m, ensure_ascii=False)
               for m in sent[before:])


def test_a_menu_of_more_than_three_topics_is_a_list(bot, graph):
    phone = new_phone("31")
    signed_post(bot, text(phone, "hallo, goedemorgen"))
    sent = replies(graph, phone, 1)
    lists = [m for m in sent if m["type"] == "interactive" and m["interactive"]["type"] == "list"]
    assert lists and 3 < len(lists[-1]["interactive"]["action"]["sections"][0]["rows"]) <= 10


def test_a_voice_note_gets_a_polite_answer_in_the_conversation_language(bot, graph):
    phone = new_phone("359")
    signed_post(bot, text(phone, "шефа ми взе паспорта и не ми го връща"))
    count = len(replies(graph, phone, 1))
    signed_post(bot, message_body(phone, {"type": "audio", "audio": {"id": "media1"}}))
    sent = replies(graph, phone, count + 1)
    assert translate("bg", M.MEDIA_NOT_READ) in json.dumps(sent[count:], ensure_ascii=False)


def test_a_duplicate_delivery_is_answered_once_and_statuses_are_ignored(bot, graph):
    phone = new_phone("48")
    body = text(phone, "dzien dobry")
    assert signed_post(bot, body).status_code == 200
    count = len(replies(graph, phone, 1))
    assert signed_post(bot, body).status_code == 200
    status = json.dumps({"entry": [{"changes": [{"value": {"statuses": [
        {"id": "wamid.x", "status": "delivered", "recipient_id": phone}]}}]}]}).encode()
    assert signed_post(bot, status).status_code == 200
    time.sleep(1.5)
    assert len(graph.to(phone)) == count


def test_one_phone_flooding_the_bot_is_not_answered_over_the_limit(bot, graph):
    phone = new_phone()
    for n in range(20):
        assert signed_post(bot, text(phone, f"hallo {n}")).status_code == 200
    answered = len(replies(graph, phone, 20))
    for n in range(5):
        assert signed_post(bot, text(phone, f"nog een {n}")).status_code == 200  # Meta: no retry
    time.sleep(1)
    assert len(graph.to(phone)) == answered
    other = new_phone()
    assert signed_post(bot, text(other, "hallo")).status_code == 200
    assert replies(graph, other, 1)
