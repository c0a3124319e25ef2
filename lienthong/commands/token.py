"""`lienthong token` (development JWTs) and `lienthong api-key` (keys for agency systems)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import typer
from rich.console import Console
from rich.table import Table

from engine.errors import LienThongError

from ..compose.credentials import api_keys_store, create_api_key, development_token
from ..compose.settings import Settings


def token(
    sub: str = typer.Option(..., help="Who: an officer's user id, or a citizen's personal id number"),
    agency: str | None = typer.Option(None, help="The officer's agency code, e.g. so-gddt"),
    roles: str = typer.Option("", help="Comma-separated role codes, e.g. mot-cua,chuyen-vien"),
    kind: str = typer.Option("officer", help="officer or citizen"),
    hours: float = typer.Option(8.0, min=0.01, help="Validity in hours"),
) -> None:
    """Print a development token signed with the configured development key."""
    try:
        settings = Settings()
        if kind == "officer" and not agency:
            raise LienThongError("an officer's token needs --agency")
        codes = [r.strip() for r in roles.split(",") if r.strip()]
        print(development_token(settings, sub=sub, kind=kind, agency=agency, roles=codes,
                                ttl=timedelta(hours=hours)))
    except LienThongError as exc:
        Console(stderr=True).print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from None


def api_key(
    agency: str | None = typer.Option(None, help="Create a key for this agency code (e.g. cong-an)"),
    name: str = typer.Option("", help="What the key is for, e.g. the agency system's name"),
    revoke: int | None = typer.Option(None, help="Revoke the key with this id instead"),
) -> None:
    """Create (or revoke) an agency system's API key; the key is shown once, only its hash is stored."""
    console = Console()
    now = datetime.now(UTC)
    with api_keys_store(Settings()) as keys:
        if revoke is not None:
            console.print("revoked" if keys.revoke_api_key(revoke, now) else f"no live key with id {revoke}")
        elif agency:
            record, key = create_api_key(keys, agency, name or agency, now)
            console.print(f"key {record.id} for agency {agency} (shown once; send it as X-API-Key):")
            print(key)
        else:
            table = Table("id", "agency", "name", "prefix", "created", "revoked")
            for k in keys.list_api_keys():
                table.add_row(str(k.id), k.agency, k.name, k.prefix + "…", f"{k.created_at:%Y-%m-%d %H:%M}",
                              f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "")
            console.print(table)
