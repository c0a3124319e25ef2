"""The engine façade: builds the shared core once and exposes one service per concept."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .agencies.connectors import Connectors
from .bpmn.catalog import Catalog
from .documents import DEFAULT_MAX_BYTES, BlobStore
from .sandbox.sandbox import Sandbox
from .services.cases import CaseService
from .services.core import Core
from .services.documents import DocumentService
from .services.incidents import IncidentService
from .services.jobs import JobService
from .services.messages import MessageService
from .services.outbox import OutboxService
from .services.reports import ReportService
from .services.tasks import TaskService
from .services.timers import TimerService
from .services.versions import VersionService
from .store.store import Store
from .store.unit import UnitOfWork
from .time.calendar import WorkingCalendar
from .time.clock import Clock


class Engine:
    """Runs linked procedures: deploy versions, start cases, work tasks, take messages, fire timers.

    Each concept is a service reached as an attribute (`engine.cases.start(...)`,
    `engine.tasks.complete(...)`; docs/architecture.md "Services"); every write is one transaction and
    every answer a view (engine/views.py). `core` holds what the services share; `catalog`, `store`,
    `clock`, `calendar` and `connectors` are the collaborators it was built with.
    """

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
        self.catalog, self.store, self.clock, self.calendar = catalog, store, clock, calendar
        # Digitised dossier components: files under documents_dir, rows in the database.
        self._blobs = BlobStore(documents_dir) if documents_dir is not None else None
        self._documents_max_bytes = documents_max_bytes
        self._serve(Core(catalog=catalog, store=store, clock=clock, calendar=calendar, connectors=connectors,
                         sandbox=sandbox, live_cache_size=live_cache_size, async_services=async_services))

    def within(self, unit: UnitOfWork) -> Engine:
        """This engine with every operation's transaction joining `unit` (one request's unit of work).

        The services are rebuilt over a core that shares everything (catalogue, live cases, script
        children) but takes its transactions from the unit: a few small objects per request.
        """
        joined = copy.copy(self)
        joined._serve(self.core.joining(unit), first_use=self.versions)
        return joined

    @contextmanager
    def unit_of_work(self) -> Iterator[Engine]:
        """This engine within a new unit of work: what the block writes commits together when it ends."""
        with UnitOfWork(self.store) as unit:
            yield self.within(unit)

    def _serve(self, core: Core, first_use: VersionService | None = None) -> None:
        """One service per concept, over `core`; `first_use` deploys a catalogue file on a case's first start
        in its own transaction (the engine's own versions service, outside any unit of work)."""
        self.core = core
        self.connectors = core.connectors
        self.versions = VersionService(core)
        self.cases = CaseService(core, self.versions, first_use or self.versions)
        self.tasks = TaskService(core)
        self.incidents = IncidentService(core)
        self.messages = MessageService(core, self.incidents)
        self.timers = TimerService(core, self.incidents)
        self.jobs = JobService(core, self.tasks)
        self.documents = DocumentService(core, self._blobs, self._documents_max_bytes)
        self.outbox = OutboxService(core)
        self.reports = ReportService(core)
