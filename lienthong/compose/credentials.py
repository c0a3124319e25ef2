"""Credentials an operator hands out: development tokens and agency systems' API keys (`lienthong token`,
`lienthong api-key`, `serve --demo`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from api.auth import issue_token, new_api_key
from api.persistence import ApiKeyRecord, ApiStore
from engine import Store

from .settings import Settings
from .wiring import build_token_keys


def development_token(settings: Settings, *, sub: str, kind: str, agency: str | None, roles: Sequence[str],
                      ttl: timedelta) -> str:
    """A token signed with the configured key (the development key file unless a secret is set)."""
    return issue_token(build_token_keys(settings), sub=sub, kind=kind, agency=agency, roles=roles, ttl=ttl)


@contextmanager
def api_keys_store(settings: Settings) -> Iterator[ApiStore]:
    """The API's store on the configured database (migrated first), closed when the block ends."""
    store = Store(settings.database_url)
    store.migrate()
    try:
        yield ApiStore(store)
    finally:
        store.dispose()


def create_api_key(store: ApiStore, agency: str, name: str, now: datetime) -> tuple[ApiKeyRecord, str]:
    """A new key for an agency system: its record (only the hash is stored) and the key, to show once."""
    key, key_hash, prefix = new_api_key()
    return store.add_api_key(agency, name, key_hash, prefix, now), key
