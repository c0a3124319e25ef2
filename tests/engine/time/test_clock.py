"""The injectable clock: Vietnam's zone for naive times, a fake that moves only when told to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from engine.time.clock import VN_TZ, FakeClock, SystemClock, as_aware, local_date, to_utc


def test_naive_text_is_vietnam_time_and_aware_text_keeps_its_zone() -> None:
    assert as_aware("2025-03-03T09:00") == datetime(2025, 3, 3, 9, 0, tzinfo=VN_TZ)
    assert as_aware("2025-03-03T02:00:00+00:00").utcoffset() == timedelta(0)
    assert to_utc(as_aware("2025-03-03T09:00")) == datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def test_the_local_day_of_an_instant_is_vietnams() -> None:
    # 18:30 UTC on 2 March is already 01:30 on 3 March in Hanoi (UTC+7, no daylight saving).
    assert local_date(datetime(2025, 3, 2, 18, 30, tzinfo=UTC)) == date(2025, 3, 3)
    assert local_date(datetime(2025, 3, 2, 16, 59, tzinfo=UTC)) == date(2025, 3, 2)


def test_the_fake_clock_moves_only_when_told_to() -> None:
    clock = FakeClock("2025-03-03T09:00")
    assert clock.now() == clock.now() == as_aware("2025-03-03T09:00")
    assert clock.advance(hours=6, seconds=1) == as_aware("2025-03-03T15:00:01")
    assert clock.advance(timedelta(days=1)) == as_aware("2025-03-04T15:00:01")
    clock.set("2025-01-24T16:00")  # backwards too
    assert clock.now() == as_aware("2025-01-24T16:00")
    assert FakeClock().now() == as_aware("2025-03-03T08:00")


def test_the_system_clock_tells_aware_vietnam_time() -> None:
    now = SystemClock().now()
    assert now.utcoffset() == timedelta(hours=7)
    assert abs(now - datetime.now(UTC)) < timedelta(minutes=1)


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_to_utc_keeps_the_instant_and_the_local_day(naive: datetime) -> None:
    aware = as_aware(naive)
    assert to_utc(aware) == aware and to_utc(aware).tzinfo is UTC
    assert local_date(to_utc(aware)) == naive.date()
