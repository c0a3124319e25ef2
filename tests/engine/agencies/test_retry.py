"""Exponential backoff with jitter: delays double up to the cap, stay in [½, 1] of it, and stop in time."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.agencies.retry import RetryPolicy
from engine.time.clock import VN_TZ

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=VN_TZ)


class Fixed(random.Random):
    """A generator that always draws the same number (the jitter's two ends)."""

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def random(self) -> float:
        return self.value


def test_delays_double_from_the_base_and_stop_at_the_cap() -> None:
    policy = RetryPolicy(base_seconds=2, cap_seconds=30, rng=Fixed(1.0))
    assert [policy.delay(n).total_seconds() for n in range(1, 7)] == [2, 4, 8, 16, 30, 30]
    assert RetryPolicy(base_seconds=2, rng=Fixed(0.0)).delay(3) == timedelta(seconds=4)  # jitter's low end


@given(attempt=st.integers(min_value=0, max_value=200), seed=st.integers(min_value=0, max_value=2**32))
def test_every_delay_lies_in_half_to_whole_of_its_ceiling(attempt: int, seed: int) -> None:
    policy = RetryPolicy(base_seconds=1, cap_seconds=300, rng=random.Random(seed))
    ceiling = min(300.0, 2.0 ** max(attempt - 1, 0))
    assert ceiling / 2 <= policy.delay(attempt).total_seconds() <= ceiling


def test_the_last_allowed_attempt_gives_up() -> None:
    policy = RetryPolicy(base_seconds=1, max_attempts=3, rng=Fixed(1.0))
    assert policy.next_attempt(1, NOW) == NOW + timedelta(seconds=1)
    assert policy.next_attempt(2, NOW) == NOW + timedelta(seconds=2)
    assert not policy.gives_up(2) and policy.gives_up(3)
    assert policy.next_attempt(3, NOW) is None


@pytest.mark.parametrize(
    "arguments", [{"base_seconds": -1}, {"base_seconds": 10, "cap_seconds": 5}, {"max_attempts": 0}]
)
def test_a_policy_that_cannot_work_is_refused(arguments: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="0 ≤ base ≤ cap and at least one attempt"):
        RetryPolicy(**arguments)  # type: ignore[arg-type]
