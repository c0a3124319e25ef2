"""Plain records that cross the store boundary (the engine never sees SQLAlchemy objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class VersionRecord:
    """One immutable deployed version of a procedure variant."""

    id: int
    procedure: str
    variant: str
    number: int
    bundle_hash: str
    status: str  # pending | active | retired
    created_by: str
    created_at: datetime
    activated_by: str | None = None
    activated_at: datetime | None = None
    note: str = ""


@dataclass
class CaseRecord:
    """A case row: identity, legal clock and the serialised workflow state."""

    id: str
    dossier_code: str
    procedure: str
    variant: str
    version_id: int
    bundle_hash: str
    status: int
    state: str
    version: int
    applicant: str
    channel: str
    created_at: datetime
    updated_at: datetime
    received_at: datetime | None = None
    due_at: datetime | None = None
    paused_at: datetime | None = None
    paused_days: int = 0
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    completed: bool = False
    result: str | None = None
    position: str = ""  # where the case waits: "element=task_id" for human tasks, "element" for events
    waits: str = ""  # a key of the timer and message rows last written (unchanged → not rewritten)
    outbox_seq: int = 0  # the last status change queued for the portal
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class TaskRecord:
    """A human task that is (or was) ready for someone to work on."""

    id: str
    case_id: str
    element_id: str
    name: str
    lane: str | None
    agency: str | None
    role: str | None
    form_key: str | None
    state: str  # ready | claimed | completed | cancelled
    created_at: datetime
    claimed_by: str | None = None
    completed_by: str | None = None
    completed_at: datetime | None = None
    due_at: datetime | None = None


@dataclass(frozen=True)
class WorkCase:
    """What a work list shows of a task's case: never its state or summary, so a corrupt case still lists."""

    id: str
    dossier_code: str
    status: int
    due_at: datetime | None
    paused_at: datetime | None
    bundle_hash: str


@dataclass
class TimerRecord:
    """A waiting BPMN timer, indexed by when it is due."""

    task_id: str
    case_id: str
    element_id: str
    due_at: datetime
    legal_clock: bool = False


@dataclass
class SubscriptionRecord:
    """A case waiting for a message, found by message name and correlation value."""

    case_id: str
    task_id: str
    message: str
    correlation: str
    element_id: str


@dataclass
class EventRecord:
    """One audit event: who did what to which case, when, from and to which state."""

    case_id: str
    at: datetime
    actor: str
    kind: str
    element_id: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    data_hash: str | None = None
    id: int | None = None


@dataclass
class OutboxRecord:
    """A status change for the National Public Service Portal, or a message for another agency."""

    case_id: str
    seq: int
    kind: str
    payload: dict[str, Any]
    idempotency_key: str
    created_at: datetime
    id: int | None = None
    attempts: int = 0
    delivered_at: datetime | None = None
    dead: bool = False
    last_error: str | None = None
    recipient: str | None = None  # the agency a `message` row goes to
