"""Exponential backoff with jitter: when to try a failed delivery or agency call again, and when to stop."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RetryPolicy:
    """Attempt n waits base·2^(n-1) seconds (at most `cap`), jittered into [½, 1] of that; `max_attempts`
    failed attempts end the retries (a dead letter, or an incident).

    The jitter spreads the retries of many rows that failed together (the portal was down for everyone)
    so that they do not all come back at the same instant.
    """

    base_seconds: float = 1.0
    cap_seconds: float = 300.0
    max_attempts: int = 8
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.base_seconds < 0 or self.cap_seconds < self.base_seconds or self.max_attempts < 1:
            raise ValueError("retry policy needs 0 ≤ base ≤ cap and at least one attempt")

    def delay(self, attempt: int) -> timedelta:
        """How long to wait after failed attempt number `attempt` (1 for the first failure)."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(attempt - 1, 0))
        return timedelta(seconds=ceiling * (0.5 + 0.5 * self.rng.random()))

    def gives_up(self, attempt: int) -> bool:
        """Whether failed attempt number `attempt` was the last one allowed."""
        return attempt >= self.max_attempts

    def next_attempt(self, attempt: int, now: datetime) -> datetime | None:
        """When to try again after failed attempt `attempt`, or None when retries are exhausted."""
        return None if self.gives_up(attempt) else now + self.delay(attempt)
