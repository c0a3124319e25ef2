"""`ApiStore`: what the HTTP API keeps besides cases — idempotency answers and agency API keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import RowMapping, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from engine import Transactions

from .tables import api_keys, idempotency_keys


@dataclass(frozen=True)
class StoredAnswer:
    """The first answer given to a request with an idempotency key."""

    fingerprint: str
    method: str
    path: str
    status_code: int
    body: str
    location: str | None
    created_at: datetime


@dataclass(frozen=True)
class ApiKeyRecord:
    """An agency system's API key, as stored (the key itself is never kept, only its SHA-256)."""

    id: int
    agency: str
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiStore:
    """The API's own rows, each operation in a transaction of `store` (a Store, or a unit of work)."""

    def __init__(self, store: Transactions) -> None:
        self.store = store

    def within(self, unit: Transactions) -> ApiStore:
        """The same rows, every operation joining `unit` (the request's unit of work)."""
        return ApiStore(unit)

    # -- idempotency ------------------------------------------------------------------------------
    def claim_key(self, principal: str, key: str, *, method: str, path: str, fingerprint: str,
                  now: datetime) -> StoredAnswer | None:
        """Reserve a key for this request, or return the answer already stored under it.

        Call first in a unit of work: a second request with the same key waits here until the first one
        commits (or rolls back and frees the key).
        """
        table = idempotency_keys
        with self.store.transaction() as tx:
            build = sqlite_insert if tx.is_sqlite else pg_insert
            # RETURNING, not rowcount: the driver's rowcount of INSERT … ON CONFLICT is not reliable.
            inserted = tx.c.execute(
                build(table).values(principal=principal, key=key, method=method, path=path,
                                    fingerprint=fingerprint, created_at=now)
                .on_conflict_do_nothing(index_elements=["principal", "key"]).returning(table.c.key)
            ).first()
            if inserted is not None:
                return None
            row = tx.c.execute(select(table).where(table.c.principal == principal, table.c.key == key)).one()
        return _answer(row._mapping)

    def find_answer(self, principal: str, key: str) -> StoredAnswer | None:
        """The answer stored under a key, if a request with it has finished."""
        table = idempotency_keys
        where = (table.c.principal == principal) & (table.c.key == key)
        with self.store.transaction(write=False) as tx:
            row = tx.c.execute(select(table).where(where)).first()
        return None if row is None else _answer(row._mapping)

    def save_answer(self, principal: str, key: str, status_code: int, body: str,
                    location: str | None) -> None:
        """Record the answer of a reserved key (in the same unit of work as the effect)."""
        table = idempotency_keys
        with self.store.transaction() as tx:
            tx.c.execute(update(table).where(table.c.principal == principal, table.c.key == key)
                         .values(status_code=status_code, body=body, location=location))

    def purge_keys(self, before: datetime) -> int:
        """Forget idempotency keys created before `before`; returns how many."""
        with self.store.transaction() as tx:
            result = tx.c.execute(delete(idempotency_keys).where(idempotency_keys.c.created_at < before))
            return int(result.rowcount)

    # -- API keys ---------------------------------------------------------------------------------
    def add_api_key(self, agency: str, name: str, key_hash: str, prefix: str, now: datetime) -> ApiKeyRecord:
        """Store a new key's hash for an agency system."""
        with self.store.transaction() as tx:
            new_id = tx.c.execute(
                api_keys.insert().values(agency=agency, name=name, key_hash=key_hash, prefix=prefix,
                                         created_at=now).returning(api_keys.c.id)
            ).scalar_one()
        return ApiKeyRecord(int(new_id), agency, name, prefix, now, None)

    def find_api_key(self, key_hash: str) -> ApiKeyRecord | None:
        """The live (not revoked) key with this hash."""
        with self.store.transaction(write=False) as tx:
            row = tx.c.execute(select(api_keys).where(api_keys.c.key_hash == key_hash,
                                                      api_keys.c.revoked_at.is_(None))).first()
        return None if row is None else _api_key(row._mapping)

    def list_api_keys(self, agency: str | None = None) -> list[ApiKeyRecord]:
        """Every key (revoked ones too), oldest first."""
        query = select(api_keys).order_by(api_keys.c.id)
        if agency is not None:
            query = query.where(api_keys.c.agency == agency)
        with self.store.transaction(write=False) as tx:
            return [_api_key(r._mapping) for r in tx.c.execute(query)]

    def revoke_api_key(self, key_id: int, now: datetime) -> bool:
        """Revoke a key; False if it does not exist or was already revoked."""
        with self.store.transaction() as tx:
            live = (api_keys.c.id == key_id) & api_keys.c.revoked_at.is_(None)
            result = tx.c.execute(update(api_keys).where(live).values(revoked_at=now))
            return bool(result.rowcount == 1)

    # -- health and metrics -----------------------------------------------------------------------
    def ping(self) -> None:
        """Raise if the database does not answer."""
        with self.store.transaction(write=False) as tx:
            tx.c.execute(text("SELECT 1"))


def _answer(m: RowMapping) -> StoredAnswer:
    return StoredAnswer(m["fingerprint"], m["method"], m["path"], int(m["status_code"] or 0),
                        m["body"] or "", m["location"], m["created_at"])


def _api_key(m: RowMapping) -> ApiKeyRecord:
    return ApiKeyRecord(int(m["id"]), m["agency"], m["name"], m["prefix"], m["created_at"], m["revoked_at"])
