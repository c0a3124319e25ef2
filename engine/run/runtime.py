"""One operation on one case: step its workflow, record what happened, and say what the store must hold.

Element properties (spiffworkflow:property on a flow node) the runtime acts on when the element completes:
- `status`      dossier status code 1–10 (DOMAIN.md §1): an event and an outbox row for the portal
- `legal_clock` start | pause | resume | extend | set | stop: the receipt that starts the legal deadline,
                the supplement wait that pauses it, the resubmission that resumes it, a lawful extension
                (`extend_by`), the deadline chosen after reception (`deadline`: e.g. a copy's same day
                against a correction's 5 days), the result that stops it
- `result`      approved | refused (with `reason_field`, default `ly_do`: the written reason)
- `outcome`     the part of a linked group it decides: registered, or refused with its reason
                (law/outcomes.py)
- `trips`, `papers`  what the citizen had to do in person: N trips, the dossier components handed in
- `document`    a form issued (mau-01 … mau-06), recorded with the task's data
- `appointment_field`  a data field holding a new appointment date (the apology letter, Mẫu 04)
- `payment_field`  a data field saying how the fee was paid (`online` | `counter`): a `payment` event
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from ..actors import Actor
from ..agencies.deferral import DEFERRED_KEY
from ..bpmn.elements import HUMAN_TASKS, Element
from ..bpmn.model import ProcessModel
from ..errors import InvalidProcessError
from ..law.law import SUPPLEMENTS_KEY, Law
from ..law.outcomes import decision_of, result_notice
from ..law.outcomes import record as record_outcome
from ..law.rule_sets import RULE_SET_KEY
from ..law.status import DossierStatus
from ..store.jobs_store import NewJob
from ..store.records import CaseRecord, EventRecord, SubscriptionRecord, TaskRecord, TimerRecord
from ..time.calendar import WorkingCalendar
from ..time.legal_clock import LegalClock
from ..time.timers import is_timer, timer_due
from .audit import audit_event
from .context import LEGAL_CLOCK_KEY, CaseContext
from .provenance import record_step
from .waits import Waits


class CaseRun:
    """Steps one case's workflow inside one engine operation and collects its consequences."""

    def __init__(
        self,
        case: CaseRecord,
        model: ProcessModel,
        workflow: BpmnWorkflow,
        actor: Actor,
        now: datetime,
        calendar: WorkingCalendar,
    ) -> None:
        self.case = case
        self.model = model
        self.workflow = workflow
        self.actor = actor
        self.now = now
        self.calendar = calendar
        self.events: list[EventRecord] = []
        self.status_changes: list[tuple[int, int]] = []
        self.jobs: list[NewJob] = []  # service tasks left STARTED for the worker (async mode)
        bound = case.summary.get(RULE_SET_KEY) or {}
        self.context = CaseContext(
            deadlines=bound.get("deadlines") or model.deadlines,  # the rules in force on its receipt day
            legal_due_at=case.due_at,
            paused=case.paused_at is not None,
            stopped=case.finished_at is not None,
            supplements=int(case.summary.get(SUPPLEMENTS_KEY, 0)),
        )
        self.law = Law(self)
        # Human tasks already waiting when this operation began: the law looks only at the new ones.
        # (Read from the task maps, workflow's and subprocesses': Spiff's tree iterator costs 30 µs a step.)
        self.ready_before = {
            str(t.id)
            for wf in (workflow, *workflow.subprocesses.values())
            for t in wf.tasks.values()
            if t.state == TaskState.READY
        }

    # -- stepping ---------------------------------------------------------------------------------
    def run_engine(self) -> None:
        """Run every automatic task until the case waits for a person, a timer or a message."""
        self.workflow.do_engine_steps(did_complete_task=self._ran)
        self._record_thrown_messages()
        self.law.check_step(self.ready_before)

    def _ran(self, task: Task) -> None:
        """After Spiff ran a task: completed, or a service task left STARTED with a job to queue."""
        deferred = task.internal_data.pop(DEFERRED_KEY, None)
        if deferred is None:
            self.element_completed(task)
            return
        element_id = _element_id(task)
        self.jobs.append(
            NewJob(self.case.id, str(task.id), element_id, deferred["operation"], deferred["params"])
        )
        self.event("service_task_queued", element_id, data={"operation": deferred["operation"]})

    def complete_service(self, task: Task, result: dict[str, Any]) -> None:
        """Finish a STARTED service task with its connector's answer (async mode), then run on."""
        spec = task.task_spec
        task.data[spec.result_variable] = result
        for assignment in spec.post_assign:
            assignment.assign(task, task)
        task.complete()
        self.element_completed(task)
        self.run_engine()

    def complete_human(self, task: Task, data: dict[str, Any]) -> None:
        """Complete a user or manual task with form data, then run on."""
        task.data.update(data)
        record_step(self.workflow, _element_id(task), data, kind="form", actor=self.actor, at=self.now)
        task.run()
        self.element_completed(task, data)
        self.run_engine()

    def fire_timers(self) -> None:
        """Let due timers fire (the clock has passed them), then run on."""
        self.workflow.refresh_timers()
        self.run_engine()

    def deliver_message(self, name: str, payload: dict[str, Any], task_ids: set[str]) -> int:
        """Hand an inbound message to the waiting tasks that subscribed to it; returns how many caught it."""
        waiting = [t for t in self.workflow.get_tasks(state=TaskState.WAITING) if str(t.id) in task_ids]
        definitions = [
            d for t in waiting for d in _message_definitions(t.task_spec.event_definition) if d.name == name
        ]
        if not definitions:
            return 0
        self.law.check_message(name, payload)
        LegalClock(self).submitted(None)
        # Spiff matches events by definition class and name: reuse the catching task's own definition.
        event = BpmnEvent(definitions[0], payload, dict(self.workflow.correlations))
        self.workflow.event_manager.catch(event, internal=False)
        caught = [t for t in waiting if t.state != TaskState.WAITING]
        for task in caught:
            definition = task.task_spec.event_definition
            if getattr(definition, "message_var", None) is None:
                task.data.update(payload)
            record_step(
                self.workflow, _element_id(task), payload, kind="message", actor=self.actor, at=self.now,
                message=name,
            )
        self.run_engine()
        return len(caught)

    # -- recording --------------------------------------------------------------------------------
    def event(
        self,
        kind: str,
        element_id: str | None = None,
        *,
        from_state: str | None = None,
        to_state: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit event to be written with this operation's transaction."""
        self.events.append(
            audit_event(
                self.case.id,
                self.now,
                self.actor.id,
                kind,
                element_id,
                from_state=from_state,
                to_state=to_state,
                data=data,
            )
        )

    def element_completed(self, task: Task, form: dict[str, Any] | None = None) -> None:
        """Record a completed BPMN element and apply what its properties say."""
        element = self.model.elements.get(getattr(task.task_spec, "bpmn_id", None) or "")
        if element is None:
            return
        previous = self._previous_element(task)
        flow = self.model.flow_between(previous, element.id) if previous else None
        data: dict[str, Any] = {"name": element.name, "type": element.kind}
        if element.lane:
            data["lane"] = element.lane
        if previous:
            data["from"] = previous
        if flow:
            data["flow"] = flow
        joined = self._joined_flows(task, element, flow)
        if joined:
            data["joined"] = joined
        if form:
            data["form"] = form
        self.event("element_completed", element.id, data=data)
        self._apply_properties(task, element)

    def _joined_flows(self, task: Task, element: Element, flow: str | None) -> list[str]:
        """At a join, the incoming flows of the other branches that arrived (Spiff cancels their tasks)."""
        if element.kind not in ("parallelGateway", "inclusiveGateway", "complexGateway"):
            return []
        flows = set()
        for other in self.workflow.get_tasks(state=TaskState.CANCELLED, spec_name=task.task_spec.name):
            previous = self._previous_element(other)
            taken = self.model.flow_between(previous, element.id) if previous else None
            if taken and taken != flow:
                flows.add(taken)
        return sorted(flows)

    def _previous_element(self, task: Task) -> str | None:
        node = task.parent
        while node is not None:
            bpmn_id = getattr(node.task_spec, "bpmn_id", None)
            if bpmn_id in self.model.elements:
                return str(bpmn_id)
            node = node.parent
        return None

    def _apply_properties(self, task: Task, element: Element) -> None:
        props = element.properties
        self.law.check_element(task, element)
        decision = decision_of(self.workflow, task, element)
        if decision is not None:
            self.law.check_outcome(decision, element)
        paused_before = self.case.paused_at is not None
        LegalClock(self).submitted(element)
        if "status" in props:
            self.set_status(_status_code(props["status"], element), element.id)
        clock = props.get("legal_clock")
        if clock:
            LegalClock(self).apply(clock, element)
        if "result" in props:
            reason = task.data.get(props.get("reason_field", "ly_do"))
            self.case.result = props["result"]
            if reason:
                self.case.summary["result_reason"] = reason
            self.event("result", element.id, to_state=props["result"], data={"reason": reason})
        if decision is not None:
            recorded = record_outcome(self.case.summary, decision, element, self.now)
            self.event("outcome", element.id, to_state=decision.result, data=recorded)
        trips = int(props.get("trips", "0") or 0)
        papers = [p.strip() for p in props.get("papers", "").split(",") if p.strip()]
        if trips or papers:
            self.case.summary["trips"] = self.case.summary.get("trips", 0) + trips
            self.case.summary["papers"] = [*self.case.summary.get("papers", []), *papers]
            self.event("citizen_touchpoint", element.id, data={"trips": trips, "papers": papers})
        if "document" in props:
            issued = {k: v for k, v in task.data.items() if isinstance(v, str | int | float | bool)}
            if props["document"] == "mau-06":
                # The returned result says which part of a linked group was refused, and why.
                issued.update(result_notice(self.model.procedure, self.case.summary))
            self.event("document_issued", element.id, to_state=props["document"], data=issued)
        if "payment_field" in props:
            paid = task.data.get(props["payment_field"])
            if paid:
                # How the fee was paid (`online` or `counter`): the report's online-payment rate counts it.
                self.event("payment", element.id, to_state=str(paid))
        if "appointment_field" in props:
            value = task.data.get(props["appointment_field"])
            if value:
                self.case.summary["appointment"] = str(value)
                self.event("appointment_changed", element.id, to_state=str(value))
        self.law.record_element(task, element, paused_before)

    def set_status(self, code: int, element_id: str | None) -> None:
        """Move the dossier to a canonical status (an event now, an outbox row when saved)."""
        old = self.case.status
        if code == old:
            return
        self.case.status = code
        self.status_changes.append((old, code))
        self.event(
            "status_changed",
            element_id,
            from_state=str(old),
            to_state=str(code),
            data={"label": DossierStatus(code).label_vi},
        )
        if code in (DossierStatus.PROCESSED, DossierStatus.RESULT_RETURNED):
            self.case.finished_at = self.case.finished_at or self.now
            self.context.stopped = True
        if code == DossierStatus.RESULT_RETURNED:
            self.case.returned_at = self.now

    def _record_thrown_messages(self) -> None:
        for event in self.workflow.get_events():
            definition = event.event_definition
            if not isinstance(definition, MessageEventDefinition):
                continue
            pool = self.model.message_target(definition.name)
            agency = self.model.agency_of_pool(pool) if pool else None
            self.event(
                "message_sent",
                None,
                to_state=agency,
                data={"message": definition.name, "agency": agency, "payload": event.payload},
            )

    # -- after stepping ---------------------------------------------------------------------------
    def waits(self) -> Waits:
        """What the case now waits for, read from its workflow."""
        out = Waits()
        for task in self.workflow.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED):
            element = self.model.elements.get(getattr(task.task_spec, "bpmn_id", None) or "")
            if element is None:
                continue
            if task.state == TaskState.READY and element.kind in HUMAN_TASKS:
                out.human.append((task, element))
                continue
            if task.state == TaskState.STARTED:
                # A service task the worker runs (async mode) is where the case waits; a STARTED call
                # activity or subprocess is not.
                if element.kind == "serviceTask":
                    out.events.append((task, element))
                continue
            if task.state != TaskState.WAITING or not isinstance(task.task_spec, CatchingEvent):
                continue
            out.events.append((task, element))
            definition = task.task_spec.event_definition
            legal = bool(task.internal_data.get(LEGAL_CLOCK_KEY))
            if is_timer(definition):
                due = timer_due(task)
                if due is not None and not (legal and not self.context.counting):
                    out.timers.append(TimerRecord(str(task.id), self.case.id, element.id, due, legal))
            for name in _message_names(definition):
                out.subscriptions.append(
                    SubscriptionRecord(self.case.id, str(task.id), name, self.case.dossier_code, element.id)
                )
        return out

    def task_record(self, task: Task, element: Element) -> TaskRecord:
        """The row for a newly ready human task."""
        lane = self.model.lane_role(element)
        return TaskRecord(
            id=str(task.id),
            case_id=self.case.id,
            element_id=element.id,
            name=element.name or element.id,
            lane=element.lane,
            agency=lane.agency if lane else None,
            role=lane.role if lane else None,
            form_key=self.model.form_key(element),
            state="ready",
            created_at=self.now,
        )


def _element_id(task: Task) -> str:
    return str(getattr(task.task_spec, "bpmn_id", None) or task.task_spec.name)


def _message_definitions(definition: Any) -> list[MessageEventDefinition]:
    inner = getattr(definition, "event_definitions", None)
    if inner is not None:
        return [m for d in inner for m in _message_definitions(d)]
    return [definition] if isinstance(definition, MessageEventDefinition) else []


def _message_names(definition: Any) -> list[str]:
    return [d.name for d in _message_definitions(definition)]


def _status_code(value: str, element: Element) -> int:
    try:
        return int(DossierStatus.parse(value))
    except ValueError as exc:
        raise InvalidProcessError(
            str(exc), element_id=element.id, file=element.file, line=element.line
        ) from None
