"""How many messages one address or one conversation may send: a sliding window per key, kept
in the process (each server limits what it sees; a client spread over N servers gets N times as
much, still bounded). One request of 66 a second from one address was all answered before.

CHAT_PER_SENDER (default 20) and CHAT_PER_ADDRESS (default 60) messages a minute.
"""
from __future__ import annotations

import os
import time
from collections import OrderedDict, deque

WINDOW_SECONDS = 60.0
MAX_KEYS = 100_000  # the oldest keys are forgotten first: memory stays bounded under a flood


class SlidingWindow:
    def __init__(self, limit: int, seconds: float = WINDOW_SECONDS) -> None:
        self.limit, self.seconds = limit, seconds
        self.hits: OrderedDict[str, deque] = OrderedDict()

    def retry_after(self, key: str, now: float | None = None) -> float | None:
        """None when this message may go through (and it is counted); else the seconds to wait."""
        now = time.monotonic() if now is None else now
        hits = self.hits.get(key)
        if hits is None:
            hits = self.hits[key] = deque()
            if len(self.hits) > MAX_KEYS:
                self.hits.popitem(last=False)
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1.0, hits[0] + self.seconds - now)
        hits.append(now)
        self.hits.move_to_end(key)
        return None


def per_sender() -> SlidingWindow:
    return SlidingWindow(int(os.environ.get("CHAT_PER_SENDER", "20")))


def per_address() -> SlidingWindow:
    return SlidingWindow(int(os.environ.get("CHAT_PER_ADDRESS", "60")))


def is_loopback(address: str | None) -> bool:
    """The web app on the same machine speaks for many users: it is limited on its own side."""
    return (address or "").startswith("127.") or address in ("::1", "localhost")
