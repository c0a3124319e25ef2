"""Audit events carry a hash of their data that depends on the data only, never on key order."""

from __future__ import annotations

from datetime import datetime

from engine.run.audit import audit_event, data_hash
from engine.time.clock import VN_TZ

AT = datetime(2025, 3, 3, 9, 0, tzinfo=VN_TZ)


def test_the_hash_ignores_key_order_and_sees_every_value() -> None:
    assert data_hash({"a": 1, "b": "Nguyễn"}) == data_hash({"b": "Nguyễn", "a": 1})
    assert data_hash({"a": 1}) != data_hash({"a": 2})
    assert data_hash({"at": AT}) == data_hash({"at": str(AT)})  # non-JSON values hash as their text
    assert len(data_hash({})) == 64 and data_hash({}) != data_hash([])


def test_an_event_records_who_what_when_and_the_hash_of_its_data() -> None:
    event = audit_event(
        "case-1", AT, "canbo.motcua", "status_changed", "TiepNhan", from_state="1", to_state="2",
        data={"label": "Được tiếp nhận"},
    )
    assert (event.case_id, event.at, event.actor) == ("case-1", AT, "canbo.motcua")
    assert event.kind == "status_changed"
    assert (event.element_id, event.from_state, event.to_state) == ("TiepNhan", "1", "2")
    assert event.data == {"label": "Được tiếp nhận"}
    assert event.data_hash == data_hash({"label": "Được tiếp nhận"})


def test_an_event_without_data_has_empty_data_and_its_hash() -> None:
    event = audit_event("case-1", AT, "system", "timer_fired")
    assert event.element_id is None and event.from_state is None and event.to_state is None
    assert event.data == {} and event.data_hash == data_hash({})
