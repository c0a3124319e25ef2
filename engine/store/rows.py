"""Rows to records and back: one mapping for every store module (JSON columns decoded on the way)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any, TypeVar

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
