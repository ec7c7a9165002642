"""Today's date for everything the bot states or computes, in one place.

WNL_TODAY=YYYY-MM-DD pins the date for a whole server (the end-to-end tests start the servers
with it, so no test depends on the calendar); unset, it is the real date.
"""
from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    pinned = os.environ.get("WNL_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()
