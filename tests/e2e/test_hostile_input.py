"""Hostile and broken input against the running REST, web and WhatsApp endpoints: the right 4xx
or a sensible answer, never a 500, and the servers stay healthy afterwards."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

pytestmark = pytest.mark.e2e
WHATSAPP_SECRET = "test-app-secret"  # as given to the Rasa server by tests/e2e/conftest.py
ONE_MB = "a" * (1024 * 1024)

BROKEN_BODIES = {
    "empty body": (b"", 400),
    "invalid JSON": (b'{"sender": "x", "message": ', 400),
    "JSON that is not an object": (b'["sender", "message"]', 400),
    "a JSON string": (b'"hello"', 400),
    "missing message": (b'{"sender": "x"}', 400),
    "missing sender": (b'{"message": "hi"}', 400),
    "message is a number": (b'{"sender": "x", "message": 12}', 400),
    "sender is an object": (b'{"sender": {"a": 1}, "message": "hi"}', 400),
    "invalid UTF-8": (b'{"sender": "x", "message": "\xff\xfe\xfd"}', 400),
    "1 MB message": (json.dumps({"sender": "x", "message": ONE_MB}).encode(), 413),
}

ODD_MESSAGES = [
    "🙂🙂🙂",
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>paszport",
    "' OR 1=1; DROP TABLE events; --",
    "\u0000\u200b\u202e",
    "%s%s%n {0} {message} ${RASA_TOKEN}",
]


def post(url: str, body: bytes, headers: dict | None = None) -> requests.Response:
    return requests.post(url, data=body, timeout=60,
                         headers={"Content-Type": "application/json", **(headers or {})})


@pytest.mark.parametrize("case", list(BROKEN_BODIES))
def test_rest_channel_refuses_broken_bodies_with_a_4xx(bot, case):
    body, status = BROKEN_BODIES[case]
    response = post(f"{bot.url}/webhooks/rest/webhook", body)
    assert response.status_code == status, response.text[:200]
    assert "Traceback" not in response.text
    assert bot.healthy()


@pytest.mark.parametrize("case", list(BROKEN_BODIES))
def test_web_chat_api_refuses_broken_bodies_with_a_4xx(web, case):
    body, status = BROKEN_BODIES[case]
    response = post(f"{web.url}/api/message", body)
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert "Traceback" not in response.text
    assert requests.get(f"{web.url}/health", timeout=10).ok


@pytest.mark.parametrize("message", ODD_MESSAGES)
def test_odd_messages_get_an_answer_that_does_not_echo_markup(bot, web, message):
    sender = f"odd-{uuid.uuid4().hex[:8]}"
    replies = bot.say(sender, message)
    assert replies
    through_web = requests.post(f"{web.url}/api/message", timeout=60,
                                json={"sender": uuid.uuid4().hex, "message": message})
    assert through_web.status_code == 200
    for reply in replies + through_web.json()["messages"]:
        assert "<script" not in reply["text"] and "onerror" not in reply["text"]
        assert "RASA_TOKEN" not in reply["text"]
    assert bot.healthy()


def signed(body: bytes) -> dict:
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(WHATSAPP_SECRET.encode(), body,
                                                        hashlib.sha256).hexdigest()}


def whatsapp_message(message: dict) -> bytes:
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {
        "messages": [{"from": "48" + str(uuid.uuid4().int)[:9], "id": f"wamid.{uuid.uuid4().hex}",
                      **message}]}}]}]}).encode()


WHATSAPP_BODIES = {
    "empty body": (b"", 400),
    "invalid JSON": (b"{", 400),
    "invalid UTF-8": (b"\xff\xfe{}", 400),
    "JSON that is not an object": (b"[1, 2]", 200),
    "no entries": (b'{"object": "whatsapp_business_account"}', 200),
    "entry of the wrong type": (b'{"entry": "x"}', 200),
    "changes of the wrong type": (b'{"entry": [{"changes": {"a": 1}}]}', 200),
    "text that is a string": (whatsapp_message({"type": "text", "text": "hi"}), 200),
    "interactive that is a list": (whatsapp_message({"type": "interactive", "interactive": []}),
                                   200),
    "1 MB text": (whatsapp_message({"type": "text", "text": {"body": ONE_MB}}), 200),
    "HTML text": (whatsapp_message({"type": "text", "text": {"body": "<script>x</script>"}}), 200),
}


@pytest.mark.parametrize("case", list(WHATSAPP_BODIES))
def test_whatsapp_webhook_handles_broken_bodies(bot, case):
    body, status = WHATSAPP_BODIES[case]
    url = f"{bot.url}/webhooks/whatsapp/webhook"
    if len(body) > 1_000_000:  # over the Rasa server's body limit: refused before anything
        status = 413
    else:
        assert post(url, body).status_code == 403  # unsigned: refused before it is read
    response = post(url, body, signed(body))
    assert response.status_code == status, (case, response.text[:200])
    assert bot.healthy()


# A lone surrogate is valid JSON; as a sender it once made SQLite raise UnicodeEncodeError, which
# Rasa's SQL tracker store read as "schema missing" and exited the server (issue 14).
BAD_SENDERS = {
    "lone surrogate": '{"sender": "x\\udfff", "message": "hi"}',
    "NUL byte": '{"sender": "x\\u0000y", "message": "hi"}',
    "line break": '{"sender": "a\\nb", "message": "hi"}',
    "129 characters": json.dumps({"sender": "s" * 129, "message": "hi"}),
}


@pytest.mark.parametrize("case", list(BAD_SENDERS))
def test_a_sender_that_is_not_clean_text_is_refused_and_the_server_lives(bot, web, case):
    body = BAD_SENDERS[case].encode()
    assert post(f"{bot.url}/webhooks/rest/webhook", body).status_code == 400
    assert post(f"{web.url}/api/message", body).status_code == 400
    assert bot.healthy() and requests.get(f"{web.url}/health", timeout=10).ok
    assert bot.say(f"after-{uuid.uuid4().hex[:8]}", "hallo")  # still answering


def test_a_lone_surrogate_in_the_message_is_answered_not_fatal(bot, web):
    body = json.dumps({"sender": f"sur-{uuid.uuid4().hex[:8]}",
                       "message": "szef zabral mi paszport \udfff"}).encode()
    response = post(f"{bot.url}/webhooks/rest/webhook", body)
    assert response.status_code == 200 and response.json()
    assert post(f"{web.url}/api/message", body).status_code == 200
    assert bot.healthy()


def test_the_web_api_takes_only_its_own_ids_and_cannot_reach_another_tracker(bot, web):
    victim = f"victim{uuid.uuid4().hex[:8]}"
    requests.post(f"{web.url}/api/message",
                  json={"sender": victim, "message": "szef zabral mi paszport"},
                  timeout=60).raise_for_status()
    for sender in (f"x/../web-{victim}", "a" * 125, "x y", "a?b=1"):
        response = requests.post(f"{web.url}/api/message", timeout=60,
                                 json={"sender": sender, "message": "hi"})
        assert response.status_code == 400, sender
    assert requests.post(f"{web.url}/api/message", json={"sender": "a" * 64, "message": "hi"},
                         timeout=60).status_code == 200


def test_whatsapp_payloads_that_break_the_json_reader_are_a_4xx(bot):
    url = f"{bot.url}/webhooks/whatsapp/webhook"
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"a": ' + b"9" * 5000 + b"}"):
        assert post(url, body, signed(body)).status_code == 400
    surrogate = (b'{"entry": [{"changes": [{"value": {"messages": [{"from": "48\\udfff",'
                 b' "id": "w1", "type": "text", "text": {"body": "hi"}}]}}]}]}')
    assert post(url, surrogate, signed(surrogate)).status_code == 200
    assert bot.healthy()


def test_a_nul_in_a_static_path_is_a_400_with_the_security_headers(web):
    response = requests.get(f"{web.url}/static/chat.js%00.css", timeout=10)
    assert response.status_code == 400
    page = requests.get(f"{web.url}/static/chat.js", timeout=10)
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert requests.get(f"{web.url}/health", timeout=10).ok


def test_text_that_only_looks_like_a_payload_is_answered_and_never_logged(bot):
    marker = f"QX{uuid.uuid4().hex[:10]}"
    for text in (f"/{marker} " + "x" * 20_000, f"/greet {marker}",
                 f'/no_such_intent{{"a": "{marker}"}}'):
        replies = bot.say(f"slash-{uuid.uuid4().hex[:8]}", text)
        assert replies  # an answer (the menu), not silence
    time.sleep(1)
    for log in bot.logs:
        assert marker not in log.read_text(encoding="utf-8", errors="replace"), log.name
    assert bot.say(f"slash-{uuid.uuid4().hex[:8]}", '/ask_wage_deductions{"check": "pay"}')


def test_the_action_server_refuses_a_call_without_the_shared_secret(bot):
    from serverkit import ACTION_SERVER_TOKEN

    forged = {"next_action": "action_answer_topic", "sender_id": "forged", "version": "3.6.2",
              "tracker": {"sender_id": "forged", "events": [], "latest_message": {
                  "text": "paszport", "intent": {"name": "ask_passport_held"}}},
              "domain": {}}
    for params in ({}, {"token": "wrong"}):
        r = requests.post(f"{bot.actions_url}/webhook", json=forged, params=params, timeout=10)
        assert r.status_code == 401
    assert requests.get(f"{bot.actions_url}/health", timeout=10).ok
    assert bot.say(f"secret-{uuid.uuid4().hex[:8]}", "szef zabral mi paszport")  # Rasa has it
    assert ACTION_SERVER_TOKEN not in "".join(log.read_text(errors="replace") for log in bot.logs)


def listening_addresses(port: int) -> set[str]:
    """The local addresses listening on a TCP port, from the kernel's tables (/proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_internal_servers_listen_on_loopback_only(bot):
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    for url in (bot.url, bot.actions_url):
        addresses = listening_addresses(int(url.rsplit(":", 1)[1]))
        assert addresses and addresses <= loopback, (url, addresses)


def test_the_chat_api_takes_only_json_from_its_own_page(web):
    body = json.dumps({"sender": uuid.uuid4().hex, "message": "hi"})
    for content_type in ("text/plain", "application/x-www-form-urlencoded", ""):
        r = requests.post(f"{web.url}/api/message", data=body, timeout=30,
                          headers={"Content-Type": content_type})
        assert r.status_code == 415, content_type
    for origin in ("https://evil.example", "http://[", "null"):
        r = requests.post(f"{web.url}/api/message", data=body, timeout=30, headers={
            "Content-Type": "application/json", "Origin": origin})
        assert r.status_code == 403, origin
    r = requests.post(f"{web.url}/api/message", data=body, timeout=60, headers={
        "Content-Type": "application/json", "Origin": web.url})
    assert r.status_code == 200


def test_one_conversation_sending_too_fast_gets_a_429_with_retry_after(bot):
    sender = f"fast-{uuid.uuid4().hex[:8]}"
    statuses = []
    for n in range(21):
        r = requests.post(f"{bot.url}/webhooks/rest/webhook", timeout=60,
                          json={"sender": sender, "message": f"hallo {n}"})
        statuses.append(r.status_code)
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    assert int(r.headers["Retry-After"]) > 0
    assert bot.say(f"other-{uuid.uuid4().hex[:8]}", "hallo")  # others are not affected


def test_the_web_api_limits_each_address(bot, tmp_path):
    from serverkit import base_env, wait_for_web, web_app

    app = web_app(tmp_path, base_env(RASA_URL=bot.url, RASA_TOKEN=bot.token, CHAT_PER_ADDRESS="3",
                                     PROXIES_COUNT="1")).start()
    try:
        wait_for_web(app)

        def post_from(address):
            return requests.post(f"{app.url}/api/message", timeout=60,
                                 headers={"X-Forwarded-For": address},
                                 json={"sender": uuid.uuid4().hex, "message": "hallo"})

        assert [post_from("10.9.0.1").status_code for _ in range(3)] == [200] * 3
        refused = post_from("10.9.0.1")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        assert post_from("10.9.0.2").status_code == 200
    finally:
        app.stop()


def test_rasa_refuses_huge_bodies_and_cuts_off_slow_clients(bot):
    import socket

    huge = b'{"sender": "x", "message": "' + b"a" * 2_000_000 + b'"}'
    assert post(f"{bot.url}/webhooks/rest/webhook", huge).status_code == 413
    host, port = bot.url.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=45) as slow:
        slow.sendall(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"sender\"")
        # The server gives up on the rest of the body (the tests' response timeout: 15 s).
        answer = slow.recv(4096)
    assert answer == b"" or answer.split(b"\r\n")[0].split()[1] in (b"408", b"503")
    assert bot.healthy()


@pytest.mark.parametrize("payload", ["/restart", "/session_start"])
def test_a_fresh_start_gets_the_greeting_not_the_outage_text(bot, payload):
    from bot import messages as M
    from bot.i18n import translate

    sender = f"fresh-{uuid.uuid4().hex[:8]}"
    bot.say(sender, "szef zabral mi paszport")
    texts = " ".join(r.get("text", "") for r in bot.say(sender, payload))
    assert all(translate(lang, M.BOT_UNAVAILABLE) not in texts for lang in ("pl", "en"))
    assert translate("pl", M.GREETING) in texts or translate("en", M.GREETING) in texts


def test_the_public_webhooks_answer_with_security_headers(bot):
    ok = requests.post(f"{bot.url}/webhooks/rest/webhook", timeout=60,
                       json={"sender": f"h-{uuid.uuid4().hex[:8]}", "message": "hallo"})
    bad = post(f"{bot.url}/webhooks/rest/webhook", b"[1]")
    forbidden = post(f"{bot.url}/webhooks/whatsapp/webhook", b"{}")
    for r in (ok, bad, forbidden):
        assert r.headers.get("X-Content-Type-Options") == "nosniff", r.status_code
        assert "frame-ancestors 'none'" in r.headers.get("Content-Security-Policy", "")
