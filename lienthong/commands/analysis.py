"""`lienthong diff`, `simulate` and `compare`: is the redesign better, by how much, and what changed?"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from engine.errors import LienThongError
from engine.time.calendar import WorkingCalendar
from workbench.compare.comparison import compare_files
from workbench.compare.report import write_report
from workbench.diff.changes import diff_files
from workbench.diff.terminal import diff_view
from workbench.simulate.terminal import figures_view
from workbench.simulate.variant import simulate_file
from workbench.variants import Outside

from ..catalogue import catalogue_root
from ..compose.settings import Settings
from ..compose.wiring import build_calendar

console = Console()
REPORT = Path("report.html")
PROCEDURE_HELP = ("The procedure (slug or code) a file outside the catalogue belongs to; by default the one "
                  "whose diagram declares the same process ids")
_COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Bad input ends with its message (file, line, element, what to do) and exit 2, never a traceback."""
    try:
        yield
    except LienThongError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")  # escaped: hints quote [sections]
        raise typer.Exit(2) from None


def diff(
    a: Annotated[Path, typer.Argument(help="The first variant, usually as-is.bpmn")],
    b: Annotated[Path, typer.Argument(help="The second variant, usually to-be.bpmn")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the diff as JSON here")] = None,
    procedure: Annotated[str | None, typer.Option(help=PROCEDURE_HELP)] = None,
) -> None:
    """Tasks added, removed and changed; hand-offs; citizen trips and papers; deadlines — from A to B."""
    with _clear_errors():
        result = diff_files(a, b, _outside(procedure))
    console.print(diff_view(result))
    if json_out is not None:
        json_out.write_text(result.to_json(), encoding="utf-8")
        console.print(f"JSON: {json_out}")


def simulate(
    file: Annotated[Path, typer.Argument(help="A BPMN file; <stem>.sim.toml beside it gives the inputs")],
    cases: Annotated[int, typer.Option("--cases", "-n", min=1, help="How many dossiers arrive")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same figures")] = 1,
    sim_file: Annotated[Path | None, typer.Option("--sim", help="Use this side file")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON")] = None,
    procedure: Annotated[str | None, typer.Option(help=PROCEDURE_HELP)] = None,
) -> None:
    """Run many cases through the real engine on a fake clock; print lead time, on-time share, utilisation."""
    calendar = _calendar()
    with _clear_errors(), _progress(f"mô phỏng {file.name}", cases) as advance:
        figures = simulate_file(file, cases=cases, seed=seed, sim_file=sim_file, calendar=calendar,
                                progress=advance, outside=_outside(procedure))
    console.print(figures_view([figures]))
    rate = cases / max(figures.wall_seconds, 1e-9)
    console.print(f"{cases} cases in {figures.wall_seconds:.1f} s ({rate:.0f} cases/s)")
    if json_out is not None:
        json_out.write_text(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2, default=str),
                            encoding="utf-8")
        console.print(f"JSON: {json_out}")


def compare(
    as_is: Annotated[Path, typer.Argument(help="Today's process, e.g. processes/<slug>/as-is.bpmn")],
    to_be: Annotated[Path, typer.Argument(help="The redesign, e.g. processes/<slug>/to-be.bpmn")],
    cases: Annotated[int, typer.Option("--cases", "-n", min=1, help="Dossiers simulated per variant")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same figures")] = 1,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML report to write")] = REPORT,
    scenarios: Annotated[bool, typer.Option(help="Run the group's Gherkin scenarios against both")] = True,
    procedure: Annotated[str | None, typer.Option(help=PROCEDURE_HELP)] = None,
) -> None:
    """Diff, simulate and test two variants; write one self-contained HTML report side by side."""
    labels = {}
    with _clear_errors(), Progress(*_COLUMNS, console=console, transient=True) as bar:
        def advance(label: str, n: int) -> None:
            if label not in labels:
                labels[label] = bar.add_task(f"mô phỏng {label}", total=cases)
            bar.advance(labels[label], n)

        result = compare_files(as_is, to_be, cases=cases, seed=seed, calendar=_calendar(),
                               scenarios=scenarios, progress=advance, outside=_outside(procedure))
        path = write_report(result, output)
    console.print(diff_view(result.diff))
    console.print(figures_view(list(result.figures)))
    if result.scenarios is not None:
        for run in result.scenarios:
            counts = ", ".join(f"{run.count(s)} {s}" for s in ("passed", "failed", "skipped"))
            state = counts if run.ran else f"not run: {run.reason}"
            console.print(f"kịch bản / scenarios {run.label}: {escape(state)}")
    console.print(f"[bold]Báo cáo / report:[/bold] {path}")


def _outside(procedure: str | None) -> Outside:
    """A file outside the catalogue runs as the catalogue variant declaring its processes (or `procedure`)."""
    return Outside(procedure, catalogue_root())


def _calendar() -> WorkingCalendar:
    """The installation's working-day calendar (with its override file)."""
    settings = Settings()
    return build_calendar(settings)


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    with Progress(*_COLUMNS, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
