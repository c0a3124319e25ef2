"""The worker: fires due timers, runs service-task jobs, delivers the outbox to the portal — in a loop.

Any number of workers may run on one PostgreSQL database (each leases its own rows); on SQLite run one.
`start_demo_services` runs a fake portal and a worker inside the current process, for `serve --demo`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

from engine import Engine, JobPass, JobRunner
from engine.agencies.connectors import Connectors
from engine.agencies.fakes import FAKES
from engine.agencies.outbox import AgencyRouter, DeliveryPass, OutboxDelivery, worker_id
from engine.agencies.remote import HttpPortal, http_agency_connectors
from engine.agencies.retry import RetryPolicy

from .compose.demo import demo_connectors
from .compose.settings import Settings
from .compose.wiring import build_engine
from .fakes.portal import STATUS_PATH, FakePortal
from .fakes.server import FakeServer

log = logging.getLogger("lienthong.worker")


@dataclass(frozen=True)
class WorkerPass:
    """What one pass did: timers fired, jobs run, status changes delivered."""

    fired: int = 0
    jobs: JobPass = field(default_factory=JobPass)
    outbox: DeliveryPass = field(default_factory=DeliveryPass)

    @property
    def busy(self) -> bool:
        """Whether there was anything to do (an idle worker sleeps before the next pass)."""
        return bool(self.fired or self.jobs.leased or self.outbox.leased)


class Worker:
    """One worker process's loop over the three queues."""

    def __init__(
        self,
        engine: Engine,
        *,
        delivery: OutboxDelivery | None,
        jobs: JobRunner | None,
        timers: bool = True,
        poll: float = 1.0,
    ) -> None:
        self.engine = engine
        self.delivery = delivery
        self.jobs = jobs
        self.timers = timers
        self.poll = poll
        self.stop = threading.Event()

    def run_once(self) -> WorkerPass:
        """One pass over timers, jobs and the outbox."""
        fired = self.engine.timers.fire_due().fired if self.timers else 0
        jobs = self.jobs.run_once() if self.jobs is not None else JobPass()
        outbox = self.delivery.deliver_once() if self.delivery is not None else DeliveryPass()
        return WorkerPass(fired, jobs, outbox)

    def run(self, *, until_idle: bool = False) -> None:
        """Loop until `stop` is set (or, with `until_idle`, until a pass finds nothing to do)."""
        while not self.stop.is_set():
            try:
                done = self.run_once()
            except Exception:
                # The database or the network hiccuped: log it and carry on after a pause.
                log.exception("worker pass failed; retrying in %.1f s", self.poll)
                self.stop.wait(self.poll)
                continue
            if done.busy:
                log.info("pass: %s", done)
                continue
            if until_idle:
                return
            self.stop.wait(self.poll)


def policy_of(settings: Settings) -> RetryPolicy:
    """The retry policy the settings describe."""
    return RetryPolicy(settings.worker_backoff_seconds, settings.worker_backoff_cap_seconds,
                       settings.worker_max_attempts)


def worker_connectors(settings: Settings) -> Connectors | None:
    """Agency systems over HTTP where `agency_urls` names them, else the demo's local fakes (or none)."""
    if settings.agency_urls:
        return http_agency_connectors(settings.agency_urls, sorted(FAKES))
    return demo_connectors() if settings.demo else None


def build_worker(settings: Settings, *, name: str | None = None, engine: Engine | None = None,
                 timers: bool = True) -> Worker:
    """A worker as the settings say: its engine, the portal and agency endpoints (where set), jobs, timers."""
    engine = engine or build_engine(settings, connectors=worker_connectors(settings))
    owner = worker_id(name)
    policy = policy_of(settings)
    lease = timedelta(seconds=settings.worker_lease_seconds)
    delivery = None
    if settings.portal_url or settings.agency_endpoints:
        portal = HttpPortal(settings.portal_url) if settings.portal_url else None
        agencies = {agency: HttpPortal(url) for agency, url in settings.agency_endpoints.items()}
        delivery = OutboxDelivery(engine.store, AgencyRouter(portal, agencies), owner=owner, policy=policy,
                                  batch=settings.worker_batch, lease=lease)
    jobs = engine.jobs.runner(owner=owner, policy=policy, batch=settings.worker_batch, lease=lease * 2)
    return Worker(engine, delivery=delivery, jobs=jobs, timers=timers, poll=settings.worker_poll_seconds)


@dataclass
class DemoServices:
    """The fake portal and the worker the demo runs next to the API, in background threads."""

    portal: FakeServer
    worker: Worker
    threads: list[threading.Thread]

    @property
    def portal_url(self) -> str:
        """Where the portal reads back what it received (GET)."""
        return f"{self.portal.url}/received"

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the worker, then the portal."""
        self.worker.stop.set()
        self.portal.shutdown()
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(deadline - time.monotonic(), 0))
        self.worker.engine.store.dispose()


def start_demo_services(settings: Settings, *, port: int = 8900) -> DemoServices:
    """Start a fake national portal on loopback and a worker delivering to it (for `serve --demo`).

    The worker also fires timers and runs service-task jobs. Statuses arriving at the portal can be read
    at `DemoServices.portal_url`.
    """
    try:
        portal = FakeServer(FakePortal(name="portal"), "127.0.0.1", port)
    except OSError:  # the usual port is taken (another demo): any free one will do, its URL is printed
        portal = FakeServer(FakePortal(name="portal"), "127.0.0.1", 0)
    threads = [portal.start()]
    demo = settings.model_copy(update={"portal_url": f"{portal.url}{STATUS_PATH}",
                                       "worker_poll_seconds": min(settings.worker_poll_seconds, 1.0)})
    worker = build_worker(demo, name="demo")
    thread = threading.Thread(target=worker.run, name="lienthong-worker", daemon=True)
    thread.start()
    threads.append(thread)
    return DemoServices(portal, worker, threads)
