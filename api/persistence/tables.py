"""The API's tables: idempotency keys and agency API keys (stored hashed); migration 0002 creates them."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text

from engine import UtcDateTime

# Kept apart from tables.metadata: the engine's schema does not change when the API is installed.
api_metadata = MetaData()

idempotency_keys = Table(
    "idempotency_keys", api_metadata,
    Column("principal", String(160), nullable=False),
    Column("key", String(255), nullable=False),
    Column("method", String(8), nullable=False),
    Column("path", String(512), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status_code", Integer),
    Column("body", Text),
    Column("location", String(512)),
    Column("created_at", UtcDateTime(), nullable=False, index=True),
    PrimaryKeyConstraint("principal", "key", name="pk_idempotency_keys"),
)

api_keys = Table(
    "api_keys", api_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(64), nullable=False),
    Column("name", String(256), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
)
