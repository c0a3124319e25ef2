"""store/records.py: each record is its table's row, field for field, and nothing from SQLAlchemy."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Table

from engine.store import records as r
from engine.store import tables as t

# Each record, its table, and the columns it leaves out, with the reason.
ROWS = [
    (r.VersionRecord, t.versions, set()),
    (r.CaseRecord, t.cases, set()),
    (r.TaskRecord, t.tasks, set()),
    (r.TimerRecord, t.timers, set()),
    (r.SubscriptionRecord, t.subscriptions, {"id"}),  # a subscription is found by message and key, never id
    (r.EventRecord, t.events, set()),
    # The lease is the delivery's own (store/outbox_store.py), not what a step writes.
    (r.OutboxRecord, t.outbox, {"next_attempt_at", "lease_owner", "lease_until"}),
]


@pytest.mark.parametrize(("record", "table", "left_out"), ROWS, ids=lambda x: getattr(x, "__name__", ""))
def test_a_record_has_its_table_s_columns(record: type, table: Table, left_out: set[str]) -> None:
    fields = {f.name for f in dataclasses.fields(record)}
    assert fields == set(table.c.keys()) - left_out


def test_records_are_plain_dataclasses_that_import_no_sqlalchemy() -> None:
    classes = [getattr(r, name) for name in dir(r) if name.endswith(("Record", "Case"))]
    assert classes and all(dataclasses.is_dataclass(cls) for cls in classes)
    tree = ast.parse(Path(r.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not {name for name in imported if name and name.split(".")[0] == "sqlalchemy"}
