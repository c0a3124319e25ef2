"""The engine façade: every public operation is one transaction and returns small views."""

from __future__ import annotations

import threading
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .actors import SYSTEM, Actor
from .calendar import WorkingCalendar
from .catalog import Catalog
from .clock import Clock, local_date
from .connectors import Connectors
from .context import running_case
from .deferral import DeferringConnectors
from .documents import DEFAULT_MAX_BYTES, BlobStore, Documents
from .errors import ConflictError, ForbiddenError, LienThongError, NotFoundError
from .forms import validate_form
from .model import Bundle, ProcessModel
from .procedure import LaneRole
from .runtime import CaseRun, audit_event, open_tasks, waiting_at
from .sandbox import Sandbox
from .scripting import ScriptEnvironment
from .state import StateCodec
from .status import DossierStatus
from .store import jobs_store
from .store.documents_store import DocumentRecord
from .store.records import CaseRecord, OutboxRecord, TaskRecord, VersionRecord
from .store.store import Store
from .store.tx import Tx
from .timers import timer_due
from .views import CaseView, EventView, FireResult, LegalClock, Position, TaskView, VersionView


class Engine:
    """Runs linked procedures: deploy versions, start cases, work tasks, take messages, fire timers."""

    def __init__(
        self,
        *,
        catalog: Catalog,
        store: Store,
        clock: Clock,
        calendar: WorkingCalendar,
        connectors: Connectors | None = None,
        sandbox: Sandbox | None = None,
        live_cache_size: int = 4096,
        async_services: bool = False,
        documents_dir: Path | None = None,
        documents_max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.connectors = connectors or Connectors()
        # Async mode: service tasks become jobs for the worker (engine/jobs.py) instead of calling
        # `connectors` inside the step; the worker calls them.
        self.async_services = async_services
        script_connectors = DeferringConnectors() if async_services else self.connectors
        self.script_engine = ScriptEnvironment(clock, calendar, script_connectors, sandbox or catalog.sandbox)
        self.codec = StateCodec()
        # Digitised dossier components: files under documents_dir, rows in the database (engine/documents.py).
        self.documents = None
        if documents_dir is not None:
            self.documents = Documents(self, BlobStore(documents_dir), documents_max_bytes)
        # Workflows of recently saved cases, by case id, with the version they were saved as. A case is
        # taken out while an operation uses it, so two threads never share one workflow object.
        self._live: OrderedDict[str, tuple[int, int, BpmnWorkflow]] = OrderedDict()
        # The hash of the state text each workflow was last saved as: a cached workflow is reused only if
        # the row read now holds exactly that text (a save whose commit failed never matches a later one).
        self._saved_as: weakref.WeakKeyDictionary[BpmnWorkflow, int] = weakref.WeakKeyDictionary()
        self._live_size = live_cache_size
        self._lock = threading.Lock()

    # -- versions ---------------------------------------------------------------------------------
    def deploy(
        self,
        procedure: str,
        variant: str,
        *,
        bpmn: bytes | None = None,
        filename: str | None = None,
        actor: Actor = SYSTEM,
        activate: bool = True,
        note: str = "",
    ) -> VersionView:
        """Store a variant (from the catalogue, or an uploaded diagram) as a new immutable version."""
        bundle = self.catalog.bundle(procedure, variant, bpmn=bpmn, filename=filename)
        self.catalog.model(bundle)  # parse and check now: a broken model is never stored
        now = self.clock.now()
        with self.store.transaction() as tx:
            tx.put_bundle(bundle.hash, bundle.slug, variant, bundle.to_json(), now)
            current = tx.active_version(bundle.slug, variant)
            if activate and current is not None and current.bundle_hash == bundle.hash:
                return _version_view(current)
            record = tx.add_version(
                bundle.slug, variant, bundle.hash, "active" if activate else "pending", actor.id, now, note
            )
            if activate and current is not None:
                tx.set_version_status(current.id, "retired", actor.id, now)
        return _version_view(record)

    def activate_version(self, version_id: int, actor: Actor) -> VersionView:
        """Activate a pending version; the reviewer must be someone other than its author."""
        now = self.clock.now()
        with self.store.transaction() as tx:
            record = tx.get_version(version_id)
            if record is None:
                raise NotFoundError(f"unknown version {version_id}")
            if record.status != "pending":
                raise ConflictError(
                    f"version {record.number} of {record.procedure}/{record.variant} is "
                    f"{record.status}, not pending"
                )
            if record.created_by == actor.id and not actor.is_system:
                raise ForbiddenError(
                    "a version must be activated by a second person, not its author",
                    hint="ask a reviewer to activate it",
                )
            current = tx.active_version(record.procedure, record.variant)
            if current is not None:
                tx.set_version_status(current.id, "retired", actor.id, now)
            tx.set_version_status(version_id, "active", actor.id, now)
            activated = tx.get_version(version_id)
        assert activated is not None
        return _version_view(activated)

    def versions(self, procedure: str | None = None, variant: str | None = None) -> list[VersionView]:
        """Deployed versions, newest first."""
        slug = self.catalog.procedure(procedure).slug if procedure else None
        with self.store.transaction(write=False) as tx:
            return [_version_view(v) for v in tx.versions(slug, variant)]

    def model_of_version(self, version_id: int) -> ProcessModel:
        """The parsed model a version runs."""
        with self.store.transaction(write=False) as tx:
            record = tx.get_version(version_id)
            if record is None:
                raise NotFoundError(f"unknown version {version_id}")
            return self._model(tx, record.bundle_hash)

    # -- cases ------------------------------------------------------------------------------------
    def start_case(
        self,
        procedure: str,
        *,
        applicant: str,
        data: dict[str, Any] | None = None,
        variant: str | None = None,
        version_id: int | None = None,
        channel: str = "online",
        actor: Actor = SYSTEM,
        dossier_code: str | None = None,
    ) -> CaseView:
        """Start a case of a procedure (the active version of a variant, or a given version)."""
        proc = self.catalog.procedure(procedure)
        variant = variant or next(iter(proc.variants))
        now = self.clock.now()
        case_id = uuid.uuid4().hex
        code = dossier_code or f"LT-{local_date(now):%y%m%d}-{case_id[:8].upper()}"
        submitted = dict(data or {})
        with self.store.transaction() as tx:
            version = self._version_for_start(tx, proc.slug, variant, version_id)
            if version is not None:
                model = self._model(tx, version.bundle_hash)
                start_form = model.forms.get("start")
                if start_form is not None:
                    validate_form(start_form, submitted, "start")
                workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=self.script_engine)
                workflow.task_tree.data.update(submitted, ma_ho_so=code, kenh=channel, nguoi_nop=applicant)
                case = CaseRecord(
                    id=case_id,
                    dossier_code=code,
                    procedure=proc.slug,
                    variant=version.variant,
                    version_id=version.id,
                    bundle_hash=version.bundle_hash,
                    status=int(DossierStatus.NEW),
                    state="",
                    version=0,
                    applicant=applicant,
                    channel=channel,
                    created_at=now,
                    updated_at=now,
                    summary={"trips": 0, "papers": []},
                )
                run = CaseRun(case, model, workflow, actor, now, self.calendar)
                run.event(
                    "case_started",
                    None,
                    to_state=str(case.status),
                    data={"variant": version.variant, "version": version.number, "channel": channel},
                )
                run.status_changes.append((0, case.status))
                with running_case(run.context):
                    run.run_engine()
                self._save(tx, run, new=True)
        if version is None:
            # Nothing deployed yet for this variant: the catalogue's file becomes its first version.
            self.deploy(proc.slug, variant, note="deployed on first use from the catalogue")
            return self.start_case(
                procedure,
                applicant=applicant,
                data=data,
                variant=variant,
                channel=channel,
                actor=actor,
                dossier_code=dossier_code,
            )
        self._keep_live(case.id, case.version, workflow)
        return self._case_view(case, model)

    def _version_for_start(
        self, tx: Tx, slug: str, variant: str, version_id: int | None
    ) -> VersionRecord | None:
        if version_id is None:
            return tx.active_version(slug, variant)
        record = tx.get_version(version_id)
        if record is None or record.procedure != slug:
            raise NotFoundError(f"procedure '{slug}' has no version {version_id}")
        if record.status == "pending":
            raise ConflictError(f"version {record.number} is pending review; activate it first")
        return record

    def get_case(self, case_id: str, actor: Actor = SYSTEM, *, with_data: bool = False) -> CaseView:
        """A case by id or dossier code, if the actor may see it."""
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            model = self._model(tx, case.bundle_hash)
            data = self._case_data(case, model) if with_data else None
            return self._case_view(case, model, data)

    def list_cases(
        self,
        actor: Actor = SYSTEM,
        *,
        procedure: str | None = None,
        status: list[int] | None = None,
        agency: str | None = None,
        overdue: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[CaseView], int]:
        """Cases the actor may see, filtered and paginated (newest first), with the total count."""
        applicant = actor.id if actor.kind == "citizen" else None
        if actor.kind in ("officer", "agency"):
            if agency is not None and agency != actor.agency:
                return [], 0
            agency = actor.agency
        slug = self.catalog.procedure(procedure).slug if procedure else None
        with self.store.transaction(write=False) as tx:
            records, total = tx.list_cases(
                procedure=slug,
                status=status,
                applicant=applicant,
                agency=agency,
                overdue_at=self.clock.now() if overdue else None,
                limit=limit,
                offset=offset,
            )
            return [self._case_view(r, self._model(tx, r.bundle_hash)) for r in records], total

    def case_history(self, case_id: str, actor: Actor = SYSTEM) -> list[EventView]:
        """The audit trail of a case, oldest first."""
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            return [
                EventView(
                    e.id, e.case_id, e.at, e.actor, e.kind, e.element_id, e.from_state, e.to_state, e.data
                )
                for e in tx.events(case.id)
            ]

    def attach_document(
        self,
        case_id: str,
        content: bytes,
        *,
        filename: str | None,
        component: str | None = None,
        actor: Actor = SYSTEM,
    ) -> DocumentRecord:
        """Attach a digitised dossier component to a case (stored under documents_dir, by content hash)."""
        if self.documents is None:
            raise ConflictError("this engine keeps no documents", hint="configure a documents directory")
        return self.documents.attach(case_id, content, filename=filename, component=component, actor=actor)

    # -- tasks ------------------------------------------------------------------------------------
    def list_tasks(
        self,
        actor: Actor = SYSTEM,
        *,
        case_id: str | None = None,
        agency: str | None = None,
        lane: str | None = None,
        role: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[TaskView]:
        """Open tasks the actor may work (all of them for the system actor), filtered."""
        with self.store.transaction(write=False) as tx:
            if case_id is not None:
                case_id = self._visible_case(tx, case_id, actor).id
                if actor.is_system and not (agency or lane or role or offset):
                    return [_task_view(r, code) for r, code in tx.open_tasks_of_case(case_id)][:limit]
            grants = None if actor.is_system or actor.kind == "citizen" else actor.grants()
            records = tx.list_tasks(
                case_id=case_id,
                grants=grants,
                agency=agency,
                lane=lane,
                role=role,
                applicant=actor.id if actor.kind == "citizen" else None,
                limit=limit,
                offset=offset,
            )
            codes = tx.dossier_codes({r.case_id for r in records})
        return [_task_view(r, codes.get(r.case_id)) for r in records]

    def get_task(self, task_id: str, actor: Actor = SYSTEM) -> TaskView:
        """One task with its form schema and current data, if the actor may work it."""
        with self.store.transaction(write=False) as tx:
            record, case = self._workable_task(tx, task_id, actor)
            model = self._model(tx, case.bundle_hash)
            element = model.elements.get(record.element_id)
            form = model.form_for(element) if element else None
            data = self._task_data(case, model, record.id)
        return _task_view(record, case.dossier_code, form=form, data=data)

    def claim_task(self, task_id: str, actor: Actor) -> TaskView:
        """Take a ready task so that colleagues in the lane see it is being worked on."""
        now = self.clock.now()
        with self.store.transaction() as tx:
            record, case = self._workable_task(tx, task_id, actor)
            if record.state not in ("ready", "claimed"):
                raise ConflictError(f"task '{record.name}' is already {record.state}")
            if not tx.claim_task(task_id, actor.id):
                raise ConflictError(f"task '{record.name}' is claimed by {record.claimed_by}")
            tx.append_events(
                [
                    audit_event(
                        case.id, now, actor.id, "task_claimed", record.element_id, data={"task": task_id}
                    )
                ]
            )
            claimed = tx.get_task(task_id)
        assert claimed is not None
        return _task_view(claimed, case.dossier_code)

    def complete_task(
        self,
        task_id: str,
        data: dict[str, Any] | None = None,
        actor: Actor = SYSTEM,
        *,
        expected_version: int | None = None,
    ) -> CaseView:
        """Complete a task with form data (validated against its JSON Schema) and run the case on."""
        submitted = dict(data or {})

        def complete(tx: Tx, run: CaseRun) -> str:
            if record.state == "claimed" and record.claimed_by != run.actor.id and not run.actor.is_system:
                raise ConflictError(f"task '{record.name}' is claimed by {record.claimed_by}")
            element = run.model.elements[record.element_id]
            form = run.model.form_for(element)
            if form is not None:
                validate_form(form, submitted, element.id)
            task = _find_task(run.workflow, task_id)
            if task is None or task.state != TaskState.READY:
                raise ConflictError(f"task '{record.name}' is no longer waiting to be done")
            run.complete_human(task, submitted)
            return task_id

        with self.store.transaction() as tx:
            record, case = self._workable_task(tx, task_id, actor)
            if record.state not in ("ready", "claimed"):
                who = f" by {record.completed_by}" if record.completed_by else ""
                raise ConflictError(
                    f"task '{record.name}' was already {record.state}{who}", hint="reload the work list"
                )
            view, workflow = self._mutate(tx, case, actor, complete, expected_version)
        self._keep_live(view.id, view.version, workflow)
        return view

    # -- messages and timers ----------------------------------------------------------------------
    def correlate_message(
        self, name: str, *, dossier_code: str, payload: dict[str, Any] | None = None, actor: Actor = SYSTEM
    ) -> CaseView:
        """Deliver an inbound message (another agency's reply) to the case waiting for it."""
        body = dict(payload or {})
        with self.store.transaction() as tx:
            subscriptions = tx.find_subscriptions(name, dossier_code)
            if not subscriptions:
                raise NotFoundError(
                    f"no case with dossier code {dossier_code} is waiting for message '{name}'",
                    hint="check the message name and the dossier code",
                )
            case = tx.get_case(subscriptions[0].case_id)
            assert case is not None
            model = self._model(tx, case.bundle_hash)
            if not actor.is_system and not _may_send(model, name, actor):
                raise ForbiddenError(
                    f"agency {actor.agency} does not send message '{name}' in this procedure"
                )
            task_ids = {s.task_id for s in subscriptions}

            def deliver(tx: Tx, run: CaseRun) -> None:
                run.event(
                    "message_received",
                    subscriptions[0].element_id,
                    to_state=name,
                    data={"message": name, "from": actor.agency or actor.id},
                )
                if run.deliver_message(name, body, task_ids) == 0:
                    raise ConflictError(f"case {dossier_code} no longer waits for '{name}'")

            view, workflow = self._mutate(tx, case, actor, deliver)
        self._keep_live(view.id, view.version, workflow)
        return view

    def fire_due_timers(self, limit: int = 500) -> FireResult:
        """Fire every timer that is due by the clock; safe to run in several processes at once."""
        fired, failed = 0, []
        seen: set[str] = set()
        for _ in range(limit):
            case_id = None
            count = [0]
            try:
                with self.store.transaction() as tx:
                    # One timer per transaction: on PostgreSQL the row stays locked (SKIP LOCKED for the
                    # others) until the case it fires is saved, so each timer fires exactly once.
                    due = tx.claim_due_timers(self.clock.now(), 1, exclude=seen)
                    if not due:
                        break
                    seen.add(due[0].task_id)
                    case_id = due[0].case_id
                    case = tx.get_case(case_id)
                    assert case is not None

                    def fire(tx: Tx, run: CaseRun, count: list[int] = count) -> None:
                        waiting = [t for t in run.workflow.get_tasks(state=TaskState.WAITING) if timer_due(t)]
                        run.fire_timers()
                        for task in waiting:
                            if task.state in (TaskState.READY, TaskState.COMPLETED):
                                count[0] += 1
                                run.event("timer_fired", task.task_spec.bpmn_id, data={"task": str(task.id)})

                    view, workflow = self._mutate(tx, case, SYSTEM, fire)
                self._keep_live(view.id, view.version, workflow)
                fired += count[0]
            except LienThongError as exc:
                failed.append((case_id or "?", str(exc)))
        return FireResult(fired=fired, failed=tuple(failed))

    def complete_service_task(
        self, case_id: str, task_id: str, result: Mapping[str, Any], *, job_id: int | None = None
    ) -> CaseView | None:
        """Finish a service task the worker ran (async mode) and run the case on; its job closes with it.

        None when the case no longer waits for that task (a timer took another path, the case ended):
        the answer is dropped. ConflictError when the case changed at the same moment: try again.
        """
        now = self.clock.now()
        try:
            with self.store.transaction() as tx:
                case = tx.get_case(case_id)
                if case is None:
                    raise _StaleServiceTask

                def finish(tx: Tx, run: CaseRun) -> None:
                    task = _find_task(run.workflow, task_id)
                    if task is None or task.state != TaskState.STARTED:
                        raise _StaleServiceTask
                    run.complete_service(task, dict(result))

                view, workflow = self._mutate(tx, case, SYSTEM, finish)
                if job_id is not None and not jobs_store.finish_job(tx, job_id, "done", now):
                    raise ConflictError(f"job {job_id} was finished by another worker")
        except _StaleServiceTask:
            return None
        self._keep_live(view.id, view.version, workflow)
        return view

    def next_timer_due(self) -> datetime | None:
        """When the earliest waiting timer falls due (for schedulers that sleep until then)."""
        with self.store.transaction(write=False) as tx:
            return tx.next_timer_due()

    # -- internals --------------------------------------------------------------------------------
    def _mutate(
        self,
        tx: Tx,
        case: CaseRecord,
        actor: Actor,
        action: Callable[[Tx, CaseRun], Any],
        expected_version: int | None = None,
    ) -> tuple[CaseView, BpmnWorkflow]:
        """Load a case's workflow, let `action` step it, and save the result in the caller's transaction.

        The workflow goes back into the live cache only after the caller's transaction commits.
        """
        if expected_version is not None and case.version != expected_version:
            raise ConflictError(
                f"case {case.dossier_code} is at version {case.version}, not {expected_version}",
                hint="reload the case and try again",
            )
        model = self._model(tx, case.bundle_hash)
        workflow = self._take_live(case.id, case.version, case.state)
        if workflow is None:
            workflow = self.codec.loads(case.state, model, self.script_engine)
        run = CaseRun(case, model, workflow, actor, self.clock.now(), self.calendar)
        with running_case(run.context):
            completed = action(tx, run)
        self._save(tx, run, completed_task=completed if isinstance(completed, str) else None)
        return self._case_view(case, model), workflow

    def _save(self, tx: Tx, run: CaseRun, *, new: bool = False, completed_task: str | None = None) -> None:
        """Write what a step did: the case row (version-checked), tasks, waits, events, outbox — one txn."""
        case, now = run.case, run.now
        open_before = set(open_tasks(case.position).values())
        waits = run.waits()
        waits_before, case.waits = case.waits, waits.key()
        case.state = self.codec.dumps(run.workflow)
        self._saved_as[run.workflow] = hash(case.state)
        case.completed = bool(run.workflow.completed)
        case.position = ",".join(
            [f"{element.id}={task.id}" for task, element in waits.human]
            + [element.id for _, element in waits.events]
        )
        case.updated_at = now
        outbox = []
        for _, status in run.status_changes:
            case.outbox_seq += 1
            outbox.append(
                OutboxRecord(
                    case_id=case.id,
                    seq=case.outbox_seq,
                    kind="status",
                    payload={
                        "dossier_code": case.dossier_code,
                        "procedure": case.procedure,
                        "status": status,
                        "status_label": DossierStatus(status).label_vi,
                        "at": now.isoformat(),
                        "seq": case.outbox_seq,
                    },
                    idempotency_key=f"{case.id}:{case.outbox_seq}",
                    created_at=now,
                )
            )
        if new:
            case.version = 1
            tx.insert_case(case)
        else:
            if (
                completed_task is not None
                and tx.close_tasks([completed_task], "completed", run.actor.id, now) != 1
            ):
                raise ConflictError("the task was completed by someone else at the same moment")
            case.version += 1
            tx.update_case(case, case.version - 1)
        ready = {str(task.id) for task, _ in waits.human}
        tx.close_tasks(open_before - ready - {completed_task}, "cancelled", None, now)
        tx.insert_tasks(
            [
                run.task_record(task, element)
                for task, element in waits.human
                if str(task.id) not in open_before
            ]
        )
        if case.waits != waits_before:
            tx.replace_waits(case.id, waits.timers, waits.subscriptions, had_waits=bool(waits_before))
        tx.append_events(run.events)
        tx.add_outbox(outbox)
        jobs_store.add_jobs(tx, run.jobs, now)

    def _model(self, tx: Tx, bundle_hash: str) -> ProcessModel:
        model = self.catalog.cached_model(bundle_hash)
        if model is not None:
            return model
        content = tx.get_bundle(bundle_hash)
        if content is None:
            raise NotFoundError(f"no stored process bundle {bundle_hash[:12]}")
        return self.catalog.model(Bundle.from_json(content))

    def _take_live(self, case_id: str, version: int, state: str) -> BpmnWorkflow | None:
        with self._lock:
            entry = self._live.pop(case_id, None)
        if entry is not None and entry[0] == version and entry[1] == hash(state):
            return entry[2]
        return None

    def _keep_live(self, case_id: str, version: int, workflow: BpmnWorkflow) -> None:
        saved_as = self._saved_as.get(workflow)
        if saved_as is None:
            return
        with self._lock:
            self._live[case_id] = (version, saved_as, workflow)
            self._live.move_to_end(case_id)
            while len(self._live) > self._live_size:
                self._live.popitem(last=False)

    def _visible_case(self, tx: Tx, case_id: str, actor: Actor) -> CaseRecord:
        case = tx.get_case(case_id) or tx.get_case_by_code(case_id)
        if case is None or not actor.may_see_case(case.applicant, tx.case_agencies(case.id)):
            # The same answer whether the case does not exist or is not the caller's: nothing leaks.
            raise NotFoundError(f"no case {case_id}")
        return case

    def _workable_task(self, tx: Tx, task_id: str, actor: Actor) -> tuple[TaskRecord, CaseRecord]:
        record = tx.get_task(task_id)
        case = tx.get_case(record.case_id) if record else None
        if record is None or case is None:
            raise NotFoundError(f"no task {task_id}")
        lane = LaneRole(record.agency, record.role) if record.agency and record.role else None
        if not actor.may_work(lane, case.applicant):
            if actor.may_see_case(case.applicant, tx.case_agencies(case.id)):
                raise ForbiddenError(
                    f"task '{record.name}' belongs to lane '{record.lane}' "
                    f"({record.agency}/{record.role}); you may not work it"
                )
            raise NotFoundError(f"no task {task_id}")
        return record, case

    def _case_data(self, case: CaseRecord, model: ProcessModel) -> dict[str, Any]:
        workflow = self.codec.loads(case.state, model, self.script_engine)
        tasks = workflow.get_tasks(state=TaskState.READY | TaskState.WAITING)
        source = tasks[0] if tasks else workflow.last_task
        data = dict(workflow.data)
        if source is not None:
            data.update(source.data)
        return data

    def _task_data(self, case: CaseRecord, model: ProcessModel, task_id: str) -> dict[str, Any]:
        workflow = self.codec.loads(case.state, model, self.script_engine)
        task = _find_task(workflow, task_id)
        return dict(task.data) if task is not None else {}

    def _case_view(
        self, case: CaseRecord, model: ProcessModel, data: dict[str, Any] | None = None
    ) -> CaseView:
        now = self.clock.now()
        positions = []
        for element_id, task_id in waiting_at(case.position):
            element = model.elements.get(element_id)
            if element is None:
                continue
            lane = model.lane_role(element)
            positions.append(
                Position(
                    element.id,
                    element.name,
                    element.kind,
                    element.lane,
                    lane.agency if lane else None,
                    task_id,
                )
            )
        used = 0
        if case.received_at is not None:
            end = case.finished_at or case.paused_at or now
            used = max(self.calendar.working_days_between(case.received_at, end) - case.paused_days, 0)
        clock = LegalClock(
            started_at=case.received_at,
            due_at=case.due_at,
            days_allowed=model.deadlines.get("overall"),
            days_used=used,
            paused=case.paused_at is not None,
            paused_days=case.paused_days,
            overdue=bool(case.due_at and (case.finished_at or now) > case.due_at and case.paused_at is None),
        )
        return CaseView(
            id=case.id,
            dossier_code=case.dossier_code,
            procedure=case.procedure,
            variant=case.variant,
            version_id=case.version_id,
            status=case.status,
            status_label=DossierStatus(case.status).label_vi,
            applicant=case.applicant,
            channel=case.channel,
            created_at=case.created_at,
            updated_at=case.updated_at,
            completed=case.completed,
            result=case.result,
            legal_clock=clock,
            finished_at=case.finished_at,
            returned_at=case.returned_at,
            position=tuple(positions),
            summary=dict(case.summary),
            version=case.version,
            data=data,
        )


class _StaleServiceTask(Exception):
    """The case no longer waits for the service task a worker answers (rolls its transaction back)."""


def _may_send(model: ProcessModel, message: str, actor: Actor) -> bool:
    for flow in model.message_flows:
        if flow.message != message:
            continue
        pool = model._pool_by_ref(flow.source)
        if pool is not None and model.agency_of_pool(pool) == actor.agency:
            return True
    return False


def _version_view(record: VersionRecord) -> VersionView:
    return VersionView(
        record.id,
        record.procedure,
        record.variant,
        record.number,
        record.bundle_hash,
        record.status,
        record.created_by,
        record.created_at,
        record.activated_by,
        record.activated_at,
        record.note,
    )


def _task_view(
    record: TaskRecord,
    dossier_code: str | None,
    *,
    form: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> TaskView:
    return TaskView(
        record.id,
        record.case_id,
        dossier_code,
        record.element_id,
        record.name,
        record.lane,
        record.agency,
        record.role,
        record.state,
        record.created_at,
        record.claimed_by,
        record.form_key,
        form,
        data or {},
    )


def _find_task(workflow: BpmnWorkflow, task_id: str) -> Task | None:
    # Spiff raises for an unknown id; here that means another request completed the task (and the saved
    # state no longer holds it) between our reading its row and loading the case.
    try:
        return workflow.get_task_from_id(UUID(task_id))
    except TaskNotFoundException:
        return None
