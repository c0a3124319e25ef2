"""Terminal views (rich) of a diff and of simulated figures, for `lienthong diff / simulate / compare`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .diff import VariantDiff
from .sim_results import Figures

HANDOFF_KINDS = {"agency": "giữa cơ quan", "lane": "giữa bộ phận", "message": "thông điệp",
                 "declared": "khai báo"}


def diff_view(diff: VariantDiff) -> RenderableType:
    """The diff as tables: tasks, hand-offs, touchpoints, papers, deadlines."""
    a, b = diff.a.label, diff.b.label
    parts: list[RenderableType] = [Text(f"So sánh cấu trúc / structural diff: {a} → {b}", style="bold")]
    tasks = Table(title="Công việc / tasks", title_justify="left")
    for column in ("", "id", "tên / name", "bộ phận / lane", "thay đổi / change"):
        tasks.add_column(column)
    for task in diff.removed:
        tasks.add_row(Text("−", style="red"), task.id, task.name, task.lane, task.kind)
    for task in diff.added:
        tasks.add_row(Text("+", style="green"), task.id, task.name, task.lane, task.kind)
    for change in diff.changed:
        tasks.add_row(Text("~", style="yellow"), change.id, change.name, "", "\n".join(change.changes))
    parts.append(tasks if tasks.row_count else Text("Không có công việc nào thay đổi / no task changed"))
    counts = Table(title="Chỉ số / counts", title_justify="left")
    counts.add_column("")
    counts.add_column(a, justify="right")
    counts.add_column(b, justify="right")
    ha, hb = diff.a.handoff_counts(), diff.b.handoff_counts()
    counts.add_row("công việc / tasks", str(len(diff.a.tasks)), str(len(diff.b.tasks)))
    for kind, label in HANDOFF_KINDS.items():
        counts.add_row(f"chuyển giao {label} / hand-offs ({kind})", str(ha[kind]), str(hb[kind]))
    counts.add_row("lượt đến cơ quan khai báo / trips declared", str(diff.a.trips), str(diff.b.trips))
    counts.add_row("giấy tờ phải nộp / papers asked for", str(len(diff.a.papers)), str(len(diff.b.papers)))
    for key, before, after in diff.deadlines:
        counts.add_row(f"thời hạn {key} (ngày làm việc)", _text(before), _text(after))
    parts.append(counts)
    if diff.papers_dropped or diff.papers_new:
        papers = Table(title="Giấy tờ / papers", title_justify="left")
        papers.add_column("")
        papers.add_column("giấy tờ / paper")
        papers.add_column("thay bằng / replaced by")
        for paper in diff.papers_dropped:
            papers.add_row(Text("−", style="green"), paper.name, ", ".join(paper.replaced_by) or "—")
        for code in diff.papers_new:
            papers.add_row(Text("+", style="red"), diff.b.paper_names.get(code, code), "")
        parts.append(papers)
    return Group(*parts)


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


def _text(value: int | None) -> str:
    return "—" if value is None else str(value)
