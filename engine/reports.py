"""The monthly report of DOMAIN.md §4: received, carried over, in progress, finished, rates — per agency and
procedure. Every measure is defined in docs/reports.md; the counting is SQL (engine/store/reports_store.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from .catalog import Catalog
from .clock import VN_TZ, to_utc
from .errors import NotFoundError, ValidationError
from .store.reports_store import Period, Sums, monthly_sums

if TYPE_CHECKING:
    from .engine import Engine

RATES = ("on_time_rate", "fully_online_rate", "online_payment_rate", "synced_rate", "digitised_rate")


@dataclass(frozen=True)
class ReportRow:
    """The figures of one agency and procedure (agency None: all agencies; procedure None: all)."""

    agency: str | None
    agency_name: str | None
    procedure: str | None
    procedure_name: str | None
    counts: dict[str, int]

    @property
    def in_progress_not_due(self) -> int:
        """Open cases neither late nor near due (including paused ones and those without a deadline)."""
        c = self.counts
        return c["in_progress"] - c["in_progress_late"] - c["in_progress_near_due"]

    @property
    def late(self) -> int:
        """Late open cases plus cases finished late."""
        return self.counts["in_progress_late"] + self.counts["finished_late"]

    @property
    def rates(self) -> dict[str, float | None]:
        """Percentages (None when nothing was there to count)."""
        c = self.counts
        late_rate = _percent(self.late, c["to_process"])
        return {
            "on_time_rate": None if late_rate is None else round(100 - late_rate, 2),
            "fully_online_rate": _percent(c["fully_online"], c["received"]),
            "online_payment_rate": _percent(c["paid_online"], c["payments"]),
            "synced_rate": _percent(c["synced"], c["status_changes"]),
            "digitised_rate": _percent(c["digitised"], c["received"]),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "agency": self.agency,
            "agency_name": self.agency_name,
            "procedure": self.procedure,
            "procedure_name": self.procedure_name,
            **self.counts,
            "in_progress_not_due": self.in_progress_not_due,
            **self.rates,
        }


@dataclass(frozen=True)
class MonthlyReport:
    """One month's report: rows per agency and procedure, per procedure, and the total."""

    month: str
    start: datetime
    end: datetime
    as_of: datetime
    agency: str | None
    rows: list[ReportRow] = field(default_factory=list)
    procedures: list[ReportRow] = field(default_factory=list)
    total: ReportRow | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report."""
        return {
            "month": self.month,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "agency": self.agency,
            "rows": [r.to_dict() for r in self.rows],
            "procedures": [r.to_dict() for r in self.procedures],
            "total": self.total.to_dict() if self.total else None,
        }


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """[first day 00:00, next month's first day 00:00) in Vietnam, for `YYYY-MM`."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", month.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(f"'{month}' is not a month; write it as YYYY-MM, e.g. 2025-03", field="month")
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime(year, number, 1, tzinfo=VN_TZ)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=VN_TZ)
    return start, end


def monthly_report(engine: Engine, month: str, *, agency: str | None = None) -> MonthlyReport:
    """The report of `month` (figures as of its end, or as of now for the running month); only the cases
    `agency` worked on, when given."""
    start, end = month_bounds(month)
    now = engine.clock.now()
    if now < start:
        raise NotFoundError(f"{month} has not begun yet", hint="report on this month or an earlier one")
    at = min(end, now).astimezone(VN_TZ)
    # "Near due": due by the close of the next working day. A finished month is reported as of 00:00 on
    # the 1st, whose "today" is still the month's last day.
    today = at.date() - timedelta(days=1) if at.time() == time(0) else at.date()
    near = engine.calendar.end_of_day(engine.calendar.next_working_day(today))
    period = Period(to_utc(start), to_utc(end), to_utc(at), to_utc(near))
    rows, procedures, total = monthly_sums(engine.store, period, agency)
    names = _Names(engine.catalog)
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


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 2)


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
