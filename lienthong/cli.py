"""Entry point of the `lienthong` console script: every command, registered from one list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .app import app
from .commands import (
    analysis,
    bdd,
    calendar,
    diagram,
    fakes,
    history,
    lint,
    report,
    run,
    serve,
    token,
    worker,
)

# A new command is one line here (its function in a module of commands/); `lienthong --help` keeps this order.
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("diff", analysis.diff),
    ("simulate", analysis.simulate),
    ("compare", analysis.compare),
    ("bdd", bdd.bdd),
    ("due", calendar.due),
    ("layout", diagram.layout_command),
    ("render", diagram.render_command),
    ("fake-portal", fakes.fake_portal),
    ("fake-agency", fakes.fake_agency),
    ("lint", lint.lint),
    ("report", report.report),
    ("run", run.run),
    ("serve", serve.serve),
    ("token", token.token),
    ("api-key", token.api_key),
    ("worker", worker.worker),
    ("dead-letters", worker.dead_letters),
    ("incidents", worker.incidents),
    ("purge-history", history.purge_history),
)

for name, command in COMMANDS:
    app.command(name)(command)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
