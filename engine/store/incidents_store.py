"""Case incidents: steps that failed at run time, kept with the operation to retry (engine/incidents.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from . import tables as t
from .prepared import Prepared
from .tx import Tx

ci = t.case_incidents
# Every step reads its case's open incidents (the view it returns lists them): prepared, not built per call.
_OF_CASE = select(ci).where(ci.c.case_id == bindparam("case_id")).order_by(ci.c.id.desc())
OPEN_OF_CASE = Prepared(_OF_CASE.where(ci.c.resolved_at.is_(None)))
ALL_OF_CASE = Prepared(_OF_CASE)


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
    query = OPEN_OF_CASE if open_only else ALL_OF_CASE
    return [_record(r) for r in query.fetch(tx.c, {"case_id": case_id})]


def resolve(tx: Tx, incident_id: int, by: str, now: datetime, resolution: str) -> bool:
    """Close an open incident; False when it was already closed."""
    result = tx.c.execute(
        update(ci)
        .where(ci.c.id == incident_id, ci.c.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=by, resolution=resolution)
    )
    return bool(result.rowcount)


def _record(row: dict[str, Any]) -> CaseIncidentRecord:
    return CaseIncidentRecord(**{**row, "operation": json.loads(row["operation"])})
