import hashlib
import hmac

import pytest

from bot.channels.whatsapp_cloud import (
    outgoing,
    pseudonym,
    read_webhook,
    split_text,
    valid_signature,
)

pytestmark = pytest.mark.unit


def test_signatures():
    body = b'{"a": 1}'
    good = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert valid_signature("s3cret", body, good)
    assert not valid_signature("s3cret", body + b" ", good)
    assert not valid_signature("s3cret", body, None)
    assert not valid_signature(None, body, good)


def test_pseudonyms_are_stable_keyed_and_hide_the_number():
    a = pseudonym("k1", "48600111222")
    assert a == pseudonym("k1", "48600111222") != pseudonym("k2", "48600111222")
    assert "600111222" not in a and a.startswith("wa-")


def test_reading_webhooks_skips_statuses_and_junk():
    body = {"entry": [{"changes": [{"value": {
        "messages": [{"id": "1", "from": "48", "type": "text", "text": {"body": "hej"}},
                     {"id": "2", "from": "48", "type": "image", "image": {}},
                     {"id": "3", "from": "48", "type": "interactive",
                      "interactive": {"list_reply": {"id": "/ask_payslip", "title": "x"}}},
                     "junk"],
        "statuses": [{"id": "9"}]}}]}]}
    got = read_webhook(body)
    assert [(m.message_id, m.text, m.media) for m in got] == [
        ("1", "hej", False), ("2", None, True), ("3", "/ask_payslip", False)]
    assert read_webhook([]) == [] and read_webhook({"entry": "x"}) == []


def test_split_keeps_every_character_within_the_limit():
    text = "\n\n".join(["a" * 3000, "b" * 3000])
    parts = split_text(text, 4096)
    assert parts == ["a" * 3000, "b" * 3000]


def test_buttons_become_reply_buttons_or_a_list():
    three = [{"title": f"Topic {i}", "payload": f"/t{i}"} for i in range(3)]
    msg = outgoing("48", "Choose", three)[-1]
    assert msg["interactive"]["type"] == "button"
    six = [{"title": f"A very long topic title number {i}", "payload": f"/t{i}"} for i in range(6)]
    msg = outgoing("48", "Choose", six)[-1]
    rows = msg["interactive"]["action"]["sections"][0]["rows"]
    assert msg["interactive"]["type"] == "list" and len(rows) == 6
    assert all(len(r["title"]) <= 24 for r in rows)


def test_long_answers_are_split_at_the_whatsapp_limit_without_losing_a_word():
    from bot.channels.whatsapp_cloud import MAX_TEXT

    text = ("slowo " * 1500).strip()
    parts = outgoing("48600000000", text)
    bodies = [p["text"]["body"] for p in parts]
    assert len(bodies) == 3 and all(len(b) <= MAX_TEXT for b in bodies)
    assert " ".join(bodies) == text


def test_a_message_id_whose_handling_failed_is_forgotten_so_the_retry_is_answered():
    from bot.channels.seen_messages import MemorySeen

    seen = MemorySeen()
    assert seen.first_time("wamid.1") and not seen.first_time("wamid.1")
    seen.forget("wamid.1")
    assert seen.first_time("wamid.1")


def test_a_sender_that_is_not_a_phone_number_is_skipped():
    body = {"entry": [{"changes": [{"value": {"messages": [
        {"id": "1", "from": "48\udfff", "type": "text", "text": {"body": "hej"}},
        {"id": "2", "from": "+48 600", "type": "text", "text": {"body": "hej"}},
        {"id": "\x00", "from": "48600", "type": "text", "text": {"body": "hej"}}]}}]}]}
    assert read_webhook(body) == []


def test_answered_message_ids_survive_a_restart_in_the_database(tmp_path):
    from bot.channels.seen_messages import DatabaseSeen
    from bot.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'seen.sqlite3'}"
    upgrade(url)
    assert DatabaseSeen(url).first_time("wamid.A")
    restarted = DatabaseSeen(url)  # a new process: nothing in memory
    assert not restarted.first_time("wamid.A")
    restarted.forget("wamid.A")
    assert restarted.first_time("wamid.A")


def test_without_the_table_message_ids_are_kept_in_memory(tmp_path):
    from bot.channels.seen_messages import DatabaseSeen

    seen = DatabaseSeen(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert seen.first_time("wamid.B") and not seen.first_time("wamid.B")
