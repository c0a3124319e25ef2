"""The ends of a dossier no diagram draws: withdrawn at the citizen's request (7), stopped with a reason (8).

Both end the case whatever it waits for (DOMAIN.md §1.2 statuses): every open task, timer and message
wait is cancelled, the status goes to the portal like any other, and the history says who and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow

from .actors import SYSTEM, Actor
from .casefiles import CaseFiles
from .errors import ConflictError, ForbiddenError, LegalRuleError
from .law import WRITTEN_REASON
from .runtime import CaseRun
from .status import FINISHED, DossierStatus
from .store.records import CaseRecord
from .store.store import Store
from .store.tx import Tx
from .views import CaseView


class DossierLifeOperations:
    """The Engine's withdrawal and stop operations (a part of the façade, kept in its own module)."""

    store: Store
    cases: CaseFiles
    _mutate: Callable[..., tuple[CaseView, BpmnWorkflow]]
    _visible_case: Callable[[Tx, str, Actor], CaseRecord]

    def withdraw_case(self, case_id: str, *, reason: str | None = None, actor: Actor = SYSTEM) -> CaseView:
        """The citizen withdraws the dossier (status 7, "Công dân yêu cầu rút hồ sơ"): the case ends."""
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            if actor.kind == "agency":
                raise ForbiddenError("only the applicant (or the desk on the applicant's request) withdraws")
            self._must_be_open(case)
            model = self.cases.model(tx, case.bundle_hash)
        action = _ending(DossierStatus.WITHDRAWN, "case_withdrawn", reason, "withdrawn")
        view, workflow = self._mutate(case, model, actor, action)
        self.cases.keep(view.id, view.version, workflow)
        return view

    def stop_case(self, case_id: str, *, reason: str, actor: Actor = SYSTEM) -> CaseView:
        """An agency stops processing the dossier (status 8, "Dừng xử lý"), with a written reason."""
        if not (reason or "").strip():
            raise LegalRuleError(
                "stopping a dossier (status 8) needs a written reason",
                rule=WRITTEN_REASON.name,
                source=WRITTEN_REASON.source,
                field="ly_do",
            )
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            if actor.kind == "citizen":
                raise ForbiddenError("a citizen withdraws a dossier; stopping it is the agency's decision")
            self._must_be_open(case)
            model = self.cases.model(tx, case.bundle_hash)
        action = _ending(DossierStatus.STOPPED, "case_stopped", reason, "stopped")
        view, workflow = self._mutate(case, model, actor, action)
        self.cases.keep(view.id, view.version, workflow)
        return view

    @staticmethod
    def _must_be_open(case: CaseRecord) -> None:
        if case.completed or case.status in FINISHED:
            label = DossierStatus(case.status).label_vi
            raise ConflictError(f"dossier {case.dossier_code} has already ended ({label})")


def _ending(
    status: DossierStatus, kind: str, reason: str | None, result: str
) -> Callable[[CaseRun], Any]:
    def end(run: CaseRun) -> None:
        run.workflow.cancel()
        run.set_status(int(status), None)
        case = run.case
        case.result = result
        case.finished_at = case.finished_at or run.now
        run.context.stopped = True
        if reason:
            case.summary["result_reason"] = reason.strip()
        run.event(kind, None, to_state=str(int(status)), data={"reason": reason})

    return end
