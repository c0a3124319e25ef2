"""store/rows.py: rows to records and back, JSON columns decoded, a corrupt case row refused alone."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select, update

from engine import Engine
from engine.store import rows
from engine.store.errors import CaseUnreadableError
from engine.store.records import EventRecord
from engine.store.tables import cases, events

from .conftest import start


def test_a_record_and_its_row_are_the_same_values_with_json_as_text(linked: Engine) -> None:
    case_id = start(linked)
    with linked.store.transaction(write=False) as tx:
        [row] = tx.c.execute(select(events).where(events.c.case_id == case_id).limit(1))
    record = rows.record_from_row(EventRecord, row)
    assert isinstance(record.data, dict)
    values = rows.row_from_record(record, skip=("id",))
    assert "id" not in values and json.loads(values["data"]) == record.data
    assert rows.record_from_row(EventRecord, {**values, "id": record.id}) == record


def test_vietnamese_stays_readable_in_a_json_column() -> None:
    record = EventRecord(case_id="c", at=datetime(2025, 3, 3), actor="a", kind="k",
                         data={"ho_ten": "Lê Minh Khang"})
    assert rows.row_from_record(record)["data"] == '{"ho_ten": "Lê Minh Khang"}'


def test_a_stored_case_reads_as_its_record(linked: Engine) -> None:
    case_id = start(linked)
    with linked.store.transaction(write=False) as tx:
        row = tx.c.execute(select(cases).where(cases.c.id == case_id)).one()
    record = rows.case_record(row)
    assert record.id == case_id and record.procedure == "lien-thong-mau" and isinstance(record.summary, dict)


@pytest.mark.parametrize(("column", "value", "cause"), [
    ("summary", "{not json", "JSONDecodeError"),
    ("summary", "[1, 2]", "its summary is not a JSON object"),
    ("status", 42, "its status 42 is not a dossier status 1–10"),
])
def test_a_corrupt_case_row_is_unreadable_for_that_case_only(linked: Engine, column: str, value: object,
                                                             cause: str) -> None:
    broken, intact = start(linked), start(linked)
    with linked.store.transaction() as tx:
        tx.c.execute(update(cases).where(cases.c.id == broken).values({column: value}))
    with linked.store.transaction(write=False) as tx:
        found = {r.id: r for r in tx.c.execute(select(cases))}
    with pytest.raises(CaseUnreadableError, match=cause) as raised:
        rows.case_record(found[broken])
    assert raised.value.case_id == broken
    assert rows.case_record(found[intact]).id == intact
