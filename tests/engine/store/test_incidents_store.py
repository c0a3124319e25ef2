"""store/incidents_store.py: a case's failed steps with their operation, newest first, closed once."""

from __future__ import annotations

from engine import Engine
from engine.store import incidents_store as incidents
from engine.time.clock import FakeClock

from .conftest import start


def test_incidents_are_kept_with_their_operation_and_listed_newest_first(linked: Engine,
                                                                          clock: FakeClock) -> None:
    case_id = start(linked)
    operation = {"kind": "message", "name": "Msg_KetQua", "payload": {"ly_do": "thiếu giấy tờ"}}
    with linked.store.transaction() as tx:
        first = incidents.add_incident(tx, case_id, element_id="Gateway_1", expression="so_ngay > 3",
                                       field="so_ngay", error="name 'so_ngay' is not defined",
                                       operation=operation, raised_by="cong-an", now=clock.now())
        second = incidents.add_incident(tx, case_id, element_id=None, expression=None, field=None,
                                        error="x" * 5000, operation={}, raised_by="system", now=clock.now())
    with linked.store.transaction(write=False) as tx:
        newest, oldest = incidents.incidents_of(tx, case_id)
    assert (newest.id, oldest.id) == (second, first)
    assert oldest.operation == operation and oldest.field == "so_ngay" and oldest.raised_by == "cong-an"
    assert oldest.resolved_at is None and oldest.created_at == clock.now()
    assert len(newest.error) == 2000  # a runaway message is cut, not refused


def test_an_incident_is_closed_once_and_then_no_longer_open(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        incident = incidents.add_incident(tx, case_id, element_id="Task_1", expression=None, field=None,
                                          error="boom", operation={}, raised_by="system", now=clock.now())
    clock.advance(hours=1)
    with linked.store.transaction() as tx:
        assert incidents.resolve(tx, incident, "canbo.cutru", clock.now(), "corrected") is True
        assert incidents.resolve(tx, incident, "canbo.khac", clock.now(), "again") is False
    with linked.store.transaction(write=False) as tx:
        assert incidents.incidents_of(tx, case_id, open_only=True) == []
        [closed] = incidents.incidents_of(tx, case_id)
    assert (closed.resolved_by, closed.resolution, closed.resolved_at) == ("canbo.cutru", "corrected",
                                                                          clock.now())


def test_a_case_s_incidents_are_its_own(linked: Engine, clock: FakeClock) -> None:
    mine, other = start(linked), start(linked, applicant="001203009999")
    with linked.store.transaction() as tx:
        incidents.add_incident(tx, other, element_id=None, expression=None, field=None, error="e",
                               operation={}, raised_by="system", now=clock.now())
        assert incidents.incidents_of(tx, mine) == []
