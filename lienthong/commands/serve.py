"""`lienthong serve`: the HTTP API under uvicorn, on SQLite by default (var/lienthong.db) or PostgreSQL."""

from __future__ import annotations

import os
import socket

import typer
import uvicorn
from rich.console import Console
from uvicorn.supervisors import Multiprocess

from ..compose.demo import APPLICANT, DemoReport, load_demo
from ..compose.server import FACTORY, build_api_parts
from ..compose.settings import Settings
from ..worker import start_demo_services


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)"),
    port: int = typer.Option(8000, help="TCP port"),
    workers: int = typer.Option(1, min=1, help="uvicorn worker processes (PostgreSQL for more than one)"),
    demo: bool = typer.Option(False, "--demo", help="Deploy the catalogue, add cases, print credentials"),
    database_url: str | None = typer.Option(None, help="Overrides LIENTHONG_DATABASE_URL"),
) -> None:
    """Start the HTTP API. Migrations (and --demo data) run once here, before the workers start."""
    # Workers read their settings from the environment: pass the options on that way.
    if database_url:
        os.environ["LIENTHONG_DATABASE_URL"] = database_url
    if demo:
        os.environ["LIENTHONG_DEMO"] = "true"
    settings = Settings()
    console = Console(soft_wrap=True)  # tokens and keys must stay on one line to be copied
    # Migrates, and creates the development key once, before the workers start.
    parts = build_api_parts(settings)
    if not parts.engine.catalog.procedures():
        console.print(f"[yellow]no procedures under {settings.processes_dir.resolve()}: run from the "
                      "repository root or set LIENTHONG_PROCESSES_DIR[/yellow]")
    if settings.demo:
        _print_demo(console, load_demo(parts.engine, parts.store, parts.keys), host, port)
    parts.engine.store.dispose()
    if settings.database_url.startswith("sqlite") and workers > 1:
        console.print("[yellow]workers on SQLite take turns to write; use PostgreSQL to scale[/yellow]")
    services = start_demo_services(settings) if settings.demo else None
    if services is not None:
        console.print(f"Fake national portal on {services.portal.url}; a worker sends it every status change "
                      f"(see {services.portal_url}), fires timers and runs service tasks")
    console.print(f"Liên Thông API on http://{host}:{port}  (OpenAPI: /docs, database: {_safe(settings)})")
    try:
        _run_uvicorn(host, port, workers)
    finally:
        if services is not None:
            services.stop()


def _run_uvicorn(host: str, port: int, workers: int) -> None:
    """uvicorn, with the listening socket made here when there are several workers.

    uvicorn binds its multi-worker socket without naming the protocol (proto 0), so asyncio never sets
    TCP_NODELAY on the connections it accepts and each response waits ~40 ms for the client's delayed ACK
    (measured: 44 ms against 0.9 ms per request). A socket created as IPPROTO_TCP avoids that.
    """
    config = uvicorn.Config(FACTORY, factory=True, host=host, port=port, workers=workers,
                            log_level="info")
    if workers == 1:
        uvicorn.Server(config).run()
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(config.backlog)
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


def _safe(settings: Settings) -> str:
    url = settings.database_url
    return url.split("@", 1)[-1] if "@" in url else url  # never print a password


def _print_demo(console: Console, report: DemoReport, host: str, port: int) -> None:
    console.print(f"[bold]Demo[/bold]: {len(report.deployed)} variants deployed, "
                  f"{len(report.cases)} new cases")
    for line in report.cases:
        console.print(f"  {line}")
    for line in report.skipped:
        console.print(f"  [yellow]skipped[/yellow] {line}")
    base = f"http://{host}:{port}"
    for who, token in report.tokens.items():
        console.print(f"\n[bold]Token[/bold] for {who} (12 h):\n{token}", soft_wrap=True)
    for agency, key in report.api_keys.items():
        console.print(f"\n[bold]API key[/bold] of agency {agency}: {key}", soft_wrap=True)
    console.print(f"\nOfficers' pages: {base}/ (a one-click demo login for every lane)", soft_wrap=True)
    first = next(iter(report.tokens.values()), "TOKEN")
    console.print(f'\nTry:  curl -H "Authorization: Bearer {first}" {base}/tasks\n', soft_wrap=True)
    if report.cases:
        code = report.cases[0].split(" ", 1)[0]
        console.print(f"Citizen lookup: {base}/tra-cuu?ma_ho_so={code} (id number {APPLICANT})\n",
                      soft_wrap=True)
