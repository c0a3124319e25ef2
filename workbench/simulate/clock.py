"""Working time: office hours of working days laid end to end; durations skip nights, weekends, holidays."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ, as_aware

Period = tuple[time, time]
# Eight office hours with a lunch break: the civil-service day (Labour Code 2019, Art. 105: 8 hours).
DEFAULT_HOURS: tuple[Period, ...] = ((time(8), time(12)), (time(13), time(17)))


def _hours(start: time, end: time) -> float:
    return (end.hour - start.hour) + (end.minute - start.minute) / 60 + (end.second - start.second) / 3600


class WorkClock:
    """Maps instants to working hours since the simulation's first day, and back.

    Hour 0 is the opening of the first working day on or after `start`; each working day adds its office
    hours (its periods, e.g. morning and afternoon). An instant outside office hours maps to the next
    opening, so a task that ends at 17:00 on Friday and one that starts at 08:00 on Monday are at the same
    working hour.
    """

    def __init__(self, calendar: WorkingCalendar, start: date,
                 periods: tuple[Period, ...] = DEFAULT_HOURS) -> None:
        self.calendar = calendar
        self.periods = periods
        self.hours_per_day = sum(_hours(a, b) for a, b in periods)
        first = start if calendar.is_working_day(start) else calendar.next_working_day(start)
        self._days: list[date] = [first]

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
        while self._days[-1] < day:
            self._days.append(self.calendar.next_working_day(self._days[-1]))
        index = bisect_left(self._days, day)
        hours = index * self.hours_per_day
        if self._days[index] == day:
            now = local.time()
            for start, end in self.periods:
                if now >= end:
                    hours += _hours(start, end)
                elif now > start:
                    hours += _hours(start, now)
        return hours

    def to_instant(self, hours: float) -> datetime:
        """The instant at `hours` working hours; a day's work ends at its closing, not the next opening."""
        index, into = divmod(max(hours, 0.0), self.hours_per_day)
        day_index = int(index)
        if into < 1e-9 and day_index > 0:
            return datetime.combine(self._day(day_index - 1), self.periods[-1][1], VN_TZ)
        day = self._day(day_index)
        for start, end in self.periods:
            length = _hours(start, end)
            if into <= length + 1e-9:
                return datetime.combine(day, start, VN_TZ) + timedelta(hours=into)
            into -= length
        return datetime.combine(day, self.periods[-1][1], VN_TZ)

    def days(self, hours: float) -> float:
        """Working hours as working days."""
        return hours / self.hours_per_day
