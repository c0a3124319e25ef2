"""`lienthong purge-history`: history retention (long-finished cases' audit events archived, deleted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from ..compose.settings import Settings
from ..compose.wiring import build_engine


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
    before = datetime.now(UTC) - timedelta(days=settings.retention_days)

    engine = build_engine(settings)  # migrated first
    try:
        done = engine.cases.purge_history(before, archive_dir=settings.retention_archive_dir)
    finally:
        engine.store.dispose()
    where = f"; archived to {done.archive}" if done.archive else ""
    typer.echo(f"{done.events} event(s) of {done.cases} case(s) finished before {before:%Y-%m-%d} "
               f"deleted{where}")
