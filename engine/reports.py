"""The monthly report of DOMAIN.md §4: received, carried over, in progress, finished, rates — per agency and
procedure. Every measure is defined in docs/reports.md; the counting is SQL (engine/store/reports_store.py),
the month's bounds and names are the reports service's (engine/services/reports.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import ValidationError
from .time.clock import VN_TZ

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


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 2)
