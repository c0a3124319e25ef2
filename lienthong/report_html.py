"""The monthly report as one self-contained HTML page: tables, and charts drawn as inline SVG."""

from __future__ import annotations

from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from engine.reports import MonthlyReport, ReportRow

TEMPLATES = Path(__file__).parent / "templates"
# Outcome segments of a row: (count key, Vietnamese label, English label, colour). Late reads red,
# near due amber, the rest calm; the greys and the greens differ in lightness too (print, colour blindness).
SEGMENTS = (
    ("finished_early", "Xong trước hạn", "finished early", "#0f766e"),
    ("finished_on_time", "Xong đúng hạn", "finished on time", "#5eead4"),
    ("finished_late", "Xong trễ hạn", "finished late", "#b91c1c"),
    ("in_progress_not_due", "Đang xử lý, chưa đến hạn", "open, not yet due", "#cbd5e1"),
    ("in_progress_near_due", "Đang xử lý, sắp đến hạn", "open, near due", "#f59e0b"),
    ("in_progress_late", "Đang xử lý, quá hạn", "open, late", "#7f1d1d"),
)
# The rates and the reform plan's targets (seed plan: 100 % synced, 100 % e-documents, ≥ 80 % end-to-end).
RATES = (
    ("on_time_rate", "Đúng hạn", "on time", None),
    ("fully_online_rate", "Toàn trình trực tuyến", "fully online", 80.0),
    ("online_payment_rate", "Thanh toán trực tuyến", "paid online", None),
    ("synced_rate", "Đồng bộ Cổng DVC quốc gia", "synced to the portal", 100.0),
    ("digitised_rate", "Số hóa hồ sơ", "digitised", 100.0),
)


def number(value: float | None, digits: int = 1) -> str:
    """A number the Vietnamese way (decimal comma); an em dash when there is none."""
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def row_label(row: ReportRow) -> str:
    """What a row is about: procedure, and agency when the row is one agency's."""
    procedure = row.procedure_name or row.procedure or "Tất cả thủ tục"
    return f"{row.agency_name} · {procedure}" if row.agency else procedure


def outcome_svg(rows: list[ReportRow], width: int = 760) -> str:
    """Stacked bars: what became of the dossiers each row had to process."""
    label_width, bar_height, gap = 250, 22, 10
    plot = width - label_width - 60
    scale = max((r.counts["to_process"] for r in rows), default=0) or 1
    height = len(rows) * (bar_height + gap) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="chart" aria-label="Tình hình giải quyết hồ sơ">']
    for index, row in enumerate(rows):
        y = 10 + index * (bar_height + gap)
        full = row_label(row)
        label = full if len(full) <= 36 else full[:35] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
                     f'class="label">{escape(label)}<title>{escape(full)}</title></text>')
        x = float(label_width)
        for key, vi, en, colour in SEGMENTS:
            count = _count(row, key)
            if not count:
                continue
            span = plot * count / scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{bar_height}" '
                         f'fill="{colour}"><title>{escape(vi)} ({en}): {count}</title></rect>')
            x += span
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar_height * 0.7:.1f}" class="value">'
                     f'{row.counts["to_process"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def rates_svg(row: ReportRow, width: int = 760) -> str:
    """Horizontal bars from 0 to 100 %, with the reform plan's target where there is one."""
    label_width, bar_height, gap = 250, 20, 12
    plot = width - label_width - 70
    height = len(RATES) * (bar_height + gap) + 24
    rates = row.rates
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="chart" aria-label="Các tỉ lệ">']
    for index, (key, vi, en, target) in enumerate(RATES):
        y = 8 + index * (bar_height + gap)
        value = rates[key]
        parts.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.1f}" text-anchor="end" '
                     f'class="label">{escape(vi)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{plot}" height="{bar_height}" class="track"/>')
        if value is not None:
            below = target is not None and value < target
            length = plot * value / 100
            parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                         f'class="{"bar below" if below else "bar"}"><title>{escape(vi)} ({en}): '
                         f"{number(value)} %</title></rect>")
        if target is not None:
            tx = label_width + plot * target / 100
            parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y - 3}" y2="{y + bar_height + 3}" '
                         f'class="target"><title>Mục tiêu (target) {number(target, 0)} %</title></line>')
        text = "không có dữ liệu" if value is None else f"{number(value)} %"
        parts.append(f'<text x="{label_width + plot + 8}" y="{y + bar_height * 0.72:.1f}" class="value">'
                     f"{text}</text>")
    parts.append("</svg>")
    return "".join(parts)


def render_report(report: MonthlyReport) -> str:
    """The whole page as HTML text."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(number=number, label=row_label)
    assert report.total is not None
    chart_rows = [*report.procedures, report.total] if len(report.procedures) > 1 else report.procedures
    return env.get_template("report.html.j2").render(
        r=report, total=report.total, segments=SEGMENTS, rates=RATES,
        outcome=Markup(outcome_svg(chart_rows or [report.total])),
        rates_chart=Markup(rates_svg(report.total)),
    )


def _count(row: ReportRow, key: str) -> int:
    return row.in_progress_not_due if key == "in_progress_not_due" else row.counts[key]
