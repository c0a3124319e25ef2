"""`lienthong due`: working-day arithmetic from the command line."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.console import Console

from engine.time.clock import as_aware

from ..compose.settings import Settings
from ..compose.wiring import build_calendar


def due(
    received: str = typer.Argument(..., help="When the dossier was received, e.g. 2025-01-24T16:00"),
    days: int = typer.Argument(..., help="The deadline in working days"),
) -> None:
    """Print when a dossier received at RECEIVED with a DAYS-working-day deadline falls due."""
    calendar = build_calendar(Settings())
    when = as_aware(datetime.fromisoformat(received))
    console = Console()
    start = calendar.counting_day(when)
    console.print(f"counted from   {start:%A %d/%m/%Y} "
                  f"(receipt day not counted; cut-off {calendar.cutoff:%H:%M})")
    console.print(f"due            [bold]{calendar.due_at(when, days):%A %d/%m/%Y %H:%M}[/bold]")
