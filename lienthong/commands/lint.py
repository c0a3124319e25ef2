"""`lienthong lint`: check BPMN files before they are deployed; `--parse-only` reads any standard BPMN."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.lint import lint_paths
from workbench.parse_report import ParseOnly

from ..app import app
from ..catalogue import catalogue_root

PROCEDURE_HELP = ("The procedure (slug or code) a file outside the catalogue belongs to; by default the one "
                  "whose diagram declares the same process ids")
PARSE_ONLY_HELP = (
    "Only read the files (any standard BPMN, or DMN): report what they hold and whether this engine could "
    "execute them, and why not. Exit 1 only when a file cannot be read at all."
)


@app.command()
def lint(
    paths: Annotated[list[Path], typer.Argument(help="BPMN files, or folders (every *.bpmn under them)")],
    parse_only: Annotated[bool, typer.Option("--parse-only", help=PARSE_ONLY_HELP)] = False,
    procedure: Annotated[str | None, typer.Option(help=PROCEDURE_HELP)] = None,
) -> None:
    """Check BPMN files as the engine will load them; print `file:line: element: severity: message`."""
    if parse_only:
        report = ParseOnly().report(list(paths))
        for file in report.files:
            for line in file.lines():
                typer.echo(line)
        typer.echo(report.summary())
        raise typer.Exit(report.exit_code)
    result = lint_paths(paths, procedure, catalogue_root())
    for finding in result.findings:
        typer.echo(str(finding))
    typer.echo(result.summary())
    raise typer.Exit(result.exit_code)
