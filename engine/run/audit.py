"""Audit events: who did what to which case, when, from and to which state, with a hash of the data."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from ..store.records import EventRecord


def data_hash(data: Any) -> str:
    """A stable hash of event data (the audit trail records it with every change)."""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def audit_event(
    case_id: str,
    at: datetime,
    actor: str,
    kind: str,
    element_id: str | None = None,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    data: dict[str, Any] | None = None,
) -> EventRecord:
    """An audit event record with its data hash."""
    payload = data or {}
    return EventRecord(
        case_id=case_id,
        at=at,
        actor=actor,
        kind=kind,
        element_id=element_id,
        from_state=from_state,
        to_state=to_state,
        data=payload,
        data_hash=data_hash(payload),
    )
