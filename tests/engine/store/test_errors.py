"""store/errors.py: the root of the one error hierarchy and the store's conflicts, as callers read them."""

from __future__ import annotations

from engine import errors
from engine.store import errors as store_errors
from engine.store.errors import CaseUnreadableError, ConflictError, LienThongError


def test_the_store_raises_errors_of_the_engine_s_one_hierarchy() -> None:
    # api/errors.py maps engine.errors once: the store's conflicts must be those very classes.
    assert errors.ConflictError is store_errors.ConflictError
    assert errors.CaseUnreadableError is store_errors.CaseUnreadableError
    assert issubclass(errors.NotFoundError, store_errors.LienThongError)


def test_an_error_says_where_and_what_to_do() -> None:
    error = LienThongError("thiếu trường", file="a.bpmn", line=12, element_id="Task_1", field="ho_ten",
                           hint="điền họ tên", details={"n": 1})
    assert error.where == "a.bpmn:12: Task_1: field ho_ten"
    assert str(error) == "a.bpmn:12: Task_1: field ho_ten: thiếu trường (điền họ tên)"
    assert error.to_dict() == {"message": "thiếu trường", "element_id": "Task_1", "file": "a.bpmn",
                               "line": 12, "field": "ho_ten", "hint": "điền họ tên", "details": {"n": 1}}


def test_an_error_without_a_place_is_its_message() -> None:
    assert LienThongError("x", line=3).where == "line 3"
    assert str(LienThongError("x")) == "x"
    assert LienThongError("x").to_dict() == {"message": "x"}


def test_an_unreadable_case_is_a_conflict_naming_the_case() -> None:
    error = CaseUnreadableError("c-1", "bad JSON")
    assert isinstance(error, ConflictError)
    assert error.case_id == "c-1" and error.details == {"case_id": "c-1"}
    assert "case c-1 cannot be read from the database: bad JSON" in str(error)
    assert error.hint and "backup" in error.hint
