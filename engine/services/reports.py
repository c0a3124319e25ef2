"""Reports: the monthly report of DOMAIN.md §4, as of the month's end (or now, for the running month)."""

from __future__ import annotations

from datetime import time, timedelta

from ..bpmn.catalog import Catalog
from ..errors import NotFoundError
from ..reports import MonthlyReport, ReportRow, month_bounds
from ..store.reports_store import Period, Sums, Totals, monthly_sums, totals
from ..time.clock import VN_TZ, to_utc
from .core import Core


class ReportService:
    """The monthly report and the running totals (the engine's `reports`)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def totals(self) -> Totals:
        """Cases started and completed, tasks completed and open tasks by lane, over the whole database."""
        return totals(self.core.store)

    def monthly(self, month: str, *, agency: str | None = None) -> MonthlyReport:
        """The report of `month` (figures as of its end, or as of now for the running month); only the cases
        `agency` worked on, when given."""
        core = self.core
        start, end = month_bounds(month)
        now = core.clock.now()
        if now < start:
            raise NotFoundError(f"{month} has not begun yet", hint="report on this month or an earlier one")
        at = min(end, now).astimezone(VN_TZ)
        # "Near due": due by the close of the next working day. A finished month is reported as of 00:00 on
        # the 1st, whose "today" is still the month's last day.
        today = at.date() - timedelta(days=1) if at.time() == time(0) else at.date()
        near = core.calendar.end_of_day(core.calendar.next_working_day(today))
        period = Period(to_utc(start), to_utc(end), to_utc(at), to_utc(near))
        rows, procedures, total = monthly_sums(core.store, period, agency)
        names = _Names(core.catalog)
        return MonthlyReport(
            month=f"{start:%Y-%m}",
            start=start,
            end=end,
            as_of=at,
            agency=agency,
            rows=[names.row(s) for s in rows],
            procedures=[names.row(s) for s in procedures],
            total=names.row(total),
        )


class _Names:
    """Vietnamese names of procedures and agencies, from the catalogue (codes when unknown)."""

    def __init__(self, catalog: Catalog) -> None:
        self.procedures: dict[str, str] = {}
        self.agencies: dict[str, str] = {}
        for procedure in catalog.procedures():
            self.procedures[procedure.slug] = procedure.name_vi
            for code in procedure.agencies:
                self.agencies.setdefault(code, procedure.agency_name(code))

    def row(self, sums: Sums) -> ReportRow:
        return ReportRow(
            agency=sums.agency,
            agency_name=self.agencies.get(sums.agency, sums.agency) if sums.agency else None,
            procedure=sums.procedure,
            procedure_name=self.procedures.get(sums.procedure, sums.procedure) if sums.procedure else None,
            counts=sums.counts,
        )
