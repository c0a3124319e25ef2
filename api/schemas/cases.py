"""Cases (hồ sơ): starting one, ending one, and how a case reads (position, awaited messages, clock, the
outcome of each part of a linked group)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import CASE_TOTAL_CAP, CaseView

from ..contracts import message_schema_url
from .common import PRINTABLE, Data, Identifier, LocalTime, Read
from .incidents import CaseIncidentRead
from .pages import Page


class CaseCreate(BaseModel):
    """Start a case: which procedure (variant or version), for whom, through which channel, with what data."""

    model_config = ConfigDict(extra="forbid")

    procedure: Identifier = Field(description="slug or procedure code (mã TTHC)")
    variant: Identifier | None = Field(None, description="default: the procedure's first variant")
    version_id: int | None = Field(None, ge=1, le=2**31 - 1, description="a given active or retired version")
    applicant: Identifier | None = Field(None, description="the citizen's id number; a citizen may omit it")
    channel: Literal["online", "truc-tiep", "buu-chinh"] = "online"
    dossier_code: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$",
                                     description="default: generated, e.g. LT-250303-3F2A9C0D")
    data: Data = Field(default_factory=dict, description="the start form (forms/start.schema.json)")


class CaseEnd(BaseModel):
    """Why a dossier is withdrawn (the citizen's words, optional) or stopped (required, DOMAIN.md [S7])."""

    model_config = ConfigDict(extra="forbid")

    ly_do: str | None = Field(None, max_length=2000, pattern=PRINTABLE, description="the written reason")


class PositionRead(Read):
    """Where a case waits; `task_id` is the task to complete next when it waits for a person."""

    element_id: str
    name: str
    kind: str
    lane: str | None
    agency: str | None
    task_id: str | None = None


class AwaitedRead(Read):
    """A message the case waits for: send `payload` matching `schema_url` as `message` to POST /messages."""

    message: str = Field(description="the `name` to send at POST /messages")
    message_id: str
    sender: str | None = Field(description="the agency whose system sends it")
    element_id: str
    deadline: LocalTime | None = Field(description="the sender's share of the deadline, else the case's")
    schema_url: str = ""
    example: Data | None = None


class LegalClockRead(Read):
    """The legal deadline in working days and how much of it is used."""

    started_at: LocalTime | None
    due_at: LocalTime | None
    days_allowed: int | None
    days_used: int
    paused: bool
    paused_days: int
    overdue: bool


class OutcomeRead(Read):
    """One procedure (part) of a linked group and its own outcome; `result` null while undecided."""

    part: str = Field(description="the part's key in procedure.toml [[parts]]")
    name_vi: str
    agency: str = Field(description="the agency that decides it")
    agency_name: str
    code: str | None = Field(description="its national code (mã TTHC); null where no source gives one")
    result: Literal["registered", "refused"] | None
    reason: str | None = Field(description="the written reason of a refusal")
    decided_at: LocalTime | None


OUTCOMES_EXAMPLE = [
    {"part": "khai-sinh", "name_vi": "Đăng ký khai sinh", "agency": "ubnd-xa",
     "agency_name": "Ủy ban nhân dân cấp xã (công chức Tư pháp - Hộ tịch)", "code": None,
     "result": "registered", "reason": None, "decided_at": "2025-03-03T10:05:00+07:00"},
    {"part": "thuong-tru", "name_vi": "Đăng ký thường trú", "agency": "cong-an",
     "agency_name": "Cơ quan đăng ký cư trú (Công an)", "code": None, "result": "refused",
     "reason": "Chỗ ở của cha mẹ không phải chỗ ở hợp pháp", "decided_at": "2025-03-04T09:30:00+07:00"},
    {"part": "the-bhyt", "name_vi": "Cấp thẻ bảo hiểm y tế", "agency": "bhxh",
     "agency_name": "Cơ quan Bảo hiểm xã hội", "code": None, "result": None, "reason": None,
     "decided_at": None},
]


class CaseRead(Read):
    """A case (hồ sơ): status, position, legal clock."""


    id: str
    dossier_code: str
    procedure: str
    procedure_code: str | None = Field(description="the national code (mã TTHC) where a source gives one")
    variant: str
    version_id: int
    status: int = Field(ge=1, le=10, description="canonical dossier status 1–10")
    status_label: str
    applicant: str
    channel: str
    created_at: LocalTime
    updated_at: LocalTime
    completed: bool
    result: str | None
    legal_clock: LegalClockRead
    finished_at: LocalTime | None
    returned_at: LocalTime | None
    position: list[PositionRead]
    summary: Data
    version: int = Field(description="optimistic-lock version; send it back as expected_version")
    data: Data | None = None
    awaiting: list[AwaitedRead] = Field(default_factory=list,
                                        description="messages the case waits for from other agencies")
    incidents: list[CaseIncidentRead] = Field(default_factory=list,
                                              description="open incidents: steps that failed, to correct")
    outcomes: list[OutcomeRead] = Field(
        description="a linked group's procedures, each registered or refused with its reason on its own "
        "(e.g. residence refused while the birth is registered); empty for a single procedure",
        examples=[OUTCOMES_EXAMPLE],
    )

    @classmethod
    def of(cls, view: CaseView) -> CaseRead:
        """From the engine's view."""
        read = cls.model_validate(view)
        for item in read.awaiting:
            item.schema_url = message_schema_url(view.procedure, view.variant, item.message_id)
        return read


class CasePage(Page[CaseRead]):
    """One page of cases, newest first, and how many match in all."""

    unreadable: list[str] = Field(default_factory=list, description="ids of cases on this page whose stored "
                                  "row cannot be read (left out; GET /cases/{id} answers case-unreadable)")
    total_capped: bool = Field(False, description=f"`total` reached the cap ({CASE_TOTAL_CAP:,}), where "
                               "counting may stop: at least `total` cases match. Below it `total` is exact; "
                               "`has_more` is exact either way")
