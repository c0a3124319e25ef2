"""A small in-process limit on lookups per client address, against guessing dossier codes and id numbers.

A sliding window kept in this process's memory: with several API processes each keeps its own count (a
guesser gets N tries per process), and a restart forgets them. A shared limit (a proxy's, or a table) is the
next step for a province's deployment; this one stops a script hammering one process.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

MAX_CLIENTS = 10_000  # addresses remembered at once; the least recently seen is forgotten first


class Limiter:
    """At most `attempts` calls per `window` seconds from one client address."""

    def __init__(self, attempts: int = 10, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()
        self.lock = threading.Lock()

    def allow(self, client: str) -> float | None:
        """Count one attempt: None if allowed, else the seconds to wait before the next one."""
        now = self.clock()
        with self.lock:
            times = self.seen.pop(client, None) or deque()
            while times and times[0] <= now - self.window:
                times.popleft()
            self.seen[client] = times
            if len(self.seen) > MAX_CLIENTS:
                self.seen.popitem(last=False)
            if len(times) >= self.attempts:
                return max(1.0, times[0] + self.window - now)
            times.append(now)
            return None
