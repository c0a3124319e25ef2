"""/reports: the monthly report of DOMAIN.md §4 (docs/reports.md defines every figure)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from engine.errors import ForbiddenError

from ..deps import ActorDep, EngineDep
from ..responses import ok, problems
from ..schemas.common import LocalTime

router = APIRouter(prefix="/reports", tags=["reports"])
ROW = {"agency": "so-gddt", "agency_name": "Sở Giáo dục và Đào tạo", "procedure": "chuyen-truong-thpt",
       "procedure_name": "Chuyển trường đối với học sinh trung học phổ thông",
       "received": 6, "carried_over": 3, "to_process": 9,
       "in_progress": 5, "in_progress_late": 2, "in_progress_near_due": 1, "in_progress_not_due": 2,
       "finished": 4, "finished_early": 2, "finished_on_time": 1, "finished_late": 1, "not_collected": 1,
       "fully_online": 4, "payments": 2, "paid_online": 1, "digitised": 2, "status_changes": 29, "synced": 29,
       "on_time_rate": 66.67, "fully_online_rate": 66.67, "online_payment_rate": 50.0, "synced_rate": 100.0,
       "digitised_rate": 33.33}
REPORT = {"month": "2025-03", "start": "2025-03-01T00:00:00+07:00", "end": "2025-04-01T00:00:00+07:00",
          "as_of": "2025-04-01T00:00:00+07:00", "agency": "so-gddt", "rows": [ROW],
          "procedures": [{**ROW, "agency": None, "agency_name": None}],
          "total": {**ROW, "agency": None, "agency_name": None, "procedure": None, "procedure_name": None}}


class ReportRowRead(BaseModel):
    """One agency's and procedure's figures (agency null: all agencies; procedure null: all procedures)."""

    agency: str | None
    agency_name: str | None
    procedure: str | None
    procedure_name: str | None
    received: int = Field(description="received this month (tiếp nhận)")
    carried_over: int = Field(description="received earlier, unfinished when the month began (tồn kỳ trước)")
    to_process: int = Field(description="received + carried over (cần xử lý)")
    in_progress: int
    in_progress_late: int
    in_progress_near_due: int
    in_progress_not_due: int
    finished: int
    finished_early: int
    finished_on_time: int
    finished_late: int
    not_collected: int = Field(description="processed but the result not yet handed over (chưa nhận)")
    fully_online: int
    payments: int
    paid_online: int
    digitised: int
    status_changes: int
    synced: int
    on_time_rate: float | None = Field(description="100 − (late open + finished late) ÷ to process, in %")
    fully_online_rate: float | None
    online_payment_rate: float | None
    synced_rate: float | None = Field(description="status changes delivered to the national portal, in %")
    digitised_rate: float | None


class MonthlyReportRead(BaseModel):
    """The month's figures per agency and procedure, per procedure, and in total."""

    month: str
    start: LocalTime
    end: LocalTime
    as_of: LocalTime = Field(description="the month's end, or now for the running month")
    agency: str | None = Field(description="the caller's agency: only the cases it worked on are counted")
    rows: list[ReportRowRead]
    procedures: list[ReportRowRead]
    total: ReportRowRead


@router.get("/monthly", responses={**ok(REPORT), **problems(403, 404)})
def get_monthly_report(
    engine: EngineDep, actor: ActorDep,
    month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM", examples=["2025-03"])],
) -> MonthlyReportRead:
    """Received, carried over, in progress (late / near due / not yet due), finished early / on time / late,
    not yet collected, and the on-time, fully-online, online-payment, synced and digitised rates.

    Officers and agency systems see the cases of their own agency.
    """
    if actor.kind == "citizen":
        raise ForbiddenError("the monthly report is for agencies, not citizens")
    agency = None if actor.is_system else actor.agency
    report: dict[str, Any] = engine.reports.monthly(month, agency=agency).to_dict()
    return MonthlyReportRead.model_validate(report)
