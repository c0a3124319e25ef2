"""Request and response bodies (XCreate / XRead families), each built from an engine view."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from engine.clock import VN_TZ
from engine.procedure import Procedure
from engine.views import CaseView, EventView, TaskView, VersionView

from .contracts import MessageContractRead, message_schema_url

PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no control characters (PostgreSQL refuses NUL in text)
Identifier = Annotated[str, Field(min_length=1, max_length=128, pattern=PRINTABLE)]
Data = dict[str, Any]


def _in_vietnam(value: datetime) -> datetime:
    return value.astimezone(VN_TZ)


# Times are answered in Vietnam's zone (+07:00), the way officers and citizens read them.
LocalTime = Annotated[datetime, AfterValidator(_in_vietnam)]


class Read(BaseModel):
    """Base of response bodies."""

    model_config = ConfigDict(from_attributes=True)


# -- problems ---------------------------------------------------------------------------------------
class FieldError(BaseModel):
    """One field that is wrong, and why."""

    model_config = ConfigDict(populate_by_name=True)

    field: str
    message: str
    in_: str | None = Field(None, alias="in", description="body, query, path or header")


class LintFinding(BaseModel):
    """A problem the linter found in an uploaded diagram."""

    severity: Literal["error", "warning"]
    code: str
    message: str
    file: str
    line: int | None = None
    element_id: str | None = None
    hint: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details, with where the error is (element id, file, line, field) and a hint."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    element_id: str | None = None
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    errors: list[FieldError] | None = None
    findings: list[LintFinding] | None = Field(None, description="every lint finding of a refused upload")
    incident: str | None = None


# -- procedures and versions ------------------------------------------------------------------------
class AgencyRead(Read):
    """An agency taking part in a procedure."""

    code: str
    name_vi: str


class LaneRead(Read):
    """A lane of the diagrams and who works it (the server-side authorisation map)."""

    name: str
    agency: str
    role: str


class VariantRead(Read):
    """A way of running the procedure and the deadlines it promises."""

    name: str
    file: str
    description_vi: str
    description_en: str
    deadlines: dict[str, int]
    active_version: int | None = Field(None, description="id of the version new cases start on")


class ComponentRead(Read):
    """A dossier component (thành phần hồ sơ)."""

    code: str
    name_vi: str


class VersionRead(Read):
    """A deployed, immutable version of a procedure variant."""

    id: int
    procedure: str
    variant: str
    number: int
    bundle_hash: str
    status: Literal["pending", "active", "retired"]
    created_by: str
    created_at: LocalTime
    activated_by: str | None
    activated_at: LocalTime | None
    note: str

    @classmethod
    def of(cls, view: VersionView) -> VersionRead:
        """From the engine's view."""
        return cls.model_validate(view)


class VersionCreated(VersionRead):
    """An uploaded version, pending review, with the linter's warnings."""

    findings: list[LintFinding] = Field(default_factory=list)

    @classmethod
    def of(cls, view: VersionView, findings: list[dict[str, Any]] | None = None) -> VersionCreated:
        """From the engine's view and the lint findings."""
        return cls.model_validate({**VersionRead.of(view).model_dump(), "findings": findings or []})


class ProcedureSummary(Read):
    """A procedure in the catalogue."""

    slug: str
    code: str
    codes: list[str]
    name_vi: str
    name_en: str
    online_level: str
    agencies: list[AgencyRead]
    variants: list[str]

    @classmethod
    def of(cls, p: Procedure) -> ProcedureSummary:
        """From procedure.toml."""
        return cls(slug=p.slug, code=p.code, codes=list(p.codes), name_vi=p.name_vi, name_en=p.name_en,
                   online_level=p.online_level, agencies=_agencies(p), variants=list(p.variants))


class ProcedureRead(Read):
    """A procedure with its lanes, variants, dossier components and deployed versions."""

    slug: str
    code: str
    codes: list[str]
    name_vi: str
    name_en: str
    online_level: str
    agencies: list[AgencyRead]
    lanes: list[LaneRead]
    variants: list[VariantRead]
    components: list[ComponentRead]
    versions: list[VersionRead]
    messages: list[MessageContractRead] = Field(
        default_factory=list, description="messages the variants receive from other agencies")

    @classmethod
    def of(cls, p: Procedure, versions: list[VersionView],
           messages: list[MessageContractRead] | None = None) -> ProcedureRead:
        """From procedure.toml and the versions deployed so far (newest first)."""
        active = {v.variant: v.id for v in reversed(versions) if v.status == "active"}
        variants = [VariantRead(name=v.name, file=v.file, description_vi=v.description_vi,
                                description_en=v.description_en, deadlines=dict(v.deadlines),
                                active_version=active.get(v.name)) for v in p.variants.values()]
        return cls(slug=p.slug, code=p.code, codes=list(p.codes), name_vi=p.name_vi, name_en=p.name_en,
                   online_level=p.online_level, agencies=_agencies(p),
                   lanes=[LaneRead(name=n, agency=r.agency, role=r.role) for n, r in p.lanes.items()],
                   variants=variants,
                   components=[ComponentRead(code=c, name_vi=str(d.get("name_vi", c)))
                               for c, d in p.components.items()],
                   versions=[VersionRead.of(v) for v in versions], messages=messages or [])


def _agencies(p: Procedure) -> list[AgencyRead]:
    return [AgencyRead(code=code, name_vi=p.agency_name(code)) for code in p.agencies]


# -- cases ------------------------------------------------------------------------------------------
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


class CaseIncidentRead(Read):
    """A step of the case that failed at run time: the case waits at its last committed state."""

    id: int
    element_id: str | None
    expression: str | None = Field(description="what was being evaluated")
    field: str | None = Field(description="the field it read and did not find, when known")
    error: str
    operation: str = Field(description="`message` (the delivery is kept, to retry) or `timer`")
    message: str | None
    raised_by: str
    created_at: LocalTime
    resolved_at: LocalTime | None = None
    resolved_by: str | None = None
    resolution: str | None = None


class LegalClockRead(Read):
    """The legal deadline in working days and how much of it is used."""

    started_at: LocalTime | None
    due_at: LocalTime | None
    days_allowed: int | None
    days_used: int
    paused: bool
    paused_days: int
    overdue: bool


class CaseRead(Read):
    """A case (hồ sơ): status, position, legal clock."""


    id: str
    dossier_code: str
    procedure: str
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

    @classmethod
    def of(cls, view: CaseView) -> CaseRead:
        """From the engine's view."""
        read = cls.model_validate(view)
        for item in read.awaiting:
            item.schema_url = message_schema_url(view.procedure, view.variant, item.message_id)
        return read


class CasePage(BaseModel):
    """One page of cases, newest first, and how many match in all."""

    items: list[CaseRead]
    total: int
    limit: int
    offset: int
    unreadable: list[str] = Field(default_factory=list, description="ids of cases on this page whose stored "
                                  "row cannot be read (left out; GET /cases/{id} answers case-unreadable)")


class EventRead(Read):
    """One audit event."""

    id: int | None
    at: LocalTime
    actor: str
    kind: str
    element_id: str | None
    from_state: str | None
    to_state: str | None
    data: Data

    @classmethod
    def of(cls, view: EventView) -> EventRead:
        """From the engine's view."""
        return cls.model_validate(view)


# -- tasks ------------------------------------------------------------------------------------------
class TaskRead(Read):
    """A human task waiting in a lane."""


    id: str
    case_id: str
    dossier_code: str | None
    element_id: str
    name: str
    lane: str | None
    agency: str | None
    role: str | None
    state: Literal["ready", "claimed", "completed", "cancelled"]
    created_at: LocalTime
    claimed_by: str | None
    form_key: str | None

    @classmethod
    def of(cls, view: TaskView) -> TaskRead:
        """From the engine's view."""
        return cls.model_validate(view)


class TaskPage(BaseModel):
    """One page of the caller's work list, oldest task first."""

    items: list[TaskRead]
    limit: int
    offset: int
    has_more: bool


class TaskForm(BaseModel):
    """What a screen needs to render a task's e-form: the task, its JSON Schema and the current data."""

    model_config = ConfigDict(populate_by_name=True)

    task: TaskRead
    schema_: Data | None = Field(alias="schema", description="JSON Schema 2020-12; null if there is no form")
    data: Data


class TaskComplete(BaseModel):
    """The filled-in form, and optionally the case version the officer was looking at."""

    model_config = ConfigDict(extra="forbid")

    data: Data = Field(default_factory=dict)
    expected_version: int | None = Field(None, ge=0, le=2**31 - 1,
                                         description="refuse with 409 if the case changed since")


class Health(BaseModel):
    """Liveness and database reachability."""

    status: Literal["ok"]
    database: Literal["ok"]
    version: str
