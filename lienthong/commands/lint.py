"""`lienthong lint`: check BPMN files before they are deployed; `--parse-only` reads any standard BPMN."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.lint.parse_only import ParseOnly
from workbench.lint.rules import describe_rules
from workbench.lint.run import lint_paths

from ..catalogue import catalogue_root

PROCEDURE_HELP = ("The procedure (slug or code) a file outside the catalogue belongs to; by default the one "
                  "whose diagram declares the same process ids")
PARSE_ONLY_HELP = (
    "Only read the files (any standard BPMN, or DMN): report what they hold and whether this engine could "
    "execute them, and why not. Exit 1 only when a file cannot be read at all."
)


RULES_HELP = "List every registered lint rule: its codes, what it checks, its legal source"


def lint(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="BPMN files, or folders (every *.bpmn under them)", show_default=False)] = None,
    parse_only: Annotated[bool, typer.Option("--parse-only", help=PARSE_ONLY_HELP)] = False,
    procedure: Annotated[str | None, typer.Option(help=PROCEDURE_HELP)] = None,
    rules: Annotated[bool, typer.Option("--rules", help=RULES_HELP)] = False,
) -> None:
    """Check BPMN files as the engine will load them; print `file:line: element: severity: message`."""
    if rules:
        for line in describe_rules():
            typer.echo(line)
        raise typer.Exit(0)
    if not paths:
        typer.echo("lienthong lint: name the BPMN files or folders to check (or --rules)", err=True)
        raise typer.Exit(2)
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
