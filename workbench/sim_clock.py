"""Working time: office hours of working days laid end to end; durations skip nights, weekends, holidays."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from engine.calendar import WorkingCalendar
from engine.clock import VN_TZ, as_aware


class WorkClock:
    """Maps instants to working hours since the simulation's first day, and back.

    Hour 0 is the opening of the first working day on or after `start`; each working day adds its office
    hours. An instant outside office hours maps to the next opening (or the last closing), so a task that
    finishes at 17:00 on Friday and one that starts at 08:00 on Monday are at the same working hour.
    """

    def __init__(self, calendar: WorkingCalendar, start: date, opens: time, closes: time) -> None:
        self.calendar = calendar
        self.opens = opens
        self.closes = closes
        self.hours_per_day = (datetime.combine(start, closes) - datetime.combine(start, opens)).seconds / 3600
        first = start if calendar.is_working_day(start) else calendar.next_working_day(start)
        self._days: list[date] = [first]

    def _extend_to(self, day: date) -> None:
        while self._days[-1] < day:
            self._days.append(self.calendar.next_working_day(self._days[-1]))

    def _day(self, index: int) -> date:
        while len(self._days) <= index:
            self._days.append(self.calendar.next_working_day(self._days[-1]))
        return self._days[index]

    def to_work(self, when: datetime) -> float:
        """Working hours elapsed from the first opening to `when`."""
        local = as_aware(when).astimezone(VN_TZ)
        day = local.date()
        if day < self._days[0]:
            return 0.0
        self._extend_to(day)
        index = bisect_left(self._days, day)
        hours = index * self.hours_per_day
        if index < len(self._days) and self._days[index] == day:
            opened = datetime.combine(day, self.opens, VN_TZ)
            into = (local - opened).total_seconds() / 3600
            hours += min(max(into, 0.0), self.hours_per_day)
        return hours

    def to_instant(self, hours: float) -> datetime:
        """The instant at `hours` working hours; a whole day ends at its closing, not at the next opening."""
        index, into = divmod(max(hours, 0.0), self.hours_per_day)
        day_index = int(index)
        if into < 1e-9 and day_index > 0:
            return datetime.combine(self._day(day_index - 1), self.closes, VN_TZ)
        return datetime.combine(self._day(day_index), self.opens, VN_TZ) + timedelta(hours=into)

    def days(self, hours: float) -> float:
        """Working hours as working days."""
        return hours / self.hours_per_day
