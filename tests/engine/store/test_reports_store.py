"""store/reports_store.py: the monthly report's counts, in SQL, by agency and procedure (docs/reports.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from engine import Engine
from engine.store.reports_store import COUNTS, Period, monthly_sums
from engine.time.clock import FakeClock
from tests.engine.services.conftest import registered

from .conftest import start


def month(first: tuple[int, int, int], last: tuple[int, int, int], at: datetime | None = None) -> Period:
    """A month in Hanoi (its bounds at 17:00 UTC, midnight at UTC+7), as of its end unless `at`."""
    start, end = (datetime(*day, 17, tzinfo=UTC) for day in (first, last))
    return Period(start, end, at or end, end)


def counted(engine: Engine, period: Period, agency: str | None = None) -> dict[str, int]:
    return {name: n for name, n in monthly_sums(engine.store, period, agency)[2].counts.items() if n}


def test_a_case_received_in_the_month_is_to_process_and_late_by_its_end(linked: Engine,
                                                                         clock: FakeClock) -> None:
    registered(linked)  # received Monday 3 March 2025, 3 working days allowed
    start(linked)  # started, never received: no case to process
    march = month((2025, 2, 28), (2025, 3, 31))
    rows, procedures, total = monthly_sums(linked.store, march)
    assert set(total.counts) == set(COUNTS)
    late = {"received": 1, "to_process": 1, "in_progress": 1, "in_progress_late": 1, "status_changes": 2}
    assert {k: v for k, v in total.counts.items() if k in late} == late
    assert [(r.agency, r.procedure) for r in rows] == [("ubnd-xa", "lien-thong-mau")]
    assert [p.procedure for p in procedures] == ["lien-thong-mau"] and procedures[0].counts == total.counts
    # As of the day it was received it is not late yet, and its status rows are not yet "before as of".
    early = counted(linked, month((2025, 2, 28), (2025, 3, 31), at=clock.now()))
    assert "in_progress_late" not in early and "status_changes" not in early


def test_an_unfinished_case_is_carried_over_into_the_next_month(linked: Engine) -> None:
    registered(linked)
    april = counted(linked, month((2025, 3, 31), (2025, 4, 30)))
    assert april == {"carried_over": 1, "to_process": 1, "in_progress": 1, "in_progress_late": 1}
    assert counted(linked, month((2025, 1, 31), (2025, 2, 28))) == {}  # before it was received


def test_an_agency_s_report_counts_only_the_cases_it_worked(linked: Engine) -> None:
    registered(linked)
    march = month((2025, 2, 28), (2025, 3, 31))
    assert monthly_sums(linked.store, march, "cong-an")[0] == []  # the police have no task in it (yet)
    assert counted(linked, march, "ubnd-xa")["received"] == 1
