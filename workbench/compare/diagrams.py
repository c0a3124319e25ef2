"""Both variants' diagrams for the report, drawn from their DI with the changes and the time spent marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from engine.errors import LienThongError
from workbench.render.svg import render_svg

if TYPE_CHECKING:
    from workbench.simulate.results import Figures
    from workbench.variants import VariantFile

    from .comparison import Comparison

BADGE_FROM_DAYS = 0.05  # shorter stays are noise on a diagram


@dataclass(frozen=True)
class DiagramView:
    """One drawn diagram (inline SVG), or why it could not be drawn."""

    label: str
    file: str
    svg: Markup | None
    note: str = ""


def diagram_pair(comparison: Comparison) -> list[DiagramView]:
    """The as-is diagram with removed and changed tasks marked, the to-be with added and changed ones."""
    diff = comparison.diff
    before = {t.id: "removed" for t in diff.removed} | {c.before_id: "changed" for c in diff.changed}
    after = {t.id: "added" for t in diff.added} | {c.id: "changed" for c in diff.changed}
    a, b = comparison.figures
    return [_draw(comparison.a, before, a), _draw(comparison.b, after, b)]


def _draw(variant: VariantFile, highlight: dict[str, str], figures: Figures) -> DiagramView:
    spent = {key: days for key, days in figures.element_days.items() if days >= BADGE_FROM_DAYS}
    badges = {key: f"{_days(days)} ngày" for key, days in spent.items()}
    longest = max(spent.values(), default=0.0)
    heat = {key: days / longest for key, days in spent.items()} if longest else {}
    try:
        svg = render_svg(variant.path.read_bytes(), highlight=highlight, badges=badges, heat=heat)
    except LienThongError as exc:
        return DiagramView(variant.label, variant.path.name, None, f"không vẽ được · cannot draw: {exc}")
    return DiagramView(variant.label, variant.path.name, Markup(svg))


def _days(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
