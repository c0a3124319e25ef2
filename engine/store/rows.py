"""Rows to records and back: one mapping for every store module (JSON columns decoded on the way), and a
case row checked readable."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any, TypeVar

from .codes import DOSSIER_STATUSES
from .errors import CaseUnreadableError
from .records import CaseRecord

R = TypeVar("R")
# Columns holding JSON text: a record holds the decoded value.
JSON_FIELDS = frozenset({"summary", "data", "payload", "params"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def record_from_row(cls: type[R], row: Any) -> R:
    """A record dataclass from a result row (or a dict): the fields the row has, JSON decoded."""
    mapping = row if isinstance(row, dict) else row._mapping
    values = {}
    for name in _field_names(cls):
        if name in mapping:
            value = mapping[name]
            values[name] = json.loads(value) if name in JSON_FIELDS and isinstance(value, str) else value
    return cls(**values)


def row_from_record(record: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Column values of a record (JSON columns encoded), leaving out `skip`."""
    out = {}
    for name in _field_names(type(record)):
        if name in skip:
            continue
        value = getattr(record, name)
        out[name] = json.dumps(value, ensure_ascii=False, default=str) if name in JSON_FIELDS else value
    return out


def case_row(case: CaseRecord) -> dict[str, Any]:
    """The columns a step may change on a case row, as written (identity and creation time never change)."""
    return row_from_record(case, skip=("id", "dossier_code", "created_at"))


def case_record(row: Any) -> CaseRecord:
    """A case row as a record; a row whose JSON columns are corrupt is CaseUnreadableError for that case."""
    try:
        record = record_from_row(CaseRecord, row)
    except (ValueError, TypeError) as exc:
        mapping = row if isinstance(row, dict) else row._mapping
        raise CaseUnreadableError(str(mapping["id"]), f"{type(exc).__name__}: {exc}") from None
    if not isinstance(record.summary, dict):
        raise CaseUnreadableError(record.id, "its summary is not a JSON object")
    if record.status not in DOSSIER_STATUSES:
        raise CaseUnreadableError(record.id, f"its status {record.status!r} is not a dossier status 1–10")
    return record
