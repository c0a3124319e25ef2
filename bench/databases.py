"""Databases for the benchmarks: a fresh PostgreSQL schema per run (dropped after), and the bytes stored."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager

from sqlalchemy import create_engine, text

from engine import Store


def fresh_schema(base: str) -> tuple[str, str]:
    """A new schema in the database, and a URL whose connections use it."""
    schema = f"lt_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return schema, f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def drop_schema(base: str, schema: str) -> None:
    """Drop a schema made by fresh_schema, with everything in it."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@contextmanager
def scratch_url(base: str | None, directory: str, name: str) -> Iterator[str]:
    """A fresh database: a SQLite file in `directory`, or a new schema on the PostgreSQL server `base`."""
    if base is None:
        yield f"sqlite:///{directory}/{name}.db"
        return
    schema, url = fresh_schema(base)
    try:
        yield url
    finally:
        drop_schema(base, schema)


def stored_bytes(store: Store) -> int:
    """Bytes of every table and index: SQLite pages in use after a WAL checkpoint, or PostgreSQL's
    pg_total_relation_size summed over the schema's tables (indexes and TOAST included)."""
    if store.is_sqlite:
        # Outside any transaction: a checkpoint cannot move pages a reader still holds.
        with closing(sqlite3.connect(store.url.database or "")) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return int(conn.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0])
    with store.transaction(write=False) as tx:
        return int(tx.c.exec_driver_sql(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema()"
        ).scalar_one())
