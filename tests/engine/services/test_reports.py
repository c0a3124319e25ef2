"""The reports service: the month's figures per agency and procedure, as of its end or now."""

from __future__ import annotations

import pytest

from engine import Engine, NotFoundError
from engine.time.clock import FakeClock

from .conftest import PROCEDURE, registered


def test_the_running_month_counts_what_was_received_per_agency(linked: Engine, clock: FakeClock) -> None:
    registered(linked)
    report = linked.reports.monthly("2025-03")
    assert report.total is not None and report.as_of == clock.now()
    assert (report.total.counts["received"], report.total.counts["in_progress"]) == (1, 1)
    assert [(r.agency, r.procedure) for r in report.procedures] == [(None, PROCEDURE)]
    assert [(r.agency, r.agency_name) for r in report.rows] == [("ubnd-xa", "UBND xã")]  # the receiving one
    for other in (linked.reports.monthly("2025-03", agency="so-khac"), linked.reports.monthly("2025-02")):
        assert other.total is not None and other.total.counts["received"] == 0
    with pytest.raises(NotFoundError, match="has not begun"):
        linked.reports.monthly("2025-04")
