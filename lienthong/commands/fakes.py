"""`lienthong fake-portal` and `lienthong fake-agency`: stand-ins for remote systems, on loopback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..fakes.agency import AGENCIES, FakeAgency, agencies_named
from ..fakes.portal import STATUS_PATH, FakePortal
from ..fakes.server import FakeServer, FakeService, Faults

Host = Annotated[str, typer.Option(help="Address to listen on (keep it on loopback)")]
FailBefore = Annotated[float, typer.Option(min=0, max=1, help="Share of calls answered 503 before applying")]
FailAfter = Annotated[float, typer.Option(min=0, max=1, help="Share of calls applied, then left unanswered")]
Delay = Annotated[float, typer.Option(min=0, help="Seconds to wait before handling each call")]
Seed = Annotated[int | None, typer.Option(help="Seed of the fault dice (the same seed, the same faults)")]
Verbose = Annotated[bool, typer.Option("--verbose", help="Log every request")]


def fake_portal(
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0: any free port, printed at start)")] = 8900,
    fail_before: FailBefore = 0.0,
    fail_after: FailAfter = 0.0,
    delay: Delay = 0.0,
    seed: Seed = None,
    journal: Annotated[Path | None, typer.Option(help="JSON-lines file keeping what was applied across "
                                                      "restarts")] = None,
    verbose: Verbose = False,
) -> None:
    """A fake National Public Service Portal: records dossier status changes, idempotent, fault-injecting."""
    service = FakePortal(name="portal", faults=Faults(fail_before, fail_after, delay), seed=seed,
                         journal=journal)
    _serve(service, host, port, verbose, f"status changes: POST {STATUS_PATH}")


def fake_agency(
    agencies: Annotated[list[str] | None, typer.Argument(
        help=f"Agencies to stand for: {', '.join(AGENCIES)}, or all")] = None,
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0: any free port, printed at start)")] = 8901,
    fail_before: FailBefore = 0.0,
    fail_after: FailAfter = 0.0,
    delay: Delay = 0.0,
    seed: Seed = None,
    verbose: Verbose = False,
) -> None:
    """A fake agency system answering service-task connectors (POST /operations/<operation>)."""
    try:
        served = agencies_named(agencies or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="AGENCIES") from None
    service = FakeAgency(name="+".join(served), faults=Faults(fail_before, fail_after, delay), seed=seed,
                         agencies=served)
    _serve(service, host, port, verbose, "operations: POST /operations/<operation>")


def _serve(service: FakeService, host: str, port: int, verbose: bool, what: str) -> None:
    try:
        server = FakeServer(service, host, port, quiet=not verbose)
    except OSError as exc:
        typer.echo(f"cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    # The first line names the URL: tests and scripts that pass --port 0 read it.
    typer.echo(f"fake {service.name} listening on {server.url}", nl=True)
    typer.echo(f"  {what}; GET /received, GET|POST /control, GET /health")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
