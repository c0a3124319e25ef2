"""Injectable "now": the system clock in production, a settable fake in tests, scenarios and simulation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    """Anything that tells the current time as an aware datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time, in Vietnam's zone."""

    def now(self) -> datetime:
        return datetime.now(VN_TZ)


class FakeClock:
    """A clock that moves only when told to; naive datetimes are taken as Vietnam local time."""

    def __init__(self, start: datetime | str = "2025-03-03T08:00:00") -> None:
        self._now = as_aware(start)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime | str) -> None:
        """Jump to a given moment (forwards or backwards)."""
        self._now = as_aware(when)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by `delta` or by timedelta keyword arguments; returns the new now."""
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


def as_aware(value: datetime | str) -> datetime:
    """Parse ISO text if needed and attach Vietnam's zone to naive datetimes."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.replace(tzinfo=VN_TZ) if when.tzinfo is None else when


def local_date(value: datetime) -> date:
    """The calendar day of an instant in Vietnam."""
    return as_aware(value).astimezone(VN_TZ).date()


def to_utc(value: datetime) -> datetime:
    """The same instant in UTC (what the store keeps)."""
    return as_aware(value).astimezone(UTC)
