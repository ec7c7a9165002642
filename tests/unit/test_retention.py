"""Retention against Rasa's own SQLTrackerStore: conversations whose last event is older than
the limit are deleted whole, newer ones are kept (SQLite always; PostgreSQL when reachable)."""
import asyncio
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.__main__ import main
from bot.db.retention import purge, retention_days

DAY = 86_400
NOW = time.time()


def conversation(sender, *ages_in_days):
    events = []
    for age in ages_in_days:
        when = NOW - age * DAY
        events += [UserUttered(f"paszport {sender}", timestamp=when),
                   ActionExecuted("action_listen", timestamp=when + 1)]
    return DialogueStateTracker.from_events(sender, events)


def fill(url):
    store = SQLTrackerStore(Domain.empty(), host=url)
    for tracker in (conversation("old-1", 90, 60),    # last event 60 days ago
                    conversation("old-2", 31),
                    conversation("recent", 40, 2),     # started long ago, still going
                    conversation("new", 0)):
        asyncio.run(store.save(tracker))
    store.engine.dispose()


def senders(url):
    engine = create_engine(url, future=True)
    with engine.connect() as c:
        found = {sender: n for sender, n in c.execute(
            text("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))}
    engine.dispose()
    return found


def check_purge(url):
    fill(url)
    before = senders(url)
    assert set(before) == {"old-1", "old-2", "recent", "new"}

    dry = purge(url, 30, dry_run=True, now=NOW)
    assert (dry.conversations, dry.events) == (2, before["old-1"] + before["old-2"])
    assert senders(url) == before  # a dry run deletes nothing

    result = purge(url, 30, now=NOW)
    assert result.table_found
    assert (result.conversations, result.events) == (2, before["old-1"] + before["old-2"])
    assert senders(url) == {"recent": before["recent"], "new": before["new"]}

    store = SQLTrackerStore(Domain.empty(), host=url)  # Rasa still reads what is left
    assert asyncio.run(store.retrieve("old-1")) is None
    kept = asyncio.run(store.retrieve_full_tracker("recent"))
    assert len(kept.events) == before["recent"]
    store.engine.dispose()

    again = purge(url, 30, now=NOW)
    assert (again.conversations, again.events) == (0, 0)
    assert purge(url, 1, now=NOW).conversations == 1  # "recent": last event 2 days ago


@pytest.mark.unit
def test_purge_deletes_expired_conversations_on_sqlite(tmp_path):
    check_purge(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")


@pytest.mark.services
def test_purge_deletes_expired_conversations_on_postgresql(postgres_url):
    check_purge(postgres_url)


@pytest.mark.unit
def test_purge_without_a_tracker_store_has_nothing_to_do(tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert not purge(f"sqlite:///{missing}", 30).table_found
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    create_engine(f"sqlite:///{empty}", future=True).connect().close()
    assert not purge(f"sqlite:///{empty}", 30).table_found


@pytest.mark.unit
def test_purge_refuses_a_limit_below_one_day(tmp_path):
    with pytest.raises(ValueError):
        purge(f"sqlite:///{tmp_path / 'x.sqlite3'}", 0)


@pytest.mark.unit
def test_retention_days_from_the_environment(monkeypatch):
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    assert retention_days() == 30
    monkeypatch.setenv("RETENTION_DAYS", "90")
    assert retention_days() == 90
    monkeypatch.setenv("RETENTION_DAYS", "0")
    with pytest.raises(ValueError):
        retention_days()


@pytest.mark.unit
def test_command_prints_counts_and_no_sender_ids(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    fill(url)
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert main(["purge", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would delete 2 conversations (")
    assert main(["purge", "--days", "35"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("deleted 1 conversations (") and "older than 35 days" in out
    assert "old-" not in out and "recent" not in out
    assert set(senders(url)) == {"old-2", "recent", "new"}
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert main(["purge"]) == 0
    assert "nothing to purge" in capsys.readouterr().out
