"""What the law and the legal clock see of a case being stepped (engine/run/runtime.py's CaseRun is one)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from SpiffWorkflow.bpmn import BpmnWorkflow

from ..bpmn.model import ProcessModel
from ..store.records import CaseRecord
from ..time.calendar import WorkingCalendar
from .context import CaseContext


class CaseStep(Protocol):
    """One operation stepping one case: its row, model, workflow, time, calendar and audit trail."""

    case: CaseRecord
    model: ProcessModel
    workflow: BpmnWorkflow
    now: datetime
    calendar: WorkingCalendar
    context: CaseContext

    def event(
        self,
        kind: str,
        element_id: str | None = None,
        *,
        from_state: str | None = None,
        to_state: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit event to be written with the operation's transaction."""
