"""Small read-only views the engine returns (never SpiffWorkflow objects, never database rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Position:
    """Where a case waits: a task in a lane, or an event (timer, message)."""

    element_id: str
    name: str
    kind: str
    lane: str | None = None
    agency: str | None = None
    task_id: str | None = None


@dataclass(frozen=True)
class Awaited:
    """A message a case waits for: what to send, which agency sends it, and by when."""

    message: str  # the name to send at POST /messages
    message_id: str  # the bpmn:message id: its schema is messages/<message_id>.schema.json
    sender: str | None  # the agency code whose system sends it
    element_id: str
    deadline: datetime | None  # the sender's share (its boundary timer), else the case's legal deadline
    example: dict[str, Any] | None = None


@dataclass(frozen=True)
class CaseIncident:
    """A step of the case that failed at run time; the case waits at its last committed state."""

    id: int
    element_id: str | None
    expression: str | None
    field: str | None  # the field the expression read and did not find, when known
    error: str
    operation: str  # what failed: `message` (a delivery, kept to retry) or `timer`
    message: str | None
    raised_by: str
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None


@dataclass(frozen=True)
class LegalClock:
    """The legal deadline of a case in working days, and how much of it is used."""

    started_at: datetime | None
    due_at: datetime | None
    days_allowed: int | None
    days_used: int
    paused: bool
    paused_days: int
    overdue: bool


@dataclass(frozen=True)
class OutcomeView:
    """A linked group's procedure and its own outcome (engine/law/outcomes.py); result None: undecided."""

    part: str
    name_vi: str
    agency: str
    agency_name: str
    code: str | None  # the part's national code (mã TTHC); None where no source gives one
    result: str | None  # registered | refused
    reason: str | None  # the written reason of a refusal
    decided_at: datetime | None


@dataclass(frozen=True)
class CaseView:
    """A case as callers see it."""

    id: str
    dossier_code: str
    procedure: str
    procedure_code: str | None  # mã TTHC (procedure.toml `codes`); None where no source gives one
    variant: str
    version_id: int
    status: int
    status_label: str
    applicant: str
    channel: str
    created_at: datetime
    updated_at: datetime
    completed: bool
    result: str | None
    legal_clock: LegalClock
    finished_at: datetime | None
    returned_at: datetime | None
    position: tuple[Position, ...]
    summary: dict[str, Any]
    version: int
    data: dict[str, Any] | None = None
    awaiting: tuple[Awaited, ...] = ()
    incidents: tuple[CaseIncident, ...] = ()  # open ones
    outcomes: tuple[OutcomeView, ...] = ()  # a linked group's parts, each with its own outcome


@dataclass(frozen=True)
class TaskView:
    """A human task someone can claim and complete."""

    id: str
    case_id: str
    dossier_code: str | None
    element_id: str
    name: str
    lane: str | None
    agency: str | None
    role: str | None
    state: str
    created_at: datetime
    claimed_by: str | None
    form_key: str | None
    form: dict[str, Any] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    due_at: datetime | None = None  # the step's share of the deadline, else the case's legal deadline
    overdue: bool = False
    case_status: int | None = None  # the dossier's status code (1–10)
    case_status_label: str | None = None


@dataclass(frozen=True)
class EventView:
    """One audit event of a case."""

    id: int | None
    case_id: str
    at: datetime
    actor: str
    kind: str
    element_id: str | None
    from_state: str | None
    to_state: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class VersionView:
    """A deployed version of a procedure variant."""

    id: int
    procedure: str
    variant: str
    number: int
    bundle_hash: str
    status: str
    created_by: str
    created_at: datetime
    activated_by: str | None
    activated_at: datetime | None
    note: str


@dataclass(frozen=True)
class FireResult:
    """What one `engine.timers.fire_due` call did."""

    fired: int
    failed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class JobIncident:
    """A service task whose agency system kept failing: its job's retries ran out, the case waits there."""

    id: int
    job_id: int
    case_id: str
    dossier_code: str
    element_id: str
    operation: str
    message: str
    attempts: int
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


@dataclass(frozen=True)
class DocumentView:
    """A document attached to a case (a digitised dossier component when `component` is set)."""

    id: str
    case_id: str
    applicant: str
    component: str | None
    filename: str
    media_type: str  # sniffed from the content, never taken from the client
    size: int
    sha256: str
    uploaded_by: str
    created_at: datetime
    reused_from: str | None = None


@dataclass(frozen=True)
class DeadLetterView:
    """A status change or message the worker gave up on; it holds back the case's later ones."""

    id: int
    case_id: str
    dossier_code: str
    seq: int
    status: int | None
    attempts: int
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True)
class InboxItemView:
    """A message a case sent to an agency, as that agency reads it from its feed (`id` is the cursor)."""

    id: int
    case_id: str
    dossier_code: str
    procedure: str
    procedure_code: str | None
    message: str
    sender: str | None
    payload: dict[str, Any]
    sent_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True)
class Replayed:
    """How many dead letters were queued again, and the outbox's counts after."""

    replayed: int
    counts: dict[str, int]
