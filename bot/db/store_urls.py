"""Where Rasa keeps conversations and how it locks them: from the environment, with embedded
defaults (a SQLite file under var/, the in-process lock store) so one machine needs no services.

TRACKER_STORE_URL  e.g. postgresql://rasa@db:5432/rasa   (unset: sqlite under var/)
LOCK_STORE_URL     e.g. redis://redis:6379/1              (unset: in-process lock store)
"""
from __future__ import annotations

import os

from bot import ROOT

DEFAULT_TRACKER_STORE_URL = f"sqlite:///{ROOT / 'var' / 'tracker.sqlite3'}"


def tracker_store_url() -> str:
    return os.environ.get("TRACKER_STORE_URL") or DEFAULT_TRACKER_STORE_URL


def lock_store_url() -> str | None:
    return os.environ.get("LOCK_STORE_URL") or None
