"""CaseStep: the law and the legal clock step a case through this protocol alone, not through CaseRun."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow

from engine.bpmn.catalog import Catalog
from engine.bpmn.model import ProcessModel
from engine.errors import LegalRuleError
from engine.law.law import Law
from engine.run.context import CaseContext
from engine.run.stepping import CaseStep
from engine.store.records import CaseRecord
from engine.time.calendar import WorkingCalendar
from engine.time.legal_clock import LegalClock

ROOT = Path(__file__).resolve().parents[3]
FRIDAY_4PM = datetime(2025, 1, 24, 9, 0, tzinfo=UTC)  # 16:00 in Hà Nội, after the 15:00 cut-off


@dataclass
class Step:
    """The smallest thing that is a CaseStep: what a test, a replay or a simulation could hand the law."""

    case: CaseRecord
    model: ProcessModel
    workflow: BpmnWorkflow
    now: datetime
    calendar: WorkingCalendar
    context: CaseContext = field(default_factory=CaseContext)
    events: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def event(self, kind: str, element_id: str | None = None, *, from_state: str | None = None,
              to_state: str | None = None, data: dict[str, Any] | None = None) -> None:
        self.events.append((kind, element_id, to_state))


def _step() -> Step:
    catalog = Catalog(ROOT / "processes")
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "as-is"))
    case = CaseRecord(
        id="c1", dossier_code="000.00.00.H00-250124-0001", procedure="chuyen-truong-thpt", variant="as-is",
        version_id=1, bundle_hash=model.hash, status=1, state="", version=1, applicant="001090000001",
        channel="direct", created_at=FRIDAY_4PM, updated_at=FRIDAY_4PM,
    )
    step: CaseStep = Step(case, model, BpmnWorkflow(model.spec, model.subprocess_specs), FRIDAY_4PM,
                          WorkingCalendar())
    assert isinstance(step, Step)
    return step


def test_the_legal_clock_starts_on_a_plain_step() -> None:
    step = _step()
    receipt = next(e for e in step.model.elements.values() if e.properties.get("legal_clock") == "start")
    LegalClock(step).apply("start", receipt)
    # Received after 15:00 on Friday 24/01/2025, before Tết (25/01–02/02 off): counted from Monday 03/02;
    # seven working days on is Wednesday 12/02, at the office's close.
    assert step.case.received_at == FRIDAY_4PM
    assert step.case.due_at == datetime(2025, 2, 12, 10, 0, tzinfo=UTC)
    assert step.events == [("legal_clock_started", receipt.id, "2025-02-12T17:00:00+07:00")]
    assert step.context.deadlines == step.case.summary["rule_set"]["deadlines"]


def test_the_law_checks_a_message_on_a_plain_step() -> None:
    law = Law(_step())
    law.check_message("KetQuaCongAn", {"ket_qua_cu_tru": "khong_dang_ky", "ly_do": "không đủ điều kiện"})
    with pytest.raises(LegalRuleError, match="without a written reason") as refused:
        law.check_message("KetQuaCongAn", {"ket_qua_cu_tru": "khong_dang_ky"})
    assert refused.value.details["rule"] == "every refusal or stop states a written reason"
