"""The comparison report: one self-contained HTML page (Jinja2, inline CSS and SVG, no external resources)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from workbench.simulate.results import Figures

from .comparison import Comparison
from .diagrams import diagram_pair
from .plot import Series, cdf_svg, histogram_svg

TEMPLATES = Path(__file__).parent / "templates"
COLOURS = ("#b45309", "#0f766e")  # as-is amber-brown, to-be teal: distinct in colour and in grey
# (label, attribute, format, lower is better)
METRICS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("Thời gian giải quyết trung bình", "Mean lead time", "lead_mean", "days", True),
    ("Trung vị (50% hồ sơ xong trong)", "Median, p50", "lead_p50", "days", True),
    ("90% hồ sơ xong trong", "p90", "lead_p90", "days", True),
    ("95% hồ sơ xong trong", "p95", "lead_p95", "days", True),
    ("Tỉ lệ đúng hạn", "Finished on time", "on_time_share", "share", False),
    ("Số lần chuyển giao mỗi hồ sơ", "Hand-offs per case", "handoffs", "count", True),
    ("Số lần công dân đến cơ quan", "Citizen trips per case", "trips", "count", True),
    ("Số giấy tờ công dân nộp", "Papers handed in per case", "papers", "count", True),
    ("Hồ sơ phải bổ sung", "Supplement requested", "supplement_share", "share", True),
    ("Hồ sơ bị từ chối", "Refused", "refused_share", "share", True),
    ("Hồ sơ không rõ kết quả", "No result property", "no_result_share", "share", True),
    ("Hồ sơ trễ hạn phải xin lỗi", "Apology letters (late)", "apology_share", "share", True),
)
CARDS = ("lead_mean", "lead_p90", "on_time_share", "trips", "papers", "handoffs")


def number(value: float | None, digits: int = 1) -> str:
    """A number the Vietnamese way: decimal comma, thin-space thousands."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def share(value: float | None) -> str:
    """A share as a percentage."""
    return "—" if value is None else f"{number(value * 100, 0 if value in (0, 1) else 1)}%"


def formatted(value: float | None, kind: str) -> str:
    """A figure in its unit."""
    if kind == "share":
        return share(value)
    if kind == "days":
        return f"{number(value, 1)} ngày"
    return number(value, 1)


def change(before: float | None, after: float | None, kind: str, lower_is_better: bool) -> dict[str, Any]:
    """The difference: its text, its relative size, and whether it is an improvement."""
    if before is None or after is None:
        return {"text": "—", "relative": "", "tone": "same"}
    delta = after - before
    if abs(delta) < 1e-9:
        return {"text": "không đổi", "relative": "", "tone": "same"}
    better = (delta < 0) == lower_is_better
    sign = "+" if delta > 0 else "−"
    if kind == "share":
        text = f"{sign}{share(abs(delta))[:-1]} điểm %"
    else:
        text = f"{sign}{formatted(abs(delta), kind)}"
    relative = f"{sign}{number(abs(delta) / abs(before) * 100, 0)}%" if kind != "share" and before else ""
    return {"text": text, "relative": relative, "tone": "better" if better else "worse"}


def metric_rows(a: Figures, b: Figures) -> list[dict[str, Any]]:
    """The side-by-side table of simulated figures."""
    rows = []
    for label_vi, label_en, key, kind, lower in METRICS:
        before, after = getattr(a, key), getattr(b, key)
        rows.append({"key": key, "vi": label_vi, "en": label_en, "a": formatted(before, kind),
                     "b": formatted(after, kind), "change": change(before, after, kind, lower)})
    return rows


def verdict(comparison: Comparison) -> str:
    """One plain sentence for the director: what the redesign changes, in the figures that matter."""
    a, b = comparison.figures
    moves = [_move("thời gian giải quyết trung bình", a.lead_mean, b.lead_mean, " ngày làm việc"),
             _move("số lần công dân phải đến cơ quan", a.trips, b.trips),
             _move("số giấy tờ phải nộp", a.papers, b.papers),
             _move("số lần chuyển giao hồ sơ", a.handoffs, b.handoffs)]
    if a.on_time_share is not None and b.on_time_share is not None:
        moves.append(f"tỉ lệ đúng hạn {share(a.on_time_share)} → {share(b.on_time_share)}")
    said = "; ".join(m for m in moves if m)
    cases = f"mô phỏng {comparison.cases} hồ sơ mỗi phương án"
    if not said:
        return f"Hai phương án cho cùng kết quả ({cases})."
    return f"So với «{a.label}», phương án «{b.label}»: {said} ({cases})."


def _move(what: str, before: float, after: float, unit: str = "") -> str:
    if abs(after - before) < 0.05:
        return ""
    way, to = ("giảm", "xuống") if after < before else ("tăng", "lên")
    return f"{what} {way} từ {number(before)} {to} {number(after)}{unit}"


def scenario_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """Scenarios side by side: one row per (feature, scenario), a status per variant."""
    if comparison.scenarios is None:
        return []
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for side, run in zip(("a", "b"), comparison.scenarios, strict=True):
        for result in run.scenarios:
            row = rows.setdefault((result.feature, result.name),
                                  {"feature": result.feature, "name": result.name, "a": None, "b": None})
            row[side] = result
    return list(rows.values())


def render_report(comparison: Comparison) -> str:
    """The whole page as HTML text."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(number=number, share=share)
    a, b = comparison.figures
    series = [Series(a.label, a.lead_times, COLOURS[0], comparison.a.model.deadlines.get("overall")),
              Series(b.label, b.lead_times, COLOURS[1], comparison.b.model.deadlines.get("overall"))]
    procedure = comparison.b.procedure or comparison.a.procedure
    diagrams = diagram_pair(comparison)
    rows = metric_rows(a, b)
    return env.get_template("compare.html.j2").render(
        c=comparison, d=comparison.diff, a=a, b=b, procedure=procedure, colours=COLOURS,
        verdict=verdict(comparison), rows=rows, cards=[r for r in rows if r["key"] in CARDS],
        histogram=Markup(histogram_svg(series)), cdf=Markup(cdf_svg(series)),
        deadlines_overall=[(s.label, s.deadline) for s in series if s.deadline is not None],
        diagrams=diagrams, scenarios=scenario_rows(comparison),
        deadlines=[(k, x, y) for k, x, y in comparison.diff.deadlines],
    )


def write_report(comparison: Comparison, path: str | Path) -> Path:
    """Write the page; returns its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(comparison), encoding="utf-8")
    return out
