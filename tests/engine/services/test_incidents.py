"""The incidents service: a step incident kept, shown on the case, closed by a later delivery; job incidents
seen only by those who see their case."""

from __future__ import annotations

import pytest

from engine import Actor, Engine, NotFoundError, TaskFailedError
from engine.services.incidents import missing_field

from .conftest import CITIZEN, CLERK, POLICE, STRANGER, registered

FAILURE = TaskFailedError(
    "Gateway_KetQua: NameError: name 'ket_qua' is not defined",
    element_id="Gateway_KetQua",
    details={"expression": "ket_qua == 'dat'"},
)


def test_a_failed_delivery_is_kept_shown_on_the_case_and_closed_by_a_later_one(linked: Engine) -> None:
    case = registered(linked)
    operation = {"kind": "message", "name": "ket_qua_cu_tru", "payload": {}, "sender": "cong-an"}
    with linked.store.transaction() as tx:
        incident = linked.incidents.record(tx, case.id, POLICE, FAILURE, operation)
    [kept] = linked.incidents.of_case(case.id, CITIZEN)
    assert (kept.id, kept.field, kept.expression, kept.operation, kept.message) == (
        incident, "ket_qua", "ket_qua == 'dat'", "message", "ket_qua_cu_tru",
    )
    assert [i.id for i in linked.cases.get(case.id, CLERK).incidents] == [incident]
    with pytest.raises(NotFoundError):
        linked.incidents.of_case(case.id, STRANGER)
    with linked.store.transaction() as tx:
        linked.incidents.close_message(tx, case.id, POLICE, "ket_qua_cu_tru", "a later one went through")
    assert linked.incidents.of_case(case.id, CITIZEN, open_only=True) == []
    [closed] = linked.incidents.of_case(case.id, CITIZEN)
    assert (closed.resolved_by, closed.resolution) == (POLICE.id, "a later one went through")
    kinds = [e.kind for e in linked.cases.history(case.id)]
    assert kinds.count("incident_raised") == kinds.count("incident_resolved") == 1


def test_the_missing_field_is_read_from_the_error_or_its_field() -> None:
    assert missing_field(FAILURE) == "ket_qua"
    assert missing_field(TaskFailedError("KeyError: 'ho_ten'")) == "ho_ten"
    assert missing_field(TaskFailedError("boom", field="ngay_sinh")) == "ngay_sinh"


def test_job_incidents_are_listed_only_where_their_case_is_seen(linked: Engine) -> None:
    case = registered(linked)
    assert linked.incidents.list(Actor.citizen("079090001111")) == ([], 0)  # a citizen sees them on a case
    assert linked.incidents.list(CITIZEN, case_id=case.id) == ([], 0)
    with pytest.raises(NotFoundError):
        linked.incidents.list(STRANGER, case_id=case.id)
    with pytest.raises(NotFoundError, match="no incident 7"):
        linked.incidents.get(7, CLERK)
    with pytest.raises(NotFoundError, match="no incident 7"):
        linked.incidents.retry(7, CLERK)
