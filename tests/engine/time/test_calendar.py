"""Working-day arithmetic against real Vietnamese calendars (Tết, swaps, cut-off, overrides)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from engine.errors import InvalidProcessError
from engine.time.calendar import CalendarOverrides, WorkingCalendar
from engine.time.clock import VN_TZ


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


def test_day_of_receipt_not_counted(calendar: WorkingCalendar) -> None:
    # Received Monday 10:00 with 3 working days: Tuesday, Wednesday, Thursday → due Thursday.
    assert calendar.due_at(at("2025-03-03T10:00"), 3) == at("2025-03-06T17:00")


def test_tet_2025_and_cutoff(calendar: WorkingCalendar) -> None:
    # Friday 24/1/2025 16:00, after the 15:00 cut-off: counted from Monday 3/2 (Tết 27–31/1 and the weekends
    # do not count), so 3 working days end on Thursday 6/2/2025.
    assert calendar.counting_day(at("2025-01-24T16:00")) == date(2025, 2, 3)
    assert calendar.due_at(at("2025-01-24T16:00"), 3) == at("2025-02-06T17:00")
    # Before the cut-off the same Friday counts: Mon 3, Tue 4, Wed 5.
    assert calendar.due_at(at("2025-01-24T14:59"), 3) == at("2025-02-05T17:00")


def test_cutoff_counts_only_after_15(calendar: WorkingCalendar) -> None:
    # "After 15:00" (DOMAIN.md §1.2 [S7][S8][D3]): 15:00:00 exactly is still that day, a second later is not.
    assert calendar.counting_day(at("2025-03-03T15:00")) == date(2025, 3, 3)
    assert calendar.counting_day(at("2025-03-03T15:00:01")) == date(2025, 3, 4)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 4, 7), False),  # Hùng Kings (10/3 lunar)
        (date(2025, 4, 30), False),  # Reunification Day
        (date(2025, 5, 1), False),  # Labour Day
        (date(2025, 5, 2), False),  # swapped day off (worked on Saturday 26/4)
        (date(2025, 4, 26), True),  # that Saturday is a working day
        (date(2025, 9, 1), False),  # National Day + adjacent day
        (date(2025, 9, 2), False),
        (date(2024, 2, 14), False),  # Tết 2024 (8–14/2)
        (date(2024, 5, 4), True),  # Saturday worked for the 29/4/2024 swap
        (date(2024, 4, 29), False),
        (date(2025, 3, 8), False),  # an ordinary Saturday
        (date(2025, 3, 10), True),
    ],
)
def test_public_holidays_and_swaps(calendar: WorkingCalendar, day: date, working: bool) -> None:
    assert calendar.is_working_day(day) is working


def test_holiday_on_weekend_is_made_up(calendar: WorkingCalendar) -> None:
    # Hùng Kings 2026 falls on Sunday 26/4: Monday 27/4 is off instead.
    assert not calendar.is_working_day(date(2026, 4, 27))


def test_working_days_between(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(at("2025-03-03T09:00"), at("2025-03-03T16:00")) == 0
    assert calendar.working_days_between(at("2025-03-03T09:00"), at("2025-03-10T09:00")) == 5
    assert calendar.working_days_between(at("2025-01-24T16:00"), at("2025-02-04T09:00")) == 1


def test_same_day_deadline(calendar: WorkingCalendar) -> None:
    # "Same working day" (0 days) before the cut-off; next working day after it.
    assert calendar.due_at(at("2025-03-03T10:00"), 0) == at("2025-03-03T17:00")
    assert calendar.due_at(at("2025-03-07T15:30"), 0) == at("2025-03-10T17:00")


def test_override_file(tmp_path: Path) -> None:
    path = tmp_path / "overrides.toml"
    path.write_text(
        'cutoff = "16:00"\n'
        '[[days_off]]\ndate = 2025-03-05\nreason = "Nghỉ theo quyết định của UBND tỉnh"\n'
        '[[working_days]]\ndate = 2025-03-08\nreason = "Làm bù"\n',
        encoding="utf-8",
    )
    calendar = WorkingCalendar(CalendarOverrides.load(path))
    assert not calendar.is_working_day(date(2025, 3, 5))
    assert calendar.is_working_day(date(2025, 3, 8))
    assert calendar.holiday_name(date(2025, 3, 5)) == "Nghỉ theo quyết định của UBND tỉnh"
    assert calendar.counting_day(at("2025-03-03T15:30")) == date(2025, 3, 3)  # cut-off moved to 16:00
    # From Monday 3: Tue 4, (Wed 5 is off), Thu 6, Fri 7, and the make-up Saturday 8 is the fourth day.
    assert calendar.due_at(at("2025-03-03T10:00"), 4) == at("2025-03-08T17:00")


def test_bad_override_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[days_off]]\ndate = "mai"\n', encoding="utf-8")
    with pytest.raises(InvalidProcessError) as info:
        CalendarOverrides.load(path)
    assert info.value.field == "days_off"


def test_shipped_override_file_loads() -> None:
    overrides = CalendarOverrides.load(
        Path(__file__).resolve().parents[3] / "config" / "calendar-overrides.toml"
    )
    assert overrides.cutoff.hour == 15
