"""`lienthong worker` (timers, jobs, portal sync); `dead-letters` and `incidents` for operators."""

from __future__ import annotations

import logging
import signal
import sys
from types import FrameType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from engine.actors import SYSTEM
from engine.errors import LienThongError

from ..compose.settings import Settings
from ..compose.wiring import build_engine
from ..worker import build_worker

DatabaseUrl = Annotated[str | None, typer.Option(help="Overrides LIENTHONG_DATABASE_URL")]


def worker(
    database_url: DatabaseUrl = None,
    portal_url: Annotated[str | None, typer.Option(help="Overrides LIENTHONG_PORTAL_URL")] = None,
    name: Annotated[str | None, typer.Option(help="Name in lease records (default: the host name)")] = None,
    batch: Annotated[int | None, typer.Option(min=1, help="Rows leased per pass")] = None,
    lease: Annotated[float | None, typer.Option(min=0.1, help="Lease in seconds")] = None,
    max_attempts: Annotated[int | None, typer.Option(min=1, help="Attempts before a dead letter")] = None,
    backoff: Annotated[float | None, typer.Option(min=0, help="First retry delay in seconds")] = None,
    backoff_cap: Annotated[float | None, typer.Option(min=0, help="Longest retry delay in seconds")] = None,
    poll: Annotated[float | None, typer.Option(min=0.01, help="Idle wait between passes in seconds")] = None,
    no_timers: Annotated[bool, typer.Option("--no-timers", help="Leave due timers to other workers")] = False,
    once: Annotated[bool, typer.Option("--once", help="Work until nothing is due, then exit")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Log every pass")] = False,
) -> None:
    """Fire due timers, run service-task jobs, deliver status changes to the portal — until stopped."""
    overrides: dict[str, Any] = {
        "database_url": database_url, "portal_url": portal_url, "worker_batch": batch,
        "worker_lease_seconds": lease, "worker_max_attempts": max_attempts, "worker_backoff_seconds": backoff,
        "worker_backoff_cap_seconds": backoff_cap, "worker_poll_seconds": poll,
    }
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    running = build_worker(settings, name=name, timers=not no_timers)

    def stop(signum: int, _frame: FrameType | None) -> None:
        running.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sync = settings.portal_url or "nowhere (no portal_url: status changes stay queued)"
    typer.echo(f"worker {running.delivery.owner if running.delivery else name or ''} started; "
               f"status changes go to {sync}")
    sys.stdout.flush()
    try:
        running.run(until_idle=once)
    finally:
        running.engine.store.dispose()


def dead_letters(
    database_url: DatabaseUrl = None,
    replay: Annotated[list[int] | None, typer.Option(help="Queue this one again (repeatable)")] = None,
    replay_all: Annotated[bool, typer.Option("--replay-all", help="Queue every dead letter again")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Rows to list")] = 50,
) -> None:
    """List the status changes the worker gave up on; replay them once the portal is back."""
    engine = build_engine(_settings(database_url))
    try:
        if replay_all:
            typer.echo(f"{engine.outbox.replay(SYSTEM).replayed} dead letter(s) queued again")
            return
        if replay:
            count = 0
            for row_id in replay:
                try:
                    count += engine.outbox.replay(SYSTEM, row_id).replayed
                except LienThongError as exc:
                    typer.echo(f"dead letter {row_id}: {exc}", err=True)
            typer.echo(f"{count} dead letter(s) queued again")
            return
        rows, total = engine.outbox.dead_letters(SYSTEM, limit=limit)
        table = Table(title=f"Dead letters: {total}  (outbox: {engine.outbox.counts()})")
        for column in ("id", "dossier", "seq", "status", "attempts", "last error"):
            table.add_column(column)
        for row in rows:
            table.add_row(str(row.id), row.dossier_code, str(row.seq), str(row.status), str(row.attempts),
                          (row.last_error or "")[:80])
        Console().print(table)
    finally:
        engine.store.dispose()


def incidents(
    database_url: DatabaseUrl = None,
    retry: Annotated[list[int] | None, typer.Option(help="Retry this incident's job (repeatable)")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Resolved incidents too")] = False,
) -> None:
    """List service tasks whose retries ran out; retry them once the agency's system is fixed."""
    settings = _settings(database_url)
    engine = build_engine(settings)
    try:
        for incident_id in retry or []:
            try:
                engine.incidents.retry(incident_id, SYSTEM)
                typer.echo(f"incident {incident_id}: its job is queued again")
            except LienThongError as exc:
                typer.echo(f"incident {incident_id}: {exc}", err=True)
        if retry:
            return
        rows, total = engine.incidents.list(SYSTEM, open_only=not all_, limit=200)
        table = Table(title=f"Incidents: {total}{'' if all_ else ' open'}")
        for column in ("id", "dossier", "element", "operation", "attempts", "since", "message"):
            table.add_column(column)
        for row in rows:
            table.add_row(str(row.id), row.dossier_code, row.element_id, row.operation, str(row.attempts),
                          f"{row.created_at:%Y-%m-%d %H:%M}", row.message[:80])
        Console().print(table)
    finally:
        engine.store.dispose()


def _settings(database_url: str | None) -> Settings:
    overrides: dict[str, Any] = {"database_url": database_url} if database_url else {}
    return Settings(**overrides)
