"""Tracker store and lock store from the environment, and the channels' answer when the bot
says nothing."""
from __future__ import annotations

import asyncio
import logging
import os
import warnings
from pathlib import Path

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from serverkit import service_unreachable

from bot.rasa.silence import never_silent
from bot.rasa.stores import EnvLockStore, EnvTrackerStore, redis_settings

pytestmark = pytest.mark.unit
with warnings.catch_warnings():  # Rasa warns about slot auto-fill on every domain it loads
    warnings.simplefilter("ignore")
    DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


def test_an_unset_tracker_store_url_means_a_sqlite_file(monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'sub' / 'tracker.sqlite3'}")
    store = EnvTrackerStore(domain=DOMAIN)
    assert isinstance(store, SQLTrackerStore)
    tracker = DialogueStateTracker.from_events("w1", [UserUttered("hi"), SlotSet("language", "pl")])
    asyncio.run(store.save(tracker))
    again = asyncio.run(EnvTrackerStore(domain=DOMAIN).retrieve("w1"))
    assert again.get_slot("language") == "pl"
    assert (tmp_path / "sub" / "tracker.sqlite3").exists()


def test_the_lock_store_is_in_process_unless_a_redis_url_is_set(monkeypatch):
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert isinstance(EnvLockStore(endpoint_config=None), InMemoryLockStore)
    monkeypatch.setenv("LOCK_STORE_URL", "redis://:secret@cache.internal:6380/3")
    store = EnvLockStore(endpoint_config=None)
    assert isinstance(store, RedisLockStore)
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == \
        ("cache.internal", 6380, 3, "secret")


@pytest.mark.parametrize("url, expected", [
    ("redis://localhost", {"host": "localhost", "port": 6379, "db": 1, "use_ssl": False}),
    ("rediss://r.example:7000/0", {"host": "r.example", "port": 7000, "db": 0, "use_ssl": True}),
])
def test_redis_urls(url, expected):
    settings = redis_settings(url)
    assert {k: settings[k] for k in expected} == expected


def test_a_lock_store_url_that_is_not_redis_is_refused():
    with pytest.raises(ValueError):
        redis_settings("postgresql://db/rasa")


def run_silent(text: str, metadata: dict | None = None, answer: str | None = None, fail=False):
    output = CollectingOutputChannel()

    async def bot(message: UserMessage) -> None:
        if fail:
            raise RuntimeError("action server down")
        if answer:
            await message.output_channel.send_text_message(message.sender_id, answer)

    asyncio.run(never_silent(bot)(UserMessage(text, output, "w-unit", metadata=metadata)))
    return [m["text"] for m in output.messages]


def test_a_reply_from_the_bot_is_left_alone():
    assert run_silent("szef zabral mi paszport", answer="Pracodawca nie może...") == \
        ["Pracodawca nie może..."]


@pytest.mark.parametrize("text, metadata, expected", [
    ("szef zabral mi paszport co mam robic", None, "Spróbuj ponownie"),
    ("nu am primit salariul pe luna trecuta", None, "Încercați din nou"),
    ("ok", {"lang": "bg"}, "Опитайте отново"),
    ("🙂", None, "Please try again"),
])
def test_silence_gets_the_static_reply_in_the_language_known(text, metadata, expected):
    replies = run_silent(text, metadata)
    assert len(replies) == 1 and expected in replies[0] and "workinnl.nl" in replies[0]


def test_an_exception_in_the_bot_becomes_the_static_reply_not_a_stack_trace():
    replies = run_silent("mijn baas houdt mijn paspoort vast", fail=True)
    assert len(replies) == 1 and "Probeer het" in replies[0] and "Traceback" not in replies[0]


@pytest.mark.services
def test_redis_lock_store_on_the_local_server(monkeypatch):
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        service_unreachable("Redis on 127.0.0.1:6379", error)
    monkeypatch.setenv("LOCK_STORE_URL", url)
    store = EnvLockStore(endpoint_config=None)
    lock = store.create_lock("unit-conversation")
    ticket = lock.issue_ticket(10)
    store.save_lock(lock)
    assert EnvLockStore(endpoint_config=None).get_lock("unit-conversation").is_someone_waiting()
    store.delete_lock("unit-conversation")
    assert store.get_lock("unit-conversation") is None
    assert ticket == 0


def test_sqlite_engines_keep_their_connections_and_use_wal(tmp_path):
    from sqlalchemy import text

    from bot.db.session import engine_from_url

    engine = engine_from_url(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as c:
        first = c.connection.dbapi_connection
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with engine.connect() as c:
        assert c.connection.dbapi_connection is first
    engine.dispose()


def test_a_driver_error_on_one_conversation_fails_that_request_not_the_process(monkeypatch,
                                                                                tmp_path):
    from bot.rasa.stores import TrackerStoreRowError

    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    store = EnvTrackerStore(domain=DOMAIN)
    bad = DialogueStateTracker.from_events("x\udfff", [UserUttered("hi")])
    with pytest.raises(TrackerStoreRowError):  # Rasa's own store calls sys.exit(1) here
        asyncio.run(store.save(bad))
    with pytest.raises(TrackerStoreRowError):
        asyncio.run(store.retrieve("x\udfff"))
    good = DialogueStateTracker.from_events("w2", [UserUttered("hi"), SlotSet("language", "ro")])
    asyncio.run(store.save(good))  # the same store goes on serving
    assert asyncio.run(store.retrieve("w2")).get_slot("language") == "ro"


def test_a_waiting_message_looks_for_its_lock_every_50_ms_not_every_second(monkeypatch):
    import rasa.core.lock_store as rasa_lock_store

    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    store = EnvLockStore(endpoint_config=None)
    waits = []
    real_sleep = asyncio.sleep

    async def recorded_sleep(seconds):
        waits.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(rasa_lock_store.asyncio, "sleep", recorded_sleep)

    async def burst():
        async def one():
            async with store.lock("burst-conversation"):  # Rasa's default: wait 1 s, look again
                await real_sleep(0.001)

        await asyncio.gather(*(one() for _ in range(5)))

    asyncio.run(burst())
    assert waits and set(waits) == {0.05}


def test_on_another_rasa_version_our_subclasses_step_aside_with_a_log_line(monkeypatch, caplog):
    import rasa

    from bot.rasa.stores import fast_polling, guarded_sql_tracker_store

    assert guarded_sql_tracker_store(SQLTrackerStore) is not SQLTrackerStore
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level("ERROR"):
        assert guarded_sql_tracker_store(SQLTrackerStore) is SQLTrackerStore
        assert fast_polling(InMemoryLockStore) is InMemoryLockStore
    assert "found Rasa 3.7.0" in caplog.text


def test_rasa_warnings_that_quote_a_message_are_dropped_in_the_rasa_server():
    from rasa.shared.utils.io import raise_warning
    from rasa.utils.common import _filter_warnings

    from bot.rasa.serve import keep_user_text_out_of_warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keep_user_text_out_of_warnings()
        raise_warning("Failed to parse arguments in line '/szef zabral mi paszport'.")
        raise_warning("Another warning")
        # Rasa's CLI then puts its own filters first ("once" for every UserWarning).
        _filter_warnings(logging.INFO)
        raise_warning("Failed to parse arguments in line '/agencja trzyma paszport'.")
    assert [str(w.message) for w in caught] == ["Another warning"]


def test_a_token_that_starts_with_a_dash_reaches_rasa_whole(monkeypatch):
    """secrets.token_urlsafe starts a token with "-" once in 64: Rasa must not read an option."""
    import sys

    import rasa.__main__
    from rasa.__main__ import create_argument_parser

    from bot.rasa import serve

    seen = []
    monkeypatch.setattr(rasa.__main__, "main", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["serve", "--model", "models/wnl.tar.gz"])
    monkeypatch.setenv("RASA_TOKEN", "-Xy_token")
    monkeypatch.setattr(serve.patches, "install", lambda: [])
    serve.main()
    parsed = create_argument_parser().parse_args(seen[0][1:])
    assert parsed.auth_token == "-Xy_token"
