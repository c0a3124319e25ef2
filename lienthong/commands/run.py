"""`lienthong run FILE.bpmn`: walk one case of a diagram in the terminal, typing what each form asks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from engine.errors import LienThongError
from workbench.simulate.walk import walk_file
from workbench.variants import Outside

from ..catalogue import catalogue_root


def _ask(prompt: str) -> str:
    typer.echo(prompt, nl=False)
    answer = input()  # EOFError when stdin ends: the walk stops and says where the case waits
    if not sys.stdin.isatty():
        typer.echo(answer)  # piped input: echo it, so the transcript reads as a session
    return answer


def run(
    file: Annotated[Path, typer.Argument(help="A BPMN file: a catalogue variant, a copy, a fresh diagram")],
    procedure: Annotated[str | None, typer.Option(help="The procedure a fresh diagram belongs to")] = None,
    start: Annotated[str | None, typer.Option(help="When the dossier arrives, e.g. 2025-03-03T08:30")] = None,
) -> None:
    """Run one case: shows the open tasks and their forms, asks the values, shows the next step."""
    try:
        code = walk_file(file, Outside(procedure, catalogue_root()), _ask, typer.echo, start)
    except LienThongError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(code)
