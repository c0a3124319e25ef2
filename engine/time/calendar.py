"""Working-day arithmetic for legal deadlines: Vietnamese holidays, official day swaps, the 15:00 cut-off."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import holidays as holidays_lib

from ..errors import InvalidProcessError
from .clock import VN_TZ, as_aware


@dataclass(frozen=True)
class CalendarOverrides:
    """An administrator's corrections to the national calendar: extra days off, swapped working days."""

    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)
    cutoff: time = time(15, 0)
    office_close: time = time(17, 0)

    @classmethod
    def load(cls, path: str | Path) -> CalendarOverrides:
        """Read an override file (TOML: `cutoff`, `office_close`, `[[days_off]]`, `[[working_days]]`)."""
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InvalidProcessError(f"cannot read calendar overrides: {exc}", file=str(path)) from exc

        def dates(key: str) -> dict[date, str]:
            out: dict[date, str] = {}
            for entry in raw.get(key, []):
                day = entry.get("date")
                if not isinstance(day, date):
                    raise InvalidProcessError(
                        f"each [[{key}]] needs a date like 2025-01-27", file=str(path), field=key
                    )
                out[day] = str(entry.get("reason", ""))
            return out

        return cls(
            days_off=dates("days_off"),
            working_days=dates("working_days"),
            cutoff=time.fromisoformat(raw.get("cutoff", "15:00")),
            office_close=time.fromisoformat(raw.get("office_close", "17:00")),
        )


class WorkingCalendar:
    """Counts working days (ngày làm việc) the way one-stop desks do.

    A day is a working day when it is Monday–Friday (or a Saturday the government swapped in) and not a
    public holiday. The day a dossier is received is not counted; a dossier received after the cut-off
    (15:00), or on a day off, counts as received on the next working day.
    """

    def __init__(self, overrides: CalendarOverrides | None = None) -> None:
        self.overrides = overrides or CalendarOverrides()
        self._national = holidays_lib.country_holidays("VN")
        self._cache: dict[date, bool] = {}

    @property
    def cutoff(self) -> time:
        """Dossiers received after this local time count from the next working day (at it: that day)."""
        return self.overrides.cutoff

    def is_working_day(self, day: date) -> bool:
        """True for a day the one-stop desks work and deadlines count."""
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cache[day] = self._compute_working(day)
        return cached

    def _compute_working(self, day: date) -> bool:
        if day in self.overrides.working_days:
            return True
        if day in self.overrides.days_off or day in self._national:
            return False
        if day.weekday() >= 5:
            return day in self._national.weekend_workdays
        return True

    def holiday_name(self, day: date) -> str | None:
        """The reason a weekday is off, if any (in English, from the holidays package or the override)."""
        return self.overrides.days_off.get(day) or self._national.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def counting_day(self, received_at: datetime) -> date:
        """The day the legal clock counts from: the receipt day, or the next working day after the cut-off."""
        local = as_aware(received_at).astimezone(VN_TZ)
        day = local.date()
        # "After 15:00" (DOMAIN.md §1.2 [S7][S8][D3]): a dossier received at 15:00:00 exactly counts that day.
        if not self.is_working_day(day) or local.time() > self.cutoff:
            return self.next_working_day(day)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The working day that ends a period of `days` working days after `start` (not counted)."""
        if days < 0:
            raise ValueError("a deadline cannot be negative")
        day = start
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def end_of_day(self, day: date) -> datetime:
        """Office closing time on `day`: the moment a deadline on that day expires."""
        return datetime.combine(day, self.overrides.office_close, VN_TZ)

    def due_at(self, received_at: datetime, days: int) -> datetime:
        """When a dossier received at `received_at` with a `days`-working-day deadline falls due."""
        return self.end_of_day(self.add_working_days(self.counting_day(received_at), days))

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days used from `start` (its counting day not counted) up to and including `end`'s day."""
        first = self.counting_day(start)
        last = as_aware(end).astimezone(VN_TZ).date()
        return sum(1 for day in _days(first + timedelta(days=1), last) if self.is_working_day(day))

    def shift(self, deadline: datetime, days: int) -> datetime:
        """Move a deadline `days` working days later (after a paused legal clock resumes)."""
        local = as_aware(deadline).astimezone(VN_TZ)
        return datetime.combine(self.add_working_days(local.date(), days), local.timetz())


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
