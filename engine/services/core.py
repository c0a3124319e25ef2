"""The core every service shares: collaborators, the live case files, and the steps of every operation."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow

from ..actors import Actor
from ..agencies.connectors import Connectors
from ..agencies.deferral import DeferringConnectors
from ..bpmn.catalog import Catalog
from ..bpmn.model import ProcessModel
from ..bpmn.procedure import LaneRole
from ..errors import ConflictError, ForbiddenError, NotFoundError
from ..presenting import case_view, incident_view
from ..run.casefiles import CaseFiles
from ..run.context import running_case
from ..run.runtime import CaseRun
from ..sandbox.sandbox import Sandbox
from ..sandbox.scripting import ScriptEnvironment
from ..store.incidents_store import incidents_of
from ..store.records import CaseRecord, TaskRecord, TimerRecord
from ..store.store import Store
from ..store.tx import Tx
from ..store.unit import Transactions
from ..time.calendar import WorkingCalendar
from ..time.clock import Clock
from ..views import CaseIncident, CaseView


class Core:
    """What the services share: the catalogue, store, clock, calendar, connectors and the case files."""

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
    ) -> None:
        self.catalog = catalog
        self.store: Transactions = store
        self.clock = clock
        self.calendar = calendar
        self.connectors = connectors or Connectors()
        # Async mode: service tasks become jobs for the worker (services/jobs.py) instead of calling
        # `connectors` inside the step; the worker calls them.
        self.async_services = async_services
        script_connectors = DeferringConnectors() if async_services else self.connectors
        self.script_engine = ScriptEnvironment(clock, calendar, script_connectors, sandbox or catalog.sandbox)
        self.files = CaseFiles(catalog, self.script_engine, live_cache_size)
        self.codec = self.files.codec

    def joining(self, unit: Transactions) -> Core:
        """This core with its transactions taken from `unit` (a request's unit of work), all else shared."""
        joined = copy.copy(self)
        joined.store = unit
        return joined

    def mutate(
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

        A step runs the diagram's scripts, each up to the confinement's limits (engine/sandbox/confine.py); on
        SQLite a write transaction holds the database's one write lock, so a step inside one made every
        other case's write wait for a script. The save is version-checked (Tx.update_case): if anyone
        changed the case meanwhile it is a ConflictError and nothing is written, as when two processes
        step one case at once. `also` writes the operation's own rows first, in the same transaction
        (a job finished, an incident resolved); it raises to write nothing. The caller's visibility check
        (read at the case's version) holds at the commit: what it reads — the applicant, the agencies of
        the case's tasks and parties — changes only in a save, which moves the version, and this save
        commits only at the version read. The workflow goes back into the live cache only after the
        caller's transaction commits (`keep`).
        """
        if expected_version is not None and case.version != expected_version:
            raise ConflictError(
                f"case {case.dossier_code} is at version {case.version}, not {expected_version}",
                hint="reload the case and try again",
            )
        workflow = self.files.load(case, model)
        run = CaseRun(case, model, workflow, actor, self.clock.now(), self.calendar)
        with running_case(run.context):
            completed = action(run)
        with self.store.transaction() as tx:
            if also is not None:
                also(tx)
            waits = self.files.save(tx, run, completed_task=completed if isinstance(completed, str) else None)
            incidents = self.open_incidents(tx, case.id)
        return self.case_view(case, model, timers=waits.timers, incidents=incidents), workflow

    def step(
        self,
        case: CaseRecord,
        model: ProcessModel,
        actor: Actor,
        action: Callable[[CaseRun], Any],
        *,
        expected_version: int | None = None,
        also: Callable[[Tx], None] | None = None,
    ) -> CaseView:
        """`mutate`, then the stepped workflow back into the live cache once its transaction has committed."""
        view, workflow = self.mutate(case, model, actor, action, expected_version=expected_version, also=also)
        self.store.after_commit(lambda: self.files.keep(view.id, view.version, workflow))
        return view

    def visible_case(self, tx: Tx, case_id: str, actor: Actor) -> CaseRecord:
        """A case by id or dossier code, if the actor may see it."""
        case = tx.get_case(case_id) or tx.get_case_by_code(case_id)
        if case is None or not actor.may_see_case(case.applicant, tx.case_agencies(case.id)):
            # The same answer whether the case does not exist or is not the caller's: nothing leaks.
            raise NotFoundError(f"no case {case_id}")
        return case

    def workable_task(self, tx: Tx, task_id: str, actor: Actor) -> tuple[TaskRecord, CaseRecord]:
        """A task and its case, if the actor may work it (403 if it sees the case only, else 404)."""
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

    def case_view(
        self,
        case: CaseRecord,
        model: ProcessModel,
        data: dict[str, Any] | None = None,
        timers: list[TimerRecord] | None = None,
        incidents: tuple[CaseIncident, ...] = (),
    ) -> CaseView:
        """A case as callers see it, now (with its open incidents when the caller has read them)."""
        return case_view(case, model, self.calendar, self.clock.now(), data, timers, incidents)

    @staticmethod
    def open_incidents(tx: Tx, case_id: str) -> tuple[CaseIncident, ...]:
        """A case's unresolved step incidents, newest first."""
        return tuple(incident_view(r) for r in incidents_of(tx, case_id, open_only=True))
