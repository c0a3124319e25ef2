"""Inline SVG plots of lead-time distributions: histograms and cumulative curves, drawn by hand (no JS)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 560, 316
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 34, 46


@dataclass(frozen=True)
class Series:
    """One variant's sorted lead times, with its name, colour and legal deadline (working days)."""

    label: str
    values: list[float]
    colour: str
    deadline: float | None = None


def nice_step(span: float, ticks: int = 6) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10^k) that cuts `span` into about `ticks` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _axis_max(series: list[Series]) -> float:
    # The 99th percentile, so one very slow case does not squash the picture; the deadlines stay in view.
    tops = [s.values[min(len(s.values) - 1, int(len(s.values) * 0.99))] for s in series if s.values]
    top = max([*tops, *(s.deadline or 0.0 for s in series), 0.5])
    step = nice_step(top)
    return math.ceil(top / step) * step


def _frame(x_max: float, y_max: float, y_label: str, y_format: str) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = [f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" class="plot-bg"/>']
    step = nice_step(x_max)
    tick = 0.0
    while tick <= x_max + 1e-9:
        x = LEFT + tick / x_max * plot_w
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" class="tick" text-anchor="middle">'
                   f'{tick:g}</text>')
        tick += step
    y_step = nice_step(y_max, 4)
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = TOP + plot_h - tick / y_max * plot_h
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
                   f'{y_format.format(tick)}</text>')
        tick += y_step
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" class="axis" text-anchor="middle">'
               "Thời gian giải quyết (ngày làm việc) · lead time (working days)</text>")
    out.append(f'<text x="14" y="{TOP + plot_h / 2}" class="axis" text-anchor="middle" '
               f'transform="rotate(-90 14 {TOP + plot_h / 2})">{escape(y_label)}</text>')
    return out


def _deadlines(series: list[Series], x_max: float) -> list[str]:
    """A dashed line at each variant's legal deadline, in its colour."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = []
    for i, s in enumerate(series):
        if s.deadline is None:
            continue
        x = LEFT + min(s.deadline, x_max) / x_max * plot_w
        anchor, dx = ("end", -4) if x > LEFT + plot_w * 0.8 else ("start", 4)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" class="deadline" '
                   f'stroke="{s.colour}"/>')
        out.append(f'<text x="{x + dx:.1f}" y="{TOP + 14 + 14 * i}" class="deadline-label" fill="{s.colour}" '
                   f'text-anchor="{anchor}">hạn {escape(s.label)}: {s.deadline:g} ngày</text>')
    return out


def _svg(title: str, body: list[str], series: list[Series]) -> str:
    legend = []
    for i, s in enumerate(series):
        x = LEFT + i * 150
        legend.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{s.colour}" opacity="0.8"/>'
                      f'<text x="{x + 17}" y="18" class="legend">{escape(s.label)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="plot" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(body)}{"".join(legend)}</svg>')


def histogram_svg(series: list[Series], bins: int = 30) -> str:
    """Overlaid histograms (share of cases per bin) of each series, with the legal deadlines marked."""
    x_max = _axis_max(series)
    width = x_max / bins
    shares = []
    for s in series:
        counts = [0] * bins
        for value in s.values:
            counts[min(int(value / width), bins - 1)] += 1
        shares.append([c / max(len(s.values), 1) for c in counts])
    y_max = max([max(row) for row in shares] + [0.01]) * 1.1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _frame(x_max, y_max, "Tỉ lệ hồ sơ · share of cases", "{:.0%}")
    for s, row in zip(series, shares, strict=True):
        for i, share in enumerate(row):
            if share <= 0:
                continue
            h = share / y_max * plot_h
            x = LEFT + i * width / x_max * plot_w
            body.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{plot_w / bins:.1f}" '
                        f'height="{h:.1f}" fill="{s.colour}" class="bar"/>')
    body += _deadlines(series, x_max)
    return _svg("Phân bố thời gian giải quyết · lead-time histogram", body, series)


def cdf_svg(series: list[Series]) -> str:
    """Cumulative share of cases finished within x working days, one step curve per series."""
    x_max = _axis_max(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _frame(x_max, 1.0, "Đã xong · share finished", "{:.0%}")
    for s in series:
        n = len(s.values)
        if not n:
            continue
        # At most ~400 points: enough for a smooth curve, small enough for the page.
        stride = max(1, n // 400)
        points = [f"{LEFT:.1f},{TOP + plot_h:.1f}"]
        for i in range(0, n, stride):
            x = LEFT + min(s.values[i], x_max) / x_max * plot_w
            y = TOP + plot_h - (i + 1) / n * plot_h
            points.append(f"{x:.1f},{y:.1f}")
        points.append(f"{LEFT + min(s.values[-1], x_max) / x_max * plot_w:.1f},{TOP:.1f}")
        body.append(f'<polyline points="{" ".join(points)}" stroke="{s.colour}" class="cdf"/>')
    body += _deadlines(series, x_max)
    return _svg("Tỉ lệ hồ sơ đã xong theo thời gian · cumulative share finished", body, series)
