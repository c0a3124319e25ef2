"""`lienthong report --month YYYY-MM`: the monthly report as a terminal table, and as an HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from engine.errors import LienThongError
from engine.reports import MonthlyReport, monthly_report

from ..compose.settings import Settings
from ..compose.wiring import build_engine
from ..report_html import RATES, number, render_report


def report(
    month: Annotated[str, typer.Option(help="The month, as YYYY-MM (e.g. 2025-03)")],
    html: Annotated[Path | None, typer.Option(help="Also write an HTML page with charts here")] = None,
    agency: Annotated[str | None, typer.Option(help="Only the cases this agency worked on")] = None,
    database_url: Annotated[str | None, typer.Option(help="Overrides LIENTHONG_DATABASE_URL")] = None,
) -> None:
    """Received, carried over, in progress, finished early/on time/late, and the rates, per agency and
    procedure (docs/reports.md defines each figure)."""
    overrides: dict[str, Any] = {"database_url": database_url} if database_url else {}
    engine = build_engine(Settings(**overrides))
    try:
        result = monthly_report(engine, month, agency=agency)
    except LienThongError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.store.dispose()
    console = Console()
    for table in _tables(result):
        console.print(table)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_report(result), encoding="utf-8")
        typer.echo(f"wrote {html}")


def _tables(result: MonthlyReport) -> list[Table]:
    """Counts, then rates (two tables fit a terminal); rows named by agency code and procedure slug."""
    assert result.total is not None
    rows = [*result.rows, *result.procedures, result.total]
    when = f"tháng {result.start:%m/%Y}, đến {result.as_of:%H:%M %d/%m/%Y}"
    counts = Table(title=f"Số hồ sơ ({when})")
    rates = Table(title="Tỉ lệ (%)")
    for table in (counts, rates):
        table.add_column("Cơ quan")
        table.add_column("Thủ tục")
    headers = ("Tiếp nhận", "Tồn trước", "Cần xử lý", "Đang xử lý\ntrễ/sắp/chưa", "Đã xử lý\nsớm/đúng/trễ",
               "Chưa nhận")
    for header in headers:
        counts.add_column(header, justify="right")
    for header in ("Đúng hạn", "Toàn trình", "TT trực tuyến", "Đồng bộ", "Số hóa"):
        rates.add_column(header, justify="right")
    for row in rows:
        c = row.counts
        name = (row.agency or "tất cả", row.procedure or "tất cả")
        style = "bold" if row is result.total else None
        counts.add_row(
            *name, str(c["received"]), str(c["carried_over"]), str(c["to_process"]),
            f"{c['in_progress_late']}/{c['in_progress_near_due']}/{row.in_progress_not_due}",
            f"{c['finished_early']}/{c['finished_on_time']}/{c['finished_late']}", str(c["not_collected"]),
            style=style,
        )
        rates.add_row(*name, *(_percent(row.rates[key]) for key, _, _, _ in RATES), style=style)
    return [counts, rates]


def _percent(value: float | None) -> str:
    return "—" if value is None else number(value)
