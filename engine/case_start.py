"""A new case: its workflow with the start data and the fields the engine owns, and its first row.

Shared by the engine (engine/services/cases.py, which then saves it) and the simulation
(workbench/simulate/run.py, which keeps it in memory), so both start a case the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine

from .actors import Actor
from .model import ProcessModel
from .provenance import START_STEP, record_step
from .status import DossierStatus
from .store.records import CaseRecord


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
    the start data, which may not name them (engine/inbound.py); the start data is kept as the start step's.
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
