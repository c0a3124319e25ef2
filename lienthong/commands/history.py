"""`lienthong purge-history`: history retention (long-finished cases' audit events archived, deleted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from engine.actors import SYSTEM
from engine.audit import audit_event
from engine.store.records import EventRecord
from engine.store.retention_store import PURGED
from engine.store.retention_store import purge_history as purge
from engine.store.store import Store

from ..compose.settings import Settings


def purge_history(
    database_url: Annotated[str | None, typer.Option(help="Overrides LIENTHONG_DATABASE_URL")] = None,
    days: Annotated[int | None, typer.Option(min=1, help="Overrides LIENTHONG_RETENTION_DAYS")] = None,
    archive: Annotated[Path | None, typer.Option(help="Overrides LIENTHONG_RETENTION_ARCHIVE_DIR")] = None,
) -> None:
    """Delete the audit events of cases finished more than the retention's days ago (the monthly report's
    touchpoints and payments stay); with an archive directory, write them there first."""
    overrides: dict[str, Any] = {"database_url": database_url, "retention_days": days,
                                 "retention_archive_dir": archive}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    if settings.retention_days is None:
        typer.echo("no retention set: give --days or LIENTHONG_RETENTION_DAYS (history is kept forever "
                   "otherwise)", err=True)
        raise typer.Exit(2)
    now = datetime.now(UTC)
    before = now - timedelta(days=settings.retention_days)

    def marker(case_id: str, deleted: int) -> EventRecord:
        return audit_event(case_id, now, SYSTEM.id, PURGED,
                           data={"events": deleted, "finished_before": before.isoformat(),
                                 "archive": str(settings.retention_archive_dir or "")})

    store = Store(settings.database_url)
    try:
        store.migrate()
        done = purge(store, before, now, marker, archive_dir=settings.retention_archive_dir)
    finally:
        store.dispose()
    where = f"; archived to {done.archive}" if done.archive else ""
    typer.echo(f"{done.events} event(s) of {done.cases} case(s) finished before {before:%Y-%m-%d} "
               f"deleted{where}")
