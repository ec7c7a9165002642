"""When the action server is unreachable the bot still answers: a short static message in the
conversation language with the Work in NL contact, never silence or a stack trace."""
from __future__ import annotations

import uuid

import pytest
import requests
from serverkit import (
    action_server,
    base_env,
    new_token,
    rasa_server,
    wait_for_actions,
    wait_for_rasa,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    logs = tmp_path_factory.mktemp("actions-down")
    env = base_env(TRACKER_STORE_URL=f"sqlite:///{logs / 'tracker.sqlite3'}")
    token = new_token()
    actions = action_server(logs, env).start()
    rasa = rasa_server(logs, env, token, actions.url).start()
    try:
        wait_for_actions(actions)
        wait_for_rasa(rasa, token, [actions])
        yield actions, rasa
    finally:
        rasa.stop()
        actions.stop()


def say(rasa, sender, message):
    r = requests.post(f"{rasa.url}/webhooks/rest/webhook",
                      json={"sender": sender, "message": message}, timeout=60)
    assert r.status_code == 200, r.text[:300]
    return r.json()


def test_static_reply_in_the_conversation_language_when_actions_are_down(servers):
    actions, rasa = servers
    sender = f"down-{uuid.uuid4().hex[:8]}"
    normal = say(rasa, sender, "mi-au luat pasaportul")  # Romanian, while actions are up
    assert "workinnl" not in normal[0]["text"] or "pașaport" in normal[0]["text"].lower()
    actions.stop()
    # "ok" says nothing about the language: the Romanian comes from the conversation.
    for message in ("ok", "unde gasesc ajutor in Venlo", "🙂"):
        replies = say(rasa, sender, message)
        assert len(replies) == 1
        assert "workinnl.nl" in replies[0]["text"]
        assert "Încercați din nou" in replies[0]["text"]
        assert "Traceback" not in replies[0]["text"]
    # A new Polish conversation: no language known yet, so it is read from the message.
    replies = say(rasa, f"down-{uuid.uuid4().hex[:8]}", "szef zabral mi paszport co robic")
    assert "Spróbuj ponownie" in replies[0]["text"]
    # Back up: answers are normal again, in the same conversation.
    actions.start()
    wait_for_actions(actions)
    back = say(rasa, sender, "mi-au luat pasaportul")
    assert "Încercați din nou" not in back[0]["text"]
    assert "pașaport" in back[0]["text"].lower()
