"""The terminal view (rich) of a diff, for `lienthong diff` and `lienthong compare`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .changes import VariantDiff

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


def _text(value: int | None) -> str:
    return "—" if value is None else str(value)
