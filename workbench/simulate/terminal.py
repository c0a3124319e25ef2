"""The terminal view (rich) of simulated figures, for `lienthong simulate` and `lienthong compare`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .results import Figures


def figures_view(runs: list[Figures]) -> RenderableType:
    """Simulated figures, one column per run (and the difference when there are two)."""
    table = Table(title="Mô phỏng / simulation", title_justify="left")
    table.add_column("")
    for run in runs:
        table.add_column(f"{run.label} ({run.finished}/{run.cases})", justify="right")
    if len(runs) == 2:
        table.add_column("chênh lệch / diff", justify="right")
    rows = [
        ("thời gian TB (ngày LV) / mean lead time (WD)", "lead_mean", "{:.2f}"),
        ("trung vị / p50", "lead_p50", "{:.2f}"),
        ("p90", "lead_p90", "{:.2f}"),
        ("p95", "lead_p95", "{:.2f}"),
        ("đúng hạn / on time", "on_time_share", "{:.1%}"),
        ("chuyển giao / hand-offs per case", "handoffs", "{:.2f}"),
        ("lượt đến cơ quan / trips per case", "trips", "{:.2f}"),
        ("giấy tờ / papers per case", "papers", "{:.2f}"),
        ("phải bổ sung / supplement requested", "supplement_share", "{:.1%}"),
        ("bị từ chối / refused", "refused_share", "{:.1%}"),
        ("không rõ kết quả / no result property", "no_result_share", "{:.1%}"),
        ("thư xin lỗi / apology letters", "apology_share", "{:.1%}"),
    ]
    for label, key, fmt in rows:
        values = [getattr(run, key) for run in runs]
        cells = [fmt.format(v) if v is not None else "—" for v in values]
        if len(runs) == 2:
            cells.append(_delta(values[0], values[1], fmt))
        table.add_row(label, *cells)
    lanes = Table(title="Nguồn lực / resources per lane", title_justify="left")
    for column in ("", "bộ phận / lane", "người / capacity", "bận / utilisation", "chờ TB / mean wait (WD)"):
        lanes.add_column(column)
    for run in runs:
        for lane in run.lanes:
            lanes.add_row(run.label, lane.lane, str(lane.capacity or "∞"),
                          f"{lane.utilisation:.0%}" if lane.utilisation is not None else "—",
                          f"{lane.mean_wait_days:.2f}")
    parts: list[RenderableType] = [table, lanes]
    for run in runs:
        for line in run.warnings:
            parts.append(Text(f"⚠ {run.label}: {line}", style="yellow"))
        if run.stuck:
            code, where = run.stuck[0]
            parts.append(Text(f"✗ {run.label}: {len(run.stuck)} case(s) never finished, e.g. {code} "
                              f"waiting at {', '.join(where) or 'a message or timer'}", style="red"))
    return Group(*parts)


def _delta(before: float | None, after: float | None, fmt: str) -> str:
    if before is None or after is None:
        return "—"
    sign = "+" if after - before > 0 else ""
    return sign + fmt.format(after - before)
