"""`lienthong layout` and `lienthong render`: diagram interchange from the XML, and SVG drawn from it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from engine.bpmn.reader import parse_bpmn
from engine.errors import LienThongError
from workbench.layout.draw import layout_file
from workbench.lint.di import missing_di, overlaps
from workbench.render.svg import render_svg

ARTIFACTS = ("textAnnotation", "association", "dataObjectReference", "dataStoreReference", "group",
             "dataInputAssociation", "dataOutputAssociation")


def _fail(console: Console, error: LienThongError) -> typer.Exit:
    console.print(f"[red]error[/red]: {escape(str(error))}", highlight=False)
    return typer.Exit(1)


def layout_command(
    file: Annotated[Path, typer.Argument(help="The BPMN file to lay out", exists=True, dir_okay=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not over FILE")] = None,
) -> None:
    """Replace FILE's diagram (DI) with a clean left-to-right layout; the process XML keeps every byte."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        written = layout_file(file, output)
        doc = parse_bpmn(written)
    except LienThongError as error:
        raise _fail(console, error) from None
    problems = missing_di(doc) + overlaps(doc)
    for problem in problems:
        console.print(str(problem), highlight=False)
    artifacts = doc.xpath(" | ".join(f"//bpmn:{kind}" for kind in ARTIFACTS))
    if artifacts:  # the layout draws the process, not comments and data: say so rather than drop them quietly
        names = ", ".join(sorted({a.get("id", "?") for a in artifacts})[:5])
        console.print(f"note: {len(artifacts)} annotation(s), data object(s) or group(s) are not drawn "
                      f"({names}…); place them in a modeler if you need them", highlight=False)
    shapes = len(doc.xpath("//bpmndi:BPMNShape"))
    edges = len(doc.xpath("//bpmndi:BPMNEdge"))
    console.print(f"wrote {written}: {shapes} shapes, {edges} edges", highlight=False)
    if problems:
        raise typer.Exit(1)


def render_command(
    file: Annotated[Path, typer.Argument(help="The BPMN file to draw", exists=True, dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The SVG file to write")],
    diagram: Annotated[str | None, typer.Option(help="Id of the diagram (default: the first)")] = None,
    title: Annotated[str | None, typer.Option(help="A heading above the diagram")] = None,
) -> None:
    """Draw FILE's diagram (from its DI) as a self-contained SVG."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        svg = render_svg(Path(file), diagram=diagram, title=title)
    except LienThongError as error:
        raise _fail(console, error) from None
    output.write_text(svg, encoding="utf-8")
    console.print(f"wrote {output}", highlight=False)
