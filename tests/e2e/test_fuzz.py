"""Property-based fuzzing of every public entry point against the running servers (Hypothesis):
generated senders, messages, metadata, JSON of any shape and signed WhatsApp payloads. Whatever
arrives: no 5xx, no dead server, no message text in any log, and every accepted message is in
its conversation's tracker.

The budget is bounded for `make test` (FUZZ_EXAMPLES per property, 60 by default); `make fuzz`
runs many more.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.e2e
WHATSAPP_SECRET = "test-app-secret"  # as given to the Rasa server by tests/e2e/conftest.py
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Every generated message carries this, so a log line quoting a message is found.
MARKER = "FZQ" + uuid.uuid4().hex[:8]

# Any code point, surrogates, NUL and controls included.
any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                 blacklist_categories=()), max_size=200)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children,
                                                                      max_size=4),
    max_leaves=12)
senders = st.one_of(any_text, st.integers(), json_values,
                    st.text("abcdef0123456789-", min_size=1, max_size=40))
metadata = st.one_of(json_values, st.dictionaries(
    st.sampled_from(["lang", "src", "topic", "browser_lang", "phone", "x"]),
    st.one_of(any_text, st.integers(), json_values), max_size=5))


def message_text(draw_text: str) -> str:
    return f"{MARKER} {draw_text}"


def dumps(body) -> bytes:
    # Lone surrogates are valid JSON escapes: keep them as \udxxx rather than failing to encode.
    return json.dumps(body, ensure_ascii=True).encode()


def post(url: str, body: bytes, headers: dict | None = None) -> requests.Response:
    return requests.post(url, data=body, timeout=60,
                         headers={"Content-Type": "application/json", **(headers or {})})


accepted: dict[str, int] = {}  # clean sender -> messages answered with 200


@FUZZ
@given(sender=senders, text=any_text, meta=metadata)
def test_rest_channel_never_fails_on_generated_bodies(bot, sender, text, meta):
    r = post(f"{bot.url}/webhooks/rest/webhook",
             dumps({"sender": sender, "message": message_text(text), "metadata": meta}))
    assert r.status_code < 500, r.text[:200]
    assert "Traceback" not in r.text


@FUZZ
@given(text=any_text, meta=metadata)
def test_every_accepted_message_is_in_its_tracker(bot, text, meta):
    sender = f"fz-{uuid.uuid4().hex[:12]}"
    r = post(f"{bot.url}/webhooks/rest/webhook",
             dumps({"sender": sender, "message": message_text(text), "metadata": meta}))
    assert r.status_code == 200, r.text[:200]
    events = requests.get(f"{bot.url}/conversations/{sender}/tracker", timeout=30,
                          params={"token": bot.token, "include_events": "ALL"}).json()["events"]
    assert sum(1 for e in events if e.get("event") == "user") == 1


@FUZZ
@given(body=json_values)
def test_any_json_shape_is_a_clean_answer(bot, web, body):
    for url in (f"{bot.url}/webhooks/rest/webhook", f"{web.url}/api/message"):
        r = post(url, dumps(body))
        assert r.status_code < 500, (url, r.text[:200])


@FUZZ
@given(sender=senders, text=any_text, meta=metadata)
def test_web_api_never_fails_on_generated_bodies(web, sender, text, meta):
    r = post(f"{web.url}/api/message",
             dumps({"sender": sender, "message": message_text(text), "metadata": meta}))
    assert r.status_code < 500, r.text[:200]


whatsapp_messages = st.fixed_dictionaries({
    "from": st.one_of(st.text("0123456789", min_size=1, max_size=15), any_text, st.integers()),
    "id": st.one_of(st.uuids().map(lambda u: f"wamid.{u.hex}"), any_text, st.integers()),
    "type": st.sampled_from(["text", "interactive", "button", "image", "audio", "weird"]),
    "text": st.one_of(st.fixed_dictionaries({"body": any_text.map(message_text)}), json_values),
    "interactive": json_values,
})


@FUZZ
@given(messages=st.lists(whatsapp_messages, max_size=3), extra=json_values)
def test_signed_whatsapp_payloads_never_fail(bot, messages, extra):
    body = dumps({"object": "whatsapp_business_account", "extra": extra,
                  "entry": [{"changes": [{"value": {"messages": messages}}]}]})
    signature = "sha256=" + hmac.new(WHATSAPP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    r = post(f"{bot.url}/webhooks/whatsapp/webhook", body, {"X-Hub-Signature-256": signature})
    assert r.status_code < 500, r.text[:200]


def test_after_the_fuzzing_every_server_lives_and_no_log_holds_a_message(bot, web):
    assert bot.healthy()
    assert requests.get(f"{bot.actions_url}/health", timeout=10).ok
    assert requests.get(f"{web.url}/health", timeout=10).ok
    for log in (*bot.logs, web.log):
        assert MARKER not in log.read_text(encoding="utf-8", errors="replace"), log.name
