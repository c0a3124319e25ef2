"""Case incidents: steps that failed at run time, kept with the operation to retry (engine/incidents.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from . import tables as t
from .tx import Tx

ci = t.case_incidents


@dataclass(frozen=True)
class CaseIncidentRecord:
    """A failed step of a case: where, what was evaluated, which field, and what to retry."""

    id: int
    case_id: str
    element_id: str | None
    expression: str | None
    field: str | None
    error: str
    operation: dict[str, Any]
    raised_by: str
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None


def add_incident(
    tx: Tx,
    case_id: str,
    *,
    element_id: str | None,
    expression: str | None,
    field: str | None,
    error: str,
    operation: dict[str, Any],
    raised_by: str,
    now: datetime,
) -> int:
    """Record a failed step; returns the incident's id."""
    result = tx.c.execute(
        insert(ci).values(
            case_id=case_id,
            element_id=element_id,
            expression=expression,
            field=field,
            error=error[:2000],
            operation=json.dumps(operation, ensure_ascii=False, default=str),
            raised_by=raised_by,
            created_at=now,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def incidents_of(tx: Tx, case_id: str, *, open_only: bool = False) -> list[CaseIncidentRecord]:
    """A case's incidents, newest first."""
    query = select(ci).where(ci.c.case_id == case_id)
    if open_only:
        query = query.where(ci.c.resolved_at.is_(None))
    return [_record(r) for r in tx.c.execute(query.order_by(ci.c.id.desc()))]


def resolve(tx: Tx, incident_id: int, by: str, now: datetime, resolution: str) -> bool:
    """Close an open incident; False when it was already closed."""
    result = tx.c.execute(
        update(ci)
        .where(ci.c.id == incident_id, ci.c.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=by, resolution=resolution)
    )
    return bool(result.rowcount)


def _record(row: Any) -> CaseIncidentRecord:
    return CaseIncidentRecord(
        id=row.id,
        case_id=row.case_id,
        element_id=row.element_id,
        expression=row.expression,
        field=row.field,
        error=row.error,
        operation=json.loads(row.operation),
        raised_by=row.raised_by,
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
    )
