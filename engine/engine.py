"""The engine façade: every public operation writes in one transaction and returns small views."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from .actors import SYSTEM, Actor
from .audit import audit_event
from .calendar import WorkingCalendar
from .casefiles import CaseFiles
from .catalog import Catalog
from .clock import Clock, local_date
from .connectors import Connectors
from .context import running_case
from .deferral import DeferringConnectors
from .documents import DEFAULT_MAX_BYTES, BlobStore, Documents
from .dossier_life import DossierLifeOperations
from .errors import CaseUnreadableError, ConflictError, ForbiddenError, NotFoundError
from .forms import validate_form
from .inbound import refuse_system_fields
from .incidents import IncidentOperations, incident_view
from .messaging import MessageOperations
from .model import ProcessModel
from .presenting import case_view, find_task
from .procedure import LaneRole
from .provenance import START_STEP, record_step
from .runtime import CaseRun
from .sandbox import Sandbox
from .scheduling import SchedulingOperations
from .scripting import ScriptEnvironment
from .status import DossierStatus
from .store.documents_store import DocumentRecord
from .store.incidents_store import incidents_of
from .store.records import CaseRecord, TaskRecord, TimerRecord
from .store.store import Store
from .store.tx import Tx
from .versions import VersionOperations
from .views import CaseView, EventView, TaskView
from .worklist import WorkListOperations


class Engine(
    VersionOperations, SchedulingOperations, DossierLifeOperations, MessageOperations, IncidentOperations,
    WorkListOperations,
):
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
        # Digitised dossier components: files under documents_dir, rows in the database (engine/documents.py).
        self.documents = None
        if documents_dir is not None:
            self.documents = Documents(self, BlobStore(documents_dir), documents_max_bytes)
        self.cases = CaseFiles(catalog, self.script_engine, live_cache_size)
        self.codec = self.cases.codec

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
        refuse_system_fields(submitted, "the start data")
        with self.store.transaction(write=False) as tx:
            version = self._version_for_start(tx, proc.slug, variant, version_id)
            model = None if version is None else self.cases.model(tx, version.bundle_hash)
        if version is None or model is None:
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
        start_form = model.forms.get("start")
        if start_form is not None:
            validate_form(start_form, submitted, "start")
        workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=self.script_engine)
        workflow.task_tree.data.update(submitted, ma_ho_so=code, kenh=channel, nguoi_nop=applicant)
        record_step(workflow, START_STEP, submitted, kind="start", actor=actor, at=now)
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
        # Its scripts run with no transaction open (see _mutate); the new row is written after.
        with running_case(run.context):
            run.run_engine()
        with self.store.transaction() as tx:
            waits = self.cases.save(tx, run, new=True)
        self.cases.keep(case.id, case.version, workflow)
        return self._case_view(case, model, timers=waits.timers)

    def get_case(self, case_id: str, actor: Actor = SYSTEM, *, with_data: bool = False) -> CaseView:
        """A case by id or dossier code, if the actor may see it."""
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            model = self.cases.model(tx, case.bundle_hash)
            data = self.cases.case_data(case, model) if with_data else None
            view = self._case_view(case, model, data, tx.timers_of(case.id))
            incidents = tuple(incident_view(r) for r in incidents_of(tx, case.id, open_only=True))
            return replace(view, incidents=incidents)

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
    ) -> tuple[list[CaseView], int, list[str]]:
        """Cases the actor may see, filtered and paginated (newest first), with the total count and the ids
        of those on the page that cannot be read (a corrupt row is left out, never breaks the page)."""
        applicant = actor.id if actor.kind == "citizen" else None
        if actor.kind in ("officer", "agency"):
            if agency is not None and agency != actor.agency:
                return [], 0, []
            agency = actor.agency
        slug = self.catalog.procedure(procedure).slug if procedure else None
        with self.store.transaction(write=False) as tx:
            records, total, unreadable = tx.list_cases(
                procedure=slug,
                status=status,
                applicant=applicant,
                agency=agency,
                overdue_at=self.clock.now() if overdue else None,
                limit=limit,
                offset=offset,
            )
            timers = tx.timers_of_cases([r.id for r in records]) if records else []
            views = []
            for record in records:
                try:
                    model = self.cases.model(tx, record.bundle_hash)
                    views.append(self._case_view(record, model, timers=timers))
                except CaseUnreadableError as exc:
                    unreadable.append(exc.case_id)
            return views, total, unreadable

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

    # -- tasks (list_tasks, task_page, get_task: engine/worklist.py) ----------------------------
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
            return self._work_items(tx, [claimed])[0]

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
        refuse_system_fields(submitted, "the form data")

        def complete(run: CaseRun) -> str:
            if record.state == "claimed" and record.claimed_by != run.actor.id and not run.actor.is_system:
                raise ConflictError(f"task '{record.name}' is claimed by {record.claimed_by}")
            element = run.model.elements[record.element_id]
            form = run.model.form_for(element)
            if form is not None:
                validate_form(form, submitted, element.id)
            task = find_task(run.workflow, task_id)
            if task is None or task.state != TaskState.READY:
                raise ConflictError(f"task '{record.name}' is no longer waiting to be done")
            run.complete_human(task, submitted)
            return task_id

        with self.store.transaction(write=False) as tx:
            record, case = self._workable_task(tx, task_id, actor)
            if record.state not in ("ready", "claimed"):
                who = f" by {record.completed_by}" if record.completed_by else ""
                raise ConflictError(
                    f"task '{record.name}' was already {record.state}{who}", hint="reload the work list"
                )
            model = self.cases.model(tx, case.bundle_hash)
        view, workflow = self._mutate(case, model, actor, complete, expected_version=expected_version)
        self.cases.keep(view.id, view.version, workflow)
        return view

    # -- internals --------------------------------------------------------------------------------
    def _mutate(
        self,
        case: CaseRecord,
        model: ProcessModel,
        actor: Actor,
        action: Callable[[CaseRun], Any],
        *,
        expected_version: int | None = None,
        also: Callable[[Tx], None] | None = None,
    ) -> tuple[CaseView, BpmnWorkflow]:
        """Let `action` step a case's workflow with no transaction open, then save it in one transaction.

        A step runs the diagram's scripts, each up to the confinement's limits (engine/confine.py); on
        SQLite a write transaction holds the database's one write lock, so a step inside one made every
        other case's write wait for a script. The save is version-checked (Tx.update_case): if anyone
        changed the case meanwhile it is a ConflictError and nothing is written, as when two processes
        step one case at once. `also` writes the operation's own rows first, in the same transaction
        (a job finished, an incident resolved); it raises to write nothing. The workflow goes back into
        the live cache only after the caller's transaction commits.
        """
        if expected_version is not None and case.version != expected_version:
            raise ConflictError(
                f"case {case.dossier_code} is at version {case.version}, not {expected_version}",
                hint="reload the case and try again",
            )
        workflow = self.cases.load(case, model)
        run = CaseRun(case, model, workflow, actor, self.clock.now(), self.calendar)
        with running_case(run.context):
            completed = action(run)
        with self.store.transaction() as tx:
            if also is not None:
                also(tx)
            waits = self.cases.save(tx, run, completed_task=completed if isinstance(completed, str) else None)
            incidents = tuple(incident_view(r) for r in incidents_of(tx, case.id, open_only=True))
        return replace(self._case_view(case, model, timers=waits.timers), incidents=incidents), workflow

    def _visible_case(self, tx: Tx, case_id: str, actor: Actor) -> CaseRecord:
        case = tx.get_case(case_id) or tx.get_case_by_code(case_id)
        if case is None or not actor.may_see_case(case.applicant, tx.case_agencies(case.id)):
            # The same answer whether the case does not exist or is not the caller's: nothing leaks.
            raise NotFoundError(f"no case {case_id}")
        return case

    def _workable_task(self, tx: Tx, task_id: str, actor: Actor) -> tuple[TaskRecord, CaseRecord]:
        record, case = tx.get_task_and_case(task_id)
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

    def _case_view(
        self,
        case: CaseRecord,
        model: ProcessModel,
        data: dict[str, Any] | None = None,
        timers: list[TimerRecord] | None = None,
    ) -> CaseView:
        return case_view(case, model, self.calendar, self.clock.now(), data, timers)
