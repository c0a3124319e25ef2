"""The Typer application; `lienthong/cli.py` registers every command on it from one list."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="lienthong",
    help="Liên Thông — BPMN engine for Vietnamese linked administrative procedures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Liên Thông — BPMN engine for Vietnamese linked administrative procedures."""
