"""The Store: SQLAlchemy 2 Core over SQLite (WAL, embedded default) or PostgreSQL (several processes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from .errors import ConflictError
from .tx import Tx


class Store:
    """Owns the database engine; hands out one transaction (Tx) per engine operation."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            database = self.url.database or ""
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self._engine: Engine = create_engine(
                self.url,
                connect_args={"check_same_thread": False, "timeout": 60},
                poolclass=NullPool if database in ("", ":memory:") else None,
                # Every transaction ends in COMMIT or ROLLBACK already; skip the extra rollback on check-in.
                pool_reset_on_return=None,
            )
            event.listen(self._engine, "connect", _sqlite_on_connect)
            event.listen(self._engine, "begin", _sqlite_on_begin)
        else:
            # No pre-ping: it costs a round trip per transaction (an engine step is a handful of them);
            # connections are recycled instead, and a dropped one fails its operation with a clear error.
            self._engine = create_engine(self.url, pool_size=10, max_overflow=20, pool_recycle=1800)
        self._writer = self._engine.execution_options(lienthong_write=True)

    def migrate(self) -> None:
        """Bring the schema to the latest migration (alembic upgrade head)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self._engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        engine = self._writer if write else self._engine
        try:
            with engine.begin() as connection:
                yield Tx(connection, self.is_sqlite)
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower() or "deadlock" in str(exc.orig).lower():
                raise ConflictError("the database is busy with a conflicting change; retry") from exc
            raise

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` now: each of the Store's transactions has committed by the end of its block."""
        action()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from pysqlite so that BEGIN IMMEDIATE can be issued explicitly.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # Writers take the write lock up front: two writers never deadlock upgrading a read lock.
    write = connection.get_execution_options().get("lienthong_write", False)
    connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")  # type: ignore[union-attr]
