"""A new case: its workflow with the start data and the fields the engine owns, and its first row.

Shared by the engine (engine/services/cases.py, which then saves it) and the simulation
(workbench/simulate/run.py, which keeps it in memory as a `CaseInMemory`), so both start a case the same
way and step it with the same `CaseRun`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine

from ..actors import Actor
from ..bpmn.model import ProcessModel
from ..law.status import DossierStatus
from ..presenting import legal_clock
from ..store.records import CaseRecord
from ..time.calendar import WorkingCalendar
from ..views import LegalClock
from .provenance import START_STEP, record_step
from .runtime import CaseRun


def new_case(
    model: ProcessModel,
    script_engine: PythonScriptEngine,
    *,
    case_id: str,
    dossier_code: str,
    applicant: str,
    channel: str,
    data: dict[str, Any],
    actor: Actor,
    now: datetime,
    version_id: int = 0,
) -> tuple[CaseRecord, BpmnWorkflow]:
    """The case row (status 1, version 0, nothing counted yet) and its workflow, not yet stepped.

    The dossier code, channel and applicant are set by the engine (`ma_ho_so`, `kenh`, `nguoi_nop`), after
    the start data, which may not name them (engine/run/inbound.py); the start data is kept as the start
    step's.
    """
    workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=script_engine)
    workflow.task_tree.data.update(data, ma_ho_so=dossier_code, kenh=channel, nguoi_nop=applicant)
    record_step(workflow, START_STEP, data, kind="start", actor=actor, at=now)
    record = CaseRecord(
        id=case_id,
        dossier_code=dossier_code,
        procedure=model.bundle.slug,
        variant=model.bundle.variant,
        version_id=version_id,
        bundle_hash=model.hash,
        status=int(DossierStatus.NEW),
        state="",
        version=0,
        applicant=applicant,
        channel=channel,
        created_at=now,
        updated_at=now,
        summary={"trips": 0, "papers": []},
    )
    return record, workflow


class CaseInMemory:
    """A case started and stepped without the store (the simulation's). Its row stays inside the engine:
    callers step it through `run` and read what the runtime keeps current in memory (status, result, end,
    summary, legal clock); where it waits is the runs' `waits()`, as the store saves it."""

    def __init__(self, model: ProcessModel, started: tuple[CaseRecord, BpmnWorkflow]) -> None:
        """Holds what `new_case` returned for this model."""
        self.model = model
        self._case, self.workflow = started

    def run(self, actor: Actor, now: datetime, calendar: WorkingCalendar) -> CaseRun:
        """A run of one operation on the case, as the engine's services step a stored one."""
        return CaseRun(self._case, self.model, self.workflow, actor, now, calendar)

    @property
    def status(self) -> int:
        """Its dossier status code (1–10)."""
        return self._case.status

    @property
    def result(self) -> str | None:
        """approved | refused, once decided."""
        return self._case.result

    @property
    def finished_at(self) -> datetime | None:
        """When its legal clock stopped: the result, a refusal, a withdrawal."""
        return self._case.finished_at

    @property
    def summary(self) -> dict[str, Any]:
        """What the runtime counted (trips, papers, parts' outcomes…), as the case view shows it."""
        return dict(self._case.summary)

    def legal_clock(self, calendar: WorkingCalendar, now: datetime) -> LegalClock:
        """Its legal deadline at `now`, as the case view shows it."""
        return legal_clock(self._case, self.model, calendar, now)
