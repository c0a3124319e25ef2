"""Prepared: a Core statement compiled once per dialect, run on the transaction's own DBAPI cursor.

SQLAlchemy's execution layer costs about 30 µs per statement over the driver's own `execute` (contexts,
events, result wrapping). The engine's hot path runs five to seven statements per step, which made that
overhead the largest item in bench/engine.py's profile. A Prepared statement keeps everything SQLAlchemy is
good at — the SQL is written as Core, compiled by the dialect, and the column types' own bind and result
processors convert values (UtcDateTime, Boolean on SQLite) — and skips only the per-call machinery. It runs
inside the same connection and transaction as every other statement of the Tx.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement


@dataclass(frozen=True)
class _Plan:
    sql: str
    positional: tuple[str, ...] | None  # parameter order for qmark drivers, None for named ones
    bind: dict[str, tuple[Any, Any]]  # parameter name → (bind processor, value when not given)
    columns: tuple[str, ...]  # result column names (SELECT)
    results: tuple[Any, ...]  # result processor per column (None: none needed)


class Prepared:
    """One statement, compiled lazily for each dialect it meets."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._plans: dict[str, _Plan] = {}

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            compiled = self.statement.compile(dialect=dialect)
            assert isinstance(compiled, SQLCompiler)
            if "POSTCOMPILE" in str(compiled):
                raise ValueError("Prepared statements cannot hold expanding IN parameters; use == / or_()")
            # The types' own processors, as Core's execution would use them (TypeDecorators included).
            bind = {
                name: (param.type.dialect_impl(dialect).bind_processor(dialect), param.value)
                for name, param in compiled.binds.items()
            }
            # A SELECT's columns, keyed as its label style names them (the names the driver returns).
            selected = getattr(self.statement, "selected_columns", None)
            columns = tuple(selected.keys()) if selected is not None else ()
            results = tuple(
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in (selected or ())
            )
            positional = tuple(compiled.positiontup or ()) if compiled.positional else None
            plan = self._plans[dialect.name] = _Plan(str(compiled), positional, bind, columns, results)
        return plan

    def _params(self, plan: _Plan, values: Mapping[str, Any]) -> Any:
        # A column the caller does not mention (e.g. a worker's lease columns on a new row) is NULL.
        converted = {}
        for name, (processor, default) in plan.bind.items():
            value = values.get(name, default)
            converted[name] = processor(value) if processor is not None and value is not None else value
        if plan.positional is not None:
            return tuple(converted[name] for name in plan.positional)
        return converted

    def execute(self, connection: Connection, values: Mapping[str, Any] | None = None) -> int:
        """Run once; returns the row count (for UPDATE/DELETE)."""
        plan = self._plan(connection.dialect)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(plan.sql, self._params(plan, values or {}))
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def execute_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run for each row (INSERT)."""
        if not rows:
            return
        plan = self._plan(connection.dialect)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(plan.sql, [self._params(plan, row) for row in rows])
        finally:
            cursor.close()

    def fetch(self, connection: Connection, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Run a SELECT and return its rows as dicts of converted values."""
        plan = self._plan(connection.dialect)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(plan.sql, self._params(plan, values))
            rows = cursor.fetchall()
        finally:
            cursor.close()
        out = []
        for row in rows:
            out.append(
                {
                    name: (proc(value) if proc is not None else value)
                    for name, proc, value in zip(plan.columns, plan.results, row, strict=True)
                }
            )
        return out
