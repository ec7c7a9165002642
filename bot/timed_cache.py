"""A value per key, loaded again once it is older than the cache's lifetime: how the servers
pick up what staff approved in the database (answer texts, dated facts) without a restart."""
from __future__ import annotations

import time
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class TimedCache(Generic[T]):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.entries: dict[Hashable, tuple[float, T]] = {}

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        now = time.monotonic()
        hit = self.entries.get(key)
        if hit and now - hit[0] < self.seconds:
            return hit[1]
        value = load()
        self.entries[key] = (now, value)
        return value

    def clear(self) -> None:
        self.entries.clear()
